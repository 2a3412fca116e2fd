// The server process killed (kill -9) right after a clinician closes a paid e-consultation, between "case closed" and
// "capture confirmed": after a restart the reservation is captured exactly once at the card simulator and the
// co-payment counted once. The server runs as its own process on a fresh database, as in production.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from './database.ts';
import { freePort } from './global-setup.ts';
import { demoClinicId, demoPerson } from './people.ts';
import { Browser, type TestServer } from './server.ts';
import { econsultFlow, json } from '../src/server/econsult/test-flow.ts';

describe('capture across a crash of the server process', () => {
  let database: TestDatabase;
  let port = 0;
  let proc: ChildProcess | undefined;
  const url = () => `http://127.0.0.1:${port}`;
  // The flow helpers need the server's address and the database's owner connection only.
  const flow = econsultFlow(() => ({ url: url(), database }) as unknown as TestServer);

  async function start(): Promise<ChildProcess> {
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test', PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: url(), DATABASE_URL: database.url, LOG_LEVEL: 'warn', SEED_DEMO: 'true', RATE_LIMIT_PER_MINUTE: '100000' };
    delete env.REDIS_URL;
    const child = spawn(process.execPath, ['src/server/main.ts'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    for (const t0 = Date.now(); ; ) {
      if (child.exitCode !== null) throw new Error(`server exited early: ${stderr}`);
      try {
        if ((await fetch(`${url()}/readyz`)).status === 200) return child;
      } catch {
        /* not up yet */
      }
      if (Date.now() - t0 > 60_000) throw new Error(`server did not become ready: ${stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  beforeAll(async () => {
    database = await freshDatabase();
    port = await freePort();
  });
  afterAll(async () => {
    if (proc && proc.exitCode === null) proc.kill('SIGKILL');
    await database?.drop();
  });

  it('captures the reservation exactly once and counts the co-payment once', { timeout: 120_000 }, async () => {
    proc = await start();
    const o = database.owner;
    // The same figure by day and evening, so the test does not depend on the clock.
    await o.query(`UPDATE copayment_tariffs SET amount_ore = 17000 WHERE service = 'econsult'`);
    const fjordbyen = await demoClinicId(o, 'Fjordbyen legekontor');
    const [olaPerson, lisePerson] = [await demoPerson(o, 'Ola Hansen'), await demoPerson(o, 'Lise Berg')];
    const ola = new Browser(url());
    await ola.login(olaPerson.nationalId);
    const lise = new Browser(url());
    await lise.login(lisePerson.nationalId, 'staff', { hpr: lisePerson.hpr! });

    const id = await flow.draft(ola, fjordbyen);
    const { paymentId } = await flow.submitAndPay(ola, id, { amountOre: 17000, currency: 'NOK', rule: 'copayment' });
    expect((await lise.fetch(`/api/staff/econsult/cases/${id}/claim`, { method: 'POST' })).status).toBe(200);
    const closed = await json(await lise.fetch(`/api/staff/econsult/cases/${id}/close`, { method: 'POST', json: { outcome: 'advice', summary: 'Bruk fuktighetskrem.', journalNote: 'Tørr hud. Råd om krem.' } }));
    expect(closed.body.status).toBe('closed');

    // At once, with no chance to finish anything: the capture was asked for in the close's transaction.
    proc.kill('SIGKILL');
    await new Promise((r) => proc!.once('exit', r));
    const [atCrash] = (await o.query('SELECT status FROM payments WHERE id = $1', [paymentId])).rows as Array<{ status: string }>;
    expect(['capture_requested', 'captured']).toContain(atCrash!.status);

    proc = await start();
    await flow.settle(paymentId, 'captured');
    const [checkout] = (await o.query(`SELECT s.status, s.capture_count FROM payments p JOIN card_simulator_checkouts s ON s.id::text = p.provider_ref WHERE p.id = $1`, [paymentId])).rows;
    expect(checkout).toEqual({ status: 'captured', capture_count: 1 });
    expect((await o.query(`SELECT count(*)::int AS n FROM copayments WHERE purpose = 'econsult' AND purpose_id = $1`, [id])).rows).toEqual([{ n: 1 }]);
    proc.kill('SIGTERM');
    await new Promise((r) => proc!.once('exit', r));
  });
});
