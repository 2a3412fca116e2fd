// The embedded database keeps what was acknowledged across a clean stop and a kill -9 of the server process.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from './server.ts';
import { freePort } from './global-setup.ts';
import { syntheticNationalId } from '../src/server/demo/synthetic-ids.ts';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('restart on the embedded database', () => {
  let dataDir = '';
  let port = 0;
  let pgPort = 0;
  let child: ChildProcess | undefined;

  async function start(): Promise<{ proc: ChildProcess; ms: number }> {
    const t0 = Date.now();
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test', PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: `http://127.0.0.1:${port}`, DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(pgPort), LOG_LEVEL: 'warn' };
    delete env.DATABASE_URL;
    delete env.REDIS_URL;
    const proc = spawn(process.execPath, ['src/server/main.ts'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    proc.stderr!.on('data', (d) => (stderr += d));
    for (;;) {
      if (proc.exitCode !== null) throw new Error(`server exited early: ${stderr}`);
      try {
        if ((await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200) return { proc, ms: Date.now() - t0 };
      } catch {
        /* not up yet */
      }
      if (Date.now() - t0 > 60_000) throw new Error(`server did not become ready: ${stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  const postmasterPid = () => Number(readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'nettlege-restart-'));
    port = await freePort();
    pgPort = await freePort();
  });
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    if (existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))) {
      const pid = postmasterPid();
      if (alive(pid)) process.kill(pid, 'SIGINT');
      for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 50));
    }
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps an acknowledged change after kill -9 and after a clean stop', { timeout: 120_000 }, async () => {
    const first = await start();
    child = first.proc;
    const patient = syntheticNationalId('1988-08-08', 5);
    const b = new Browser(`http://127.0.0.1:${port}`);
    await b.login(patient, 'patient', { name: 'Restart Testesen' });
    const put = await b.fetch('/api/me/contact', { method: 'PUT', json: { phone: '+4790000001' } });
    expect(put.status).toBe(200);

    // kill -9: the server gets no chance to stop its PostgreSQL, which lives on as an orphan.
    const orphan = postmasterPid();
    child.kill('SIGKILL');
    await new Promise((r) => child!.once('exit', r));
    expect(alive(orphan)).toBe(true);

    const second = await start();
    child = second.proc;
    expect(second.ms).toBeLessThan(20_000);
    const again = new Browser(`http://127.0.0.1:${port}`);
    await again.login(patient);
    const me = await (await again.fetch('/api/me')).json();
    expect(me.person).toMatchObject({ name: 'Restart Testesen', phone: '+4790000001' });
    const sms = await (await again.fetch('/api/dev/outbox')).json();
    expect(sms.messages.filter((m: { to: string }) => m.to === '+4790000001')).toHaveLength(1);

    // A clean stop ends the server and its PostgreSQL.
    const pg = postmasterPid();
    child.kill('SIGTERM');
    const code = await new Promise((r) => child!.once('exit', r));
    expect(code).toBe(0);
    expect(alive(pg)).toBe(false);

    const third = await start();
    child = third.proc;
    const last = new Browser(`http://127.0.0.1:${port}`);
    await last.login(patient);
    expect((await (await last.fetch('/api/me')).json()).person.phone).toBe('+4790000001');
    child.kill('SIGTERM');
    await new Promise((r) => child!.once('exit', r));
  });
});
