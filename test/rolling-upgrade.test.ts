// Zero-downtime upgrade (issue 12): migrations only add, so the previous version's server keeps serving its read paths
// on the new schema while the new version rolls out beside it. The previous version is taken from git: the source
// before the last commit that changed migrations/. It starts on an empty database (its own migrations, its demo data),
// the new version's migrations are applied under it, and its reads must answer as before; then the new version runs
// beside it on the same database.
import { execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { migrateToLatest } from '../src/server/platform/db/migrate.ts';
import { freePort, withDatabase } from './global-setup.ts';
import { processUrl, startServerProcess } from './server-process.ts';
import { Browser } from './server.ts';
import { demoPerson } from './people.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const git = (...args: string[]) => execFileSync('git', ['-C', ROOT, ...args], { encoding: 'utf8' }).trim();

/** Reads a patient and a clinician make, that both versions serve. */
const PATIENT_READS = ['/api/clinics', '/api/appointments', '/api/inbox', '/api/econsult/cases', '/api/journal', '/api/payments', '/api/econsult/reasons'];
const STAFF_READS = ['/api/appointments', '/api/staff/econsult/queue', '/api/staff/dropin'];

describe('a rolling upgrade: the previous version on the new schema', () => {
  const adminUrl = inject('adminUrl');
  const name = `${inject('runPrefix')}upgrade_${Date.now().toString(36)}`;
  const url = withDatabase(adminUrl, name);
  let dir = '';
  let owner: pg.Pool;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    // The commit that last changed the migrations, and the source just before it.
    const last = git('log', '-1', '--format=%H', '--', 'migrations');
    expect(last, 'the rolling-upgrade test needs the git history of migrations/').toMatch(/^[0-9a-f]{40}$/);
    dir = mkdtempSync(path.join(tmpdir(), 'nettlege-previous-'));
    execFileSync('sh', ['-c', `git -C "${ROOT}" archive "${last}^" src migrations package.json | tar -x -C "${dir}"`]);
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    owner = new pg.Pool({ connectionString: url, max: 2 });
  }, 60_000);

  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await owner?.end();
    await new Promise((r) => setTimeout(r, 300));
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function reads(who: Browser, paths: string[]): Promise<Record<string, { status: number; body: unknown }>> {
    const out: Record<string, { status: number; body: unknown }> = {};
    for (const p of paths) {
      const res = await who.fetch(p);
      // The server's clock (the work queue's `now`) is the only thing that may differ between two reads.
      const { now: _clock, ...body } = (await res.json()) as Record<string, unknown>;
      out[p] = { status: res.status, body };
    }
    return out;
  }

  it('serves the same reads after the new migrations, and beside the new version', { timeout: 180_000 }, async () => {
    const oldPort = await freePort();
    children.push(await startServerProcess({ port: oldPort, databaseUrl: url, cwd: dir }));
    const before = (await owner.query<{ name: string }>('SELECT name FROM kysely_migration')).rows.map((r) => r.name);

    const [kari, lise] = [await demoPerson(owner, 'Kari Nordmann'), await demoPerson(owner, 'Lise Berg')];
    const patient = new Browser(processUrl(oldPort));
    await patient.login(kari.nationalId);
    const clinician = new Browser(processUrl(oldPort));
    await clinician.login(lise.nationalId, 'staff', { hpr: lise.hpr! });
    const patientBefore = await reads(patient, PATIENT_READS);
    const staffBefore = await reads(clinician, STAFF_READS);
    for (const [p, r] of Object.entries({ ...patientBefore, ...staffBefore })) expect(r.status, p).toBe(200);

    // The new version migrates the database under the running previous version.
    const applied = await migrateToLatest(url);
    expect(applied.length, 'the new version brings migrations the previous one lacks').toBeGreaterThan(0);
    expect(before.every((n) => !applied.includes(n))).toBe(true);

    expect(await reads(patient, PATIENT_READS)).toEqual(patientBefore);
    expect(await reads(clinician, STAFF_READS)).toEqual(staffBefore);

    // The new version beside it, on the same database and sessions' table.
    const newPort = await freePort();
    children.push(await startServerProcess({ port: newPort, databaseUrl: url, env: { SEED_DEMO: 'false' } }));
    const patientOnNew = new Browser(processUrl(newPort));
    await patientOnNew.login(kari.nationalId);
    const onNew = await reads(patientOnNew, PATIENT_READS);
    for (const [p, r] of Object.entries(onNew)) expect(r.status, p).toBe(200);
    expect((onNew['/api/appointments']!.body as { appointments: unknown[] }).appointments.length).toBe((patientBefore['/api/appointments']!.body as { appointments: unknown[] }).appointments.length);
    // And the previous one still answers.
    expect((await patient.fetch('/api/appointments')).status).toBe(200);
  });

  it('a server finding migrations newer than its own (a newer version rolled out) starts without migrating', { timeout: 120_000 }, async () => {
    await owner.query(`INSERT INTO kysely_migration (name, timestamp) VALUES ('9999_from_a_newer_version', now()) ON CONFLICT DO NOTHING`);
    try {
      expect(await migrateToLatest(url)).toEqual([]);
      const port = await freePort();
      children.push(await startServerProcess({ port, databaseUrl: url, env: { SEED_DEMO: 'false' } }));
      const ready = await fetch(`${processUrl(port)}/readyz`);
      expect(await ready.json()).toMatchObject({ status: 'ready', checks: { migrations: 'ok' } });
    } finally {
      await owner.query(`DELETE FROM kysely_migration WHERE name = '9999_from_a_newer_version'`);
    }
  });
});
