// Vitest global setup: one real PostgreSQL for the run (embedded, or DATABASE_URL), with a migrated template database.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../src/server/platform/db/embedded.ts';
import { migrateToLatest } from '../src/server/platform/db/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    adminUrl: string;
    templateDb: string;
    /** This run's test databases are named <runPrefix><random> (nettlege_test_<run>_…), so a run drops only its own. */
    runPrefix: string;
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

let embedded: EmbeddedDatabase | undefined;
let dir: string | undefined;
let adminUrl = '';
let templateDb = '';
// Another suite may share the PostgreSQL (a second checkout, CI beside a developer): each run drops only its own databases.
const runPrefix = `nettlege_test_${randomBytes(3).toString('hex')}_`;

export async function setup(project: TestProject): Promise<void> {
  const log = pino({ level: 'warn' });
  if (process.env.DATABASE_URL) {
    adminUrl = process.env.DATABASE_URL;
  } else {
    dir = await mkdtemp(path.join(os.tmpdir(), 'nettlege-test-pg-'));
    embedded = await startEmbeddedPostgres(dir, await freePort(), log);
    adminUrl = embedded.url;
  }
  templateDb = `nettlege_tmpl_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${templateDb}`);
  await admin.end();
  await migrateToLatest(withDatabase(adminUrl, templateDb));
  project.provide('adminUrl', adminUrl);
  project.provide('templateDb', templateDb);
  project.provide('runPrefix', runPrefix);
}

export async function teardown(): Promise<void> {
  if (!adminUrl) return;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const left = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE 'nettlege_t%'`);
  for (const row of left.rows) {
    if (row.datname === templateDb || String(row.datname).startsWith(runPrefix)) {
      await admin.query(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`).catch(() => undefined);
    }
  }
  await admin.end();
  if (embedded) await embedded.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
}
