// Which database a backup reads or a restore fills: the server's own choice (DATABASE_URL, else the embedded PostgreSQL
// in DATA_DIR). A running server's embedded PostgreSQL is shared, never restarted: starting our own on its data
// directory would stop it under the server (embedded.ts stops a PostgreSQL it finds there as an orphan).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../../config.ts';
import { startEmbeddedPostgres } from '../db/embedded.ts';

export interface BackupDatabase {
  url: string;
  /** Host, port and database only: printable, no password. */
  label: string;
  close(): Promise<void>;
}

export function describeUrl(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The port of a PostgreSQL running on the embedded data directory, from its postmaster.pid; undefined when none runs. */
async function runningEmbeddedPort(dataDir: string): Promise<number | undefined> {
  const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  // Line 1 is the postmaster's pid, line 4 its port (PostgreSQL's documented layout of the file).
  const lines = (await readFile(pidFile, 'utf8')).split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return undefined;
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => 'postgres');
  return cmdline.includes('postgres') && Number.isInteger(port) && port > 0 ? port : undefined;
}

export async function openBackupDatabase(config: Config, log: Logger): Promise<BackupDatabase> {
  if (config.databaseUrl) return { url: config.databaseUrl, label: describeUrl(config.databaseUrl), close: async () => undefined };
  const port = await runningEmbeddedPort(config.dataDir);
  if (port !== undefined) {
    const secret = (await readFile(path.join(config.dataDir, 'pg-password'), 'utf8')).trim();
    const url = `postgres://postgres:${encodeURIComponent(secret)}@127.0.0.1:${port}/nettlege`;
    return { url, label: `the running embedded PostgreSQL in ${config.dataDir} (${describeUrl(url)})`, close: async () => undefined };
  }
  const embedded = await startEmbeddedPostgres(config.dataDir, config.embeddedPgPort, log);
  return { url: embedded.url, label: `the embedded PostgreSQL in ${config.dataDir} (${describeUrl(embedded.url)})`, close: () => embedded.stop() };
}
