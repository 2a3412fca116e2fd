// npm run backup: the database (one consistent snapshot) and the local file store into a new directory with a
// manifest. Nothing here logs a row's content: only table names, counts and sizes.
import { mkdir, readdir, rm } from 'node:fs/promises';
import type { Logger } from 'pino';
import type { Config } from '../../config.ts';
import { openBackupDatabase } from './connection.ts';
import { dumpDatabase } from './dump.ts';
import { backupFiles } from './files.ts';
import { FORMAT, FORMAT_VERSION, writeManifest, type Manifest } from './manifest.ts';

export type Say = (line: string) => void;

export const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export async function backUp(config: Config, outDir: string, log: Logger, say: Say): Promise<Manifest> {
  const existing = await readdir(outDir).catch(() => []);
  if (existing.length) throw new Error(`${outDir} is not empty: a backup goes into a new directory`);
  await mkdir(outDir, { recursive: true, mode: 0o700 });
  try {
    return await backupInto(config, outDir, log, say);
  } catch (err) {
    // The directory was new or empty: take the unfinished backup away rather than leave one that looks usable.
    await rm(outDir, { recursive: true, force: true });
    throw err;
  }
}

async function backupInto(config: Config, outDir: string, log: Logger, say: Say): Promise<Manifest> {
  const createdAt = new Date().toISOString();

  const source = await openBackupDatabase(config, log);
  let database: Manifest['database'];
  try {
    say(`backing up ${source.label}`);
    database = await dumpDatabase(source.url, outDir);
  } finally {
    await source.close();
  }
  const rows = database.tables.reduce((n, t) => n + t.rows, 0);
  say(`database: ${database.tables.length} tables, ${rows} rows, at migration ${database.migrations.at(-1) ?? '(none)'} (PostgreSQL ${database.serverVersion})`);

  let files: Manifest['files'];
  if (config.files.store === 's3') {
    say(`files: kept in the S3 bucket ${config.files.s3?.bucket ?? ''}, not copied — the bucket's own versioning or replication is their backup`);
    files = { store: 's3', entries: [] };
  } else {
    const { entries, vanished } = await backupFiles(config.files.localDir, outDir);
    files = { store: 'local', entries };
    say(`files: ${entries.length} files, ${megabytes(entries.reduce((n, f) => n + f.bytes, 0))} from ${config.files.localDir}${vanished ? ` (${vanished} deleted while copying, left out)` : ''}`);
  }

  const manifest: Manifest = { format: FORMAT, formatVersion: FORMAT_VERSION, createdAt, database, files };
  await writeManifest(outDir, manifest);
  say(`backup written to ${outDir}`);
  return manifest;
}
