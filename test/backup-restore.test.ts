// Backup and restore (issue 12): npm run backup of a database with the demo's appointments and journal notes, an
// e-consultation with a photo and its pending job, restored by npm run restore into an empty database and file store;
// every row and file comes back the same and a server on the restored database serves them. A database that is not
// empty, and a damaged backup, are refused with nothing changed.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import pino from 'pino';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../src/server/config.ts';
import { backUp } from '../src/server/platform/backup/backup.ts';
import { migrateTo } from '../src/server/platform/db/migrate.ts';
import { knownMigrations } from '../src/server/platform/db/migrate.ts';
import { restoreFromBackup } from '../src/server/platform/backup/restore.ts';
import { SKIPPED } from '../src/server/platform/backup/tables.ts';
import { createLogger } from '../src/server/platform/logger.ts';
import { startServer } from '../src/server/server.ts';
import { econsultFlow } from '../src/server/econsult/test-flow.ts';
import { freePort, withDatabase } from './global-setup.ts';
import { demoClinicId, demoPerson } from './people.ts';
import { Browser, startTestServer, type TestServer } from './server.ts';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');

/** The scripts as an operator runs them: a separate process, configured by the environment alone. */
async function script(name: 'backup' | 'restore', arg: string, env: Record<string, string>): Promise<{ code: number; out: string }> {
  try {
    const r = await run(process.execPath, [path.join(root, 'scripts', `${name}.ts`), arg], { cwd: root, env: { ...process.env, NODE_ENV: 'test', ...env }, timeout: 60_000 });
    return { code: 0, out: r.stdout + r.stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

async function emptyDatabase(): Promise<string> {
  const name = `${inject('runPrefix')}restored_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: inject('adminUrl') });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return withDatabase(inject('adminUrl'), name);
}

/** Every row of every table a backup carries, as text, sorted: two databases with the same answer hold the same data. */
async function contents(db: pg.Pool): Promise<Record<string, string[]>> {
  const tables = await db.query<{ t: string }>(
    `SELECT format('%I.%I', n.nspname, c.relname) AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname IN ('public', 'pgboss') AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY 1`,
  );
  const out: Record<string, string[]> = {};
  for (const { t } of tables.rows) {
    if (SKIPPED.has(t)) continue;
    out[t] = (await db.query<{ r: string }>(`SELECT x::text AS r FROM ${t} x ORDER BY 1`)).rows.map((row) => row.r);
  }
  const seqs = await db.query<{ s: string }>(`SELECT format('%I.%I', schemaname, sequencename) AS s FROM pg_sequences WHERE schemaname IN ('public', 'pgboss') ORDER BY 1`);
  for (const { s } of seqs.rows) out[`sequence ${s}`] = (await db.query(`SELECT last_value::text AS v, is_called FROM ${s}`)).rows.map((r) => `${r.v} ${r.is_called}`);
  return out;
}

async function tableCount(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname IN ('public', 'pgboss')`)).rows[0]!.n;
  } finally {
    await c.end();
  }
}

describe('backup and restore', () => {
  let server: TestServer;
  let work = '';
  let backupDir = '';
  let caseId = '';
  let olaNationalId = '';
  const pools: pg.Pool[] = [];
  const flow = econsultFlow(() => server);

  beforeAll(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), 'nettlege-backup-'));
    server = await startTestServer({ DATA_DIR: path.join(work, 'source') });
    const o = server.database.owner;
    olaNationalId = (await demoPerson(o, 'Ola Hansen')).nationalId;
    const ola = new Browser(server.url);
    await ola.login(olaNationalId);
    // A draft e-consultation with a photo: its purge job waits in the queue for days.
    caseId = await flow.draft(ola, await demoClinicId(o, 'Nordlys nettklinikk'));
    const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 120, b: 90 } } }).jpeg().toBuffer();
    const uploaded = await ola.fetch(`/api/econsult/cases/${caseId}/photos`, { method: 'POST', body: new Uint8Array(photo), headers: { 'content-type': 'image/jpeg' } });
    expect(uploaded.status).toBe(201);
    // The server stops first, so the source stays as it was backed up and can be compared row by row.
    await server.close();
    backupDir = path.join(work, 'backup');
    const backup = await script('backup', backupDir, { DATABASE_URL: server.database.url, DATA_DIR: path.join(work, 'source') });
    expect(backup.out).toContain('backup written to');
    expect(backup.code).toBe(0);
  });

  afterAll(async () => {
    for (const p of pools) await p.end();
    await server?.database.drop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('brings back every appointment, case, photo, journal note and pending job into an empty database, and the server serves them', async () => {
    const o = server.database.owner;
    expect((await flow.q<{ n: number }>('SELECT count(*)::int AS n FROM appointments'))[0]!.n).toBeGreaterThan(0);
    expect((await flow.q<{ n: number }>('SELECT count(*)::int AS n FROM journal_notes'))[0]!.n).toBeGreaterThan(0);
    const photos = await flow.q<{ id: string; storage_key: string; thumb_key: string }>('SELECT id, storage_key, thumb_key FROM econsult_photos WHERE case_id = $1', [caseId]);
    expect(photos).toHaveLength(1);
    const jobs = await flow.q(`SELECT id FROM pgboss.job WHERE data->>'caseId' = $1 AND state = 'created' AND start_after > now()`, [caseId]);
    expect(jobs).toHaveLength(1);

    const url = await emptyDatabase();
    const filesDir = path.join(work, 'restored-files');
    const restored = await script('restore', backupDir, { DATABASE_URL: url, FILES_DIR: filesDir, DATA_DIR: path.join(work, 'restored') });
    expect(restored.out).toContain('restore complete');
    expect(restored.code).toBe(0);

    const target = new pg.Pool({ connectionString: url, max: 2 });
    pools.push(target);
    const [before, after] = [await contents(o), await contents(target)];
    for (const table of ['public.appointments', 'public.econsult_cases', 'public.econsult_photos', 'public.journal_notes', 'pgboss.job']) {
      expect(after[table]!.length, table).toBeGreaterThan(0);
      expect(after[table], table).toEqual(before[table]);
    }
    expect(after).toEqual(before);
    for (const key of [photos[0]!.storage_key, photos[0]!.thumb_key]) {
      expect(await readFile(path.join(filesDir, key))).toEqual(await readFile(path.join(work, 'source', 'files', key)));
    }

    // The server on the restored database: ready (every migration there), and Ola sees his case and its photo.
    const port = await freePort();
    const config = loadConfig({ NODE_ENV: 'test', HOST: '127.0.0.1', PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, DATABASE_URL: url, FILES_DIR: filesDir, DATA_DIR: path.join(work, 'restored'), SEED_DEMO: 'false', LOG_LEVEL: 'silent' });
    const again = await startServer(config, createLogger('silent'));
    try {
      expect((await fetch(`${again.url}/readyz`)).status).toBe(200);
      const ola = new Browser(again.url);
      await ola.login(olaNationalId);
      const opened = await ola.fetch(`/api/econsult/cases/${caseId}`);
      expect(opened.status).toBe(200);
      const view = (await opened.json()) as { photos: Array<{ url: string }> };
      expect(view.photos).toHaveLength(1);
      const served = await ola.fetch(view.photos[0]!.url);
      expect(served.status).toBe(200);
      expect(Buffer.from(await served.arrayBuffer())).toEqual(await readFile(path.join(work, 'source', 'files', photos[0]!.storage_key)));
    } finally {
      await again.close();
    }
  });

  it('restores a backup taken at an earlier migration level at that level, then migrates it on to this release', async () => {
    const release = knownMigrations();
    const earlier = await emptyDatabase();
    await migrateTo(earlier, release.at(-2)!);
    const silent = pino({ level: 'silent' });
    const dir = path.join(work, 'earlier');
    await backUp(loadConfig({ NODE_ENV: 'test', DATABASE_URL: earlier, FILES_DIR: path.join(work, 'earlier-files') }), dir, silent, () => undefined);
    const url = await emptyDatabase();
    const said: string[] = [];
    await restoreFromBackup(loadConfig({ NODE_ENV: 'test', DATABASE_URL: url, FILES_DIR: path.join(work, 'earlier-restored') }), dir, silent, (line) => said.push(line));
    expect(said).toContain(`database: migrated on from ${release.at(-2)} to ${release.at(-1)}`);
    const [source, target] = [new pg.Pool({ connectionString: earlier, max: 1 }), new pg.Pool({ connectionString: url, max: 1 })];
    pools.push(source, target);
    expect((await target.query('SELECT name FROM kysely_migration ORDER BY name')).rows.map((r) => r.name)).toEqual(release);
    const tariffs = 'SELECT t::text FROM copayment_tariffs t ORDER BY 1';
    expect((await target.query(tariffs)).rows).toEqual((await source.query(tariffs)).rows);
  });

  it('refuses a database that is not empty and leaves it as it was', async () => {
    const before = await contents(server.database.owner);
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: server.database.url, FILES_DIR: path.join(work, 'unused-files') });
    await expect(restoreFromBackup(config, backupDir, pino({ level: 'silent' }), () => undefined)).rejects.toThrow(/is not empty .* a restore goes only into an empty database/);
    expect(await contents(server.database.owner)).toEqual(before);
    expect(await readdir(path.join(work, 'unused-files')).catch(() => [])).toEqual([]);
  });

  it('refuses a damaged backup before creating anything', async () => {
    const damaged = path.join(work, 'damaged');
    await cp(backupDir, damaged, { recursive: true });
    const notes = path.join(damaged, 'data', 'public.journal_notes.copy');
    await writeFile(notes, (await readFile(notes, 'utf8')).replace('ingen feber', 'høy feber'));
    const url = await emptyDatabase();
    const filesDir = path.join(work, 'damaged-files');
    const r = await script('restore', damaged, { DATABASE_URL: url, FILES_DIR: filesDir });
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/the backup is damaged, nothing was restored: data\/public\.journal_notes\.copy \(checksum differs\)/);
    expect(await tableCount(url)).toBe(0);
    expect(await readdir(filesDir).catch(() => [])).toEqual([]);
  });
});
