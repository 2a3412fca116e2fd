// Migration levels for a restore: whether this release can take a backup's level, and migrating an empty database up
// to exactly that level (not further: the rows must meet the schema they came from; later migrations then upgrade them).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import { FileMigrationProvider, Migrator } from 'kysely/migration';

const folder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../migrations');

/** Why this release (its migrations, `release`) cannot take a backup at `level`, or undefined when it can. */
export function levelProblem(level: string[], release: string[]): string | undefined {
  const unknown = level.filter((name) => !release.includes(name));
  if (unknown.length) return `the backup was taken by a newer release (migrations unknown here: ${unknown.join(', ')}): restore it with that release`;
  const gap = release.slice(0, level.length).findIndex((name, i) => name !== level[i]);
  if (gap >= 0) return `the backup's migrations are not this release's first ${level.length} (differs at ${release[gap]})`;
  return undefined;
}

export async function migrateTo(url: string, last: string): Promise<void> {
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }) });
  try {
    const { error } = await new Migrator({ db, provider: new FileMigrationProvider({ fs, path, migrationFolder: folder }) }).migrateTo(last);
    if (error) throw error instanceof Error ? error : new Error(String(error));
  } finally {
    await db.destroy();
  }
}
