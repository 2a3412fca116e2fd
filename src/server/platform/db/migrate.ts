// Runs the numbered, forward-only migrations in migrations/ as the database owner.
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { promises as fs, readdirSync } from 'node:fs';
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import { FileMigrationProvider, Migrator } from 'kysely/migration';

const folder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../migrations');

/** The migrations this code brings, by name (as recorded in kysely_migration), in order. */
export function knownMigrations(): string[] {
  return readdirSync(folder)
    .filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts'))
    .map((f) => f.replace(/\.(ts|js)$/, ''))
    .sort();
}

export async function migrateToLatest(connectionString: string): Promise<string[]> {
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString, max: 1 }) }) });
  try {
    const migrator = new Migrator({ db, provider: new FileMigrationProvider({ fs, path, migrationFolder: folder }) });
    const { error, results } = await migrator.migrateToLatest();
    if (error) throw error instanceof Error ? error : new Error(String(error));
    return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  } finally {
    await db.destroy();
  }
}
