// Runs the numbered, forward-only migrations in migrations/ as the database owner.
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { promises as fs, readdirSync } from 'node:fs';
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import { FileMigrationProvider, Migrator, type MigrationResultSet } from 'kysely/migration';

const folder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../migrations');

/** The migrations this code brings, by name (as recorded in kysely_migration), in order. */
export function knownMigrations(): string[] {
  return readdirSync(folder)
    .filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts'))
    .map((f) => f.replace(/\.(ts|js)$/, ''))
    .sort();
}

/**
 * During a rolling upgrade a newer version may already have migrated the database: migrations only add, so this
 * version can run on it as long as every migration it knows is applied. It then migrates nothing (Kysely's migrator
 * would refuse a database with migrations it does not know).
 */
async function migratedByNewerVersion(connectionString: string): Promise<boolean> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const exists = await client.query(`SELECT to_regclass('kysely_migration') IS NOT NULL AS ok`);
    if (!exists.rows[0].ok) return false;
    const applied = new Set((await client.query<{ name: string }>('SELECT name FROM kysely_migration')).rows.map((r) => r.name));
    const known = knownMigrations();
    const unknown = [...applied].filter((n) => !known.includes(n));
    if (unknown.length === 0) return false;
    const missing = known.filter((n) => !applied.has(n));
    if (missing.length) throw new Error(`the database has migrations this version does not know (${unknown.join(', ')}) but lacks some it needs (${missing.join(', ')})`);
    return true;
  } finally {
    await client.end();
  }
}

export async function migrateToLatest(connectionString: string): Promise<string[]> {
  if (await migratedByNewerVersion(connectionString)) return [];
  return withMigrator(connectionString, (m) => m.migrateToLatest());
}

/** Migrates up to exactly `last` (a restore loads a backup's rows into the schema they came from). */
export async function migrateTo(connectionString: string, last: string): Promise<string[]> {
  return withMigrator(connectionString, (m) => m.migrateTo(last));
}

async function withMigrator(connectionString: string, run: (m: Migrator) => Promise<MigrationResultSet>): Promise<string[]> {
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString, max: 1 }) }) });
  try {
    const { error, results } = await run(new Migrator({ db, provider: new FileMigrationProvider({ fs, path, migrationFolder: folder }) }));
    if (error) throw error instanceof Error ? error : new Error(String(error));
    return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  } finally {
    await db.destroy();
  }
}
