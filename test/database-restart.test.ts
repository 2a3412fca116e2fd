// Operations (issue 12): PostgreSQL restarted under a running server. While it is down, requests fail cleanly — a 503
// problem+json within the pool's connection timeout, never a hang or a 500 — and the process stays up; once it is back
// the server serves again within 5 s with no manual step, and what was stored before is still there. A private
// PostgreSQL (the embedded one, on its own port) stands in for the region's database, so the test may stop it.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../src/server/platform/db/embedded.ts';
import { freePort } from './global-setup.ts';
import { processUrl, startServerProcess } from './server-process.ts';
import { Browser } from './server.ts';

describe('PostgreSQL restarted under the server', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'nettlege-pg-restart-'));
  const log = pino({ level: 'silent' });
  let database: EmbeddedDatabase | undefined;
  let pgPort = 0;
  let port = 0;
  let proc: ChildProcess | undefined;

  beforeAll(async () => {
    pgPort = await freePort();
    port = await freePort();
    database = await startEmbeddedPostgres(dir, pgPort, log);
    proc = await startServerProcess({ port, databaseUrl: database.url });
  }, 180_000);
  afterAll(async () => {
    if (proc && proc.exitCode === null) proc.kill('SIGKILL');
    await database?.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('fails cleanly while it is down and serves again within 5 s after it is back', { timeout: 120_000 }, async () => {
    const pg = await import('pg');
    const owner = new pg.default.Client({ connectionString: database!.url });
    await owner.connect();
    const nid = (await owner.query(`SELECT national_id FROM persons WHERE name = 'Ola Hansen'`)).rows[0].national_id as string;
    await owner.end();
    const ola = new Browser(processUrl(port));
    await ola.login(nid);
    const mine = () => ola.fetch('/api/gp/mine');
    expect((await mine()).status).toBe(200);

    await database!.stop();
    for (let i = 0; i < 4; i++) {
      const t0 = Date.now();
      const res = await mine();
      const body = (await res.json()) as { type?: string };
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(body.type).toMatch(/unavailable$/);
      expect(Date.now() - t0).toBeLessThan(7_000);
    }
    expect(proc!.exitCode).toBeNull();

    database = await startEmbeddedPostgres(dir, pgPort, log);
    const back = Date.now();
    let status = 0;
    while (Date.now() - back < 10_000) {
      status = (await mine()).status;
      if (status === 200) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe(200);
    expect(Date.now() - back).toBeLessThan(5_000);
    // The session and the data stored before are still there.
    expect(((await (await mine()).json()) as { gp: { name: string } }).gp.name).toBe('Per Olsen');
  });
});
