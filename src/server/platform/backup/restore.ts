// npm run restore: a backup into an empty database and file store. Checks every checksum and the migration level before
// touching anything; builds the schema at the backup's level (the migrations, then pg-boss's schema as pg-boss makes it),
// loads and checks the rows in one transaction, then migrates on to this release's level.
import { PgBoss, getConstructionPlans } from 'pg-boss';
import pg from 'pg';
import type { Logger } from 'pino';
import type { Config } from '../../config.ts';
import { knownMigrations, migrateTo, migrateToLatest } from '../db/migrate.ts';
import { megabytes, type Say } from './backup.ts';
import { openBackupDatabase } from './connection.ts';
import { readPgbossVersion } from './dump.ts';
import { assertEmptyStore, restoreFiles } from './files.ts';
import { levelProblem } from './levels.ts';
import { RestoreRefusedError, assertRestorableTarget, loadDatabase } from './load.ts';
import { readManifest, verifyBackup, type Manifest } from './manifest.ts';

/** The pg-boss schema version this release installs, read from the SQL it would run. */
function releasePgbossVersion(): number | undefined {
  const m = /\.version\(version\) VALUES \('(\d+)'\)/.exec(getConstructionPlans('pgboss'));
  return m ? Number(m[1]) : undefined;
}

function pgbossProblem(backup: number | null, release: number | undefined): string | undefined {
  if (backup === null || release === undefined || backup === release) return undefined;
  return `the backup's job queue schema is pg-boss version ${backup}, this release's is ${release}: restore it with the release that made it, then upgrade`;
}

/** Lets pg-boss create its own schema, with the grants the migrations arranged for the tables it makes; no workers run. */
async function installJobQueueSchema(url: string): Promise<number | null> {
  const boss = new PgBoss({ connectionString: url, max: 2, supervise: false, schedule: false, application_name: 'nettlege-restore' });
  boss.on('error', () => undefined);
  await boss.start();
  await boss.stop({ graceful: false, close: true });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await readPgbossVersion(client);
  } finally {
    await client.end();
  }
}

/** Schema at the backup's level, the rows, then this release's level. */
async function fillDatabase(url: string, dir: string, m: Manifest, release: string[], say: Say): Promise<void> {
  const level = m.database.migrations;
  if (level.length) await migrateTo(url, level.at(-1)!);
  if (m.database.pgbossVersion !== null) {
    const problem = pgbossProblem(m.database.pgbossVersion, (await installJobQueueSchema(url)) ?? undefined);
    if (problem) throw new RestoreRefusedError(problem);
  }
  await loadDatabase(url, dir, m.database);
  const rows = m.database.tables.reduce((n, t) => n + t.rows, 0);
  say(`database: ${m.database.tables.length} tables, ${rows} rows loaded and checked against the backup`);
  if (release.length > level.length) {
    const applied = await migrateToLatest(url);
    say(`database: migrated on from ${level.at(-1) ?? '(none)'} to ${applied.at(-1) ?? release.at(-1)}`);
  }
  // A new database has no planner statistics until autovacuum comes round: gather them now.
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('ANALYZE').finally(() => client.end());
}

export async function restoreFromBackup(config: Config, dir: string, log: Logger, say: Say): Promise<Manifest> {
  const m = await readManifest(dir);
  const level = m.database.migrations;
  say(`restoring the backup of ${m.createdAt} (PostgreSQL ${m.database.serverVersion}, migration ${level.at(-1) ?? '(none)'})`);
  await verifyBackup(dir, m);
  const release = knownMigrations();
  const problem = levelProblem(level, release) ?? pgbossProblem(m.database.pgbossVersion, releasePgbossVersion());
  if (problem) throw new RestoreRefusedError(problem);
  const filesToS3 = config.files.store === 's3';
  if (!filesToS3) await assertEmptyStore(config.files.localDir);

  const target = await openBackupDatabase(config, log);
  try {
    say(`into ${target.label}`);
    await assertRestorableTarget(target.url, target.label);
    try {
      await fillDatabase(target.url, dir, m, release, say);
    } catch (err) {
      // The migrations before the load are not one transaction with it: what they made stays behind.
      throw new Error(`${(err as Error).message} (the target database may hold part of the schema now: drop it and create it empty before trying again)`, { cause: err });
    }
  } finally {
    await target.close();
  }

  if (m.files.store === 's3') {
    say('files: the backup holds none (they were in an S3 bucket, whose versioning or replication keeps them)');
  } else if (filesToS3) {
    say(`files: not copied — this installation stores files in S3: copy the backup's files/ folder into the bucket ${config.files.s3?.bucket ?? ''} (e.g. aws s3 sync ${dir}/files s3://${config.files.s3?.bucket ?? 'bucket'}/)`);
  } else {
    await restoreFiles(dir, m.files.entries, config.files.localDir);
    say(`files: ${m.files.entries.length} files, ${megabytes(m.files.entries.reduce((n, f) => n + f.bytes, 0))} restored and checked into ${config.files.localDir}`);
  }
  say('restore complete');
  return m;
}
