// capture-crash.test.ts on Vipps MobilePay: the server process killed (kill -9) right after a clinician closes a paid
// e-consultation, between "case closed" and "capture confirmed"; after a restart the reservation is captured exactly
// once at Vipps (the stand-in of test-vipps.ts, which lives in this test's process and so outlives the server) and the
// co-payment counted once. The process start is a copy of capture-crash.test.ts's, with the Vipps settings added.
import type { ChildProcess } from 'node:child_process';
import { crashActors, killHard, redeliverDeadCapture, startServerProcess } from './server-process.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from './database.ts';
import { freePort } from './global-setup.ts';
import type { TestServer } from './server.ts';
import { econsultFlow } from '../src/server/econsult/test-flow.ts';
import { FakeVipps, fakeVippsEnv } from '../src/server/payments/test-vipps.ts';

describe('capture on Vipps across a crash of the server process', () => {
  let database: TestDatabase;
  let fake: FakeVipps;
  let port = 0;
  let proc: ChildProcess | undefined;
  const url = () => `http://127.0.0.1:${port}`;
  // The flow helpers need the server's address and the database's owner connection only.
  const flow = econsultFlow(() => ({ url: url(), database }) as unknown as TestServer);

  const start = (): Promise<ChildProcess> => startServerProcess({ port, databaseUrl: database.url, env: { ...fakeVippsEnv(fake.url), STRIPE_SECRET_KEY: undefined } });

  beforeAll(async () => {
    database = await freshDatabase();
    fake = await new FakeVipps().start();
    port = await freePort();
  });
  afterAll(async () => {
    if (proc && proc.exitCode === null) proc.kill('SIGKILL');
    await fake?.close();
    await database?.drop();
  });

  it('captures the reservation exactly once at Vipps and counts the co-payment once', { timeout: 120_000 }, async () => {
    proc = await start();
    const o = database.owner;
    const { who: ola, lise, fjordbyen } = await crashActors(port, o);

    const id = await flow.draft(ola, fjordbyen);
    // Approved on Vipps' landing page, back on our page, confirmed.
    const { paymentId } = await flow.submitAndPay(ola, id, { amountOre: 17000, currency: 'NOK', rule: 'copayment' });
    expect(fake.payments.get(paymentId)).toMatchObject({ state: 'AUTHORIZED', authorized: 17000, captured: 0 });
    await flow.claimAndClose(lise, id);

    // At once, with no chance to finish anything: the capture was asked for in the close's transaction.
    await killHard(proc);
    const [atCrash] = (await o.query('SELECT status FROM payments WHERE id = $1', [paymentId])).rows as Array<{ status: string }>;
    expect(['capture_requested', 'captured']).toContain(atCrash!.status);

    await redeliverDeadCapture(o, paymentId);
    proc = await start();
    await flow.settle(paymentId, 'captured');
    expect(fake.payments.get(paymentId)).toMatchObject({ state: 'AUTHORIZED', captured: 17000, cancelled: 0 });
    expect(fake.captures).toBe(1);
    const capturesPosted = fake.requests.filter((r) => r.method === 'POST' && r.path === `/epayment/v1/payments/${paymentId}/capture`);
    expect(capturesPosted.every((r) => r.headers['idempotency-key'] === `capture:${paymentId}`)).toBe(true);
    expect((await o.query(`SELECT count(*)::int AS n FROM copayments WHERE purpose = 'econsult' AND purpose_id = $1`, [id])).rows).toEqual([{ n: 1 }]);
    proc.kill('SIGTERM');
    await new Promise((r) => proc!.once('exit', r));
  });
});
