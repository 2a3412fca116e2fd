// The server as its own process (src/server/main.ts), as in production, on a given database and port: for tests that
// kill it (kill -9) and start it again. Redis is left out unless `env` sets it.
import { spawn, type ChildProcess } from 'node:child_process';
import type pg from 'pg';
import { demoClinicId, demoPerson } from './people.ts';
import { Browser } from './server.ts';

export interface ServerProcessOptions {
  port: number;
  databaseUrl: string;
  /** More settings (a payment provider, …); undefined removes a variable inherited from this process. */
  env?: Record<string, string | undefined>;
  /** Where the server's source is (another version's, for the rolling-upgrade test); this checkout by default. */
  cwd?: string;
}

export const processUrl = (port: number) => `http://127.0.0.1:${port}`;

/** Starts the server and resolves once /readyz answers 200 (at most a minute; an early exit says why). */
export async function startServerProcess(o: ServerProcessOptions): Promise<ChildProcess> {
  const url = processUrl(o.port);
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test', PORT: String(o.port), HOST: '127.0.0.1', PUBLIC_URL: url, DATABASE_URL: o.databaseUrl, LOG_LEVEL: 'warn', SEED_DEMO: 'true', RATE_LIMIT_PER_MINUTE: '100000' };
  delete env.REDIS_URL;
  for (const [name, value] of Object.entries(o.env ?? {})) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  const child = spawn(process.execPath, ['src/server/main.ts'], { env, stdio: ['ignore', 'ignore', 'pipe'], ...(o.cwd ? { cwd: o.cwd } : {}) });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  for (const t0 = Date.now(); ; ) {
    if (child.exitCode !== null) throw new Error(`server exited early: ${stderr}`);
    try {
      if ((await fetch(`${url}/readyz`)).status === 200) return child;
    } catch {
      /* not up yet */
    }
    if (Date.now() - t0 > 60_000) throw new Error(`server did not become ready: ${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * For the crash tests: a patient and Lise Berg logged in at the process's address, and Fjordbyen's id; the
 * e-consultation co-payment set to one figure by day and evening, so a test does not depend on the clock.
 */
export async function crashActors(port: number, owner: pg.Pool, patient = 'Ola Hansen') {
  await owner.query(`UPDATE copayment_tariffs SET amount_ore = 17000 WHERE service = 'econsult'`);
  const fjordbyen = await demoClinicId(owner, 'Fjordbyen legekontor');
  const [payer, lisePerson] = [await demoPerson(owner, patient), await demoPerson(owner, 'Lise Berg')];
  const who = new Browser(processUrl(port));
  await who.login(payer.nationalId);
  const lise = new Browser(processUrl(port));
  await lise.login(lisePerson.nationalId, 'staff', { hpr: lisePerson.hpr! });
  return { who, lise, fjordbyen };
}

/** kill -9, and wait until it is gone. */
export async function killHard(proc: ChildProcess): Promise<void> {
  const exited = new Promise((r) => proc.once('exit', r));
  proc.kill('SIGKILL');
  await exited;
}

/**
 * A capture job the killed process had already taken is 'active' under a dead worker: pg-boss hands it out again only
 * once its expiry (120 s) and the retry delay have passed. The crash tests bring that moment forward instead of waiting
 * for it; what happens then is pg-boss's own redelivery. Returns how many jobs were due (0 when none was in flight).
 */
export async function redeliverDeadCapture(owner: pg.Pool, paymentId: string): Promise<number> {
  const due = await owner.query(`UPDATE pgboss.job SET state = 'retry', start_after = now() WHERE name = 'payment.capture' AND state = 'active' AND data->>'paymentId' = $1`, [paymentId]);
  return due.rowCount ?? 0;
}
