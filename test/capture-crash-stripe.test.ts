// The crash test on Stripe: the server process is killed (kill -9) between "case closed" and "capture confirmed",
// once right after the close and once while Stripe has taken the capture but its answer has not come back; after a
// restart the reservation is captured exactly once at Stripe and the co-payment counted once. The server runs as its
// own process on a fresh database; Stripe is the loopback stand-in of src/server/payments/test-stripe.ts, which
// outlives the server as Stripe would.
import type { ChildProcess } from 'node:child_process';
import { crashActors, redeliverDeadCapture, startServerProcess } from './server-process.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { econsultFlow, json } from '../src/server/econsult/test-flow.ts';
import { FAKE_STRIPE_KEY, FAKE_WEBHOOK_SECRET, FakeStripe } from '../src/server/payments/test-stripe.ts';
import { freshDatabase, type TestDatabase } from './database.ts';
import { freePort } from './global-setup.ts';
import type { TestServer } from './server.ts';

describe('capture on Stripe across a crash of the server process', () => {
  let database: TestDatabase;
  let fake: FakeStripe;
  let port = 0;
  let proc: ChildProcess | undefined;
  const url = () => `http://127.0.0.1:${port}`;
  // The flow helpers need the server's address and the database's owner connection only.
  const flow = econsultFlow(() => ({ url: url(), database }) as unknown as TestServer);

  // As in capture-crash.test.ts, with Stripe's settings.
  const start = (): Promise<ChildProcess> => startServerProcess({ port, databaseUrl: database.url, env: { PAYMENT_PROVIDER: 'stripe', STRIPE_SECRET_KEY: FAKE_STRIPE_KEY, STRIPE_API_BASE: fake.url, STRIPE_WEBHOOK_SECRET: FAKE_WEBHOOK_SECRET } });

  async function kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const dying = proc!;
    if (dying.exitCode !== null) return;
    const exited = new Promise((r) => dying.once('exit', r));
    dying.kill(signal);
    await exited;
  }

  beforeAll(async () => {
    database = await freshDatabase();
    fake = await new FakeStripe().start();
    port = await freePort();
    proc = await start();
  });
  afterAll(async () => {
    if (proc && proc.exitCode === null) proc.kill('SIGKILL');
    await fake?.close();
    await database?.drop();
  });

  /** A patient's case paid on Stripe's page and taken by a clinician, ready to close; its payment and intent. */
  async function paidCase(patient: string) {
    const { who, lise, fjordbyen } = await crashActors(port, database.owner, patient);

    const id = await flow.draft(who, fjordbyen);
    const submitted = await json(await who.fetch(`/api/econsult/cases/${id}/submit`, { method: 'POST' }));
    expect(submitted.body.case.price).toEqual({ amountOre: 17000, currency: 'NOK', rule: 'copayment' });
    const session = fake.sessions.get(new URL(submitted.body.redirectUrl).pathname.split('/').at(-1)!)!;
    fake.pay(session.id);
    // The payer comes back from Stripe's page to the success URL, whose page confirms.
    const paymentId = new URL(session.success_url).searchParams.get('payment')!;
    expect(await json(await who.fetch(`/api/payments/${paymentId}/confirm`, { method: 'POST' }))).toMatchObject({ status: 200 });
    const close = () => flow.claimAndClose(lise, id);
    return { id, paymentId, capturePath: `/v1/payment_intents/${session.payment_intent}/capture`, intent: fake.intents.get(session.payment_intent!)!, close };
  }

  async function expectCapturedOnce(c: Awaited<ReturnType<typeof paidCase>>): Promise<void> {
    await flow.settle(c.paymentId, 'captured');
    const carriedOut = fake.requests.filter((r) => r.path === c.capturePath && !r.replayed);
    expect(carriedOut.map((r) => [r.headers['idempotency-key'], r.form.amount_to_capture])).toEqual([[`capture:${c.paymentId}`, '17000']]);
    expect(c.intent).toMatchObject({ status: 'succeeded', amount_received: 17000 });
    expect((await database.owner.query(`SELECT count(*)::int AS n FROM copayments WHERE purpose = 'econsult' AND purpose_id = $1`, [c.id])).rows).toEqual([{ n: 1 }]);
  }

  it('killed right after the close: captures once and counts the co-payment once', { timeout: 120_000 }, async () => {
    const c = await paidCase('Ola Hansen');
    await c.close();
    // At once, with no chance to finish anything: the capture was asked for in the close's transaction.
    await kill();
    const [atCrash] = (await database.owner.query('SELECT status FROM payments WHERE id = $1', [c.paymentId])).rows as Array<{ status: string }>;
    expect(['capture_requested', 'captured']).toContain(atCrash!.status);
    await redeliverDeadCapture(database.owner, c.paymentId);
    proc = await start();
    await expectCapturedOnce(c);
  });

  it('killed while Stripe has captured but not yet answered: the retry takes nothing more', { timeout: 120_000 }, async () => {
    const c = await paidCase('Ingrid Solberg');
    const arrived = fake.holdAnswers(c.capturePath);
    await c.close();
    await arrived;
    await kill();
    fake.answerAgain(c.capturePath);
    expect(c.intent.status).toBe('succeeded');
    expect((await database.owner.query('SELECT status FROM payments WHERE id = $1', [c.paymentId])).rows).toEqual([{ status: 'capture_requested' }]);
    expect(await redeliverDeadCapture(database.owner, c.paymentId)).toBe(1);
    proc = await start();
    await expectCapturedOnce(c);
    await kill('SIGTERM');
  });
});
