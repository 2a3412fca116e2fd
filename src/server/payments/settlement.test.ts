// Capture and release against the real database, pg-boss and the card simulator: each happens exactly once at the
// provider, through repeats, concurrent jobs and a crash between the provider's answer and recording it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../../../test/database.ts';
import type { PaymentProvider } from './provider.ts';
import { CAPTURE_QUEUE, RELEASE_QUEUE, SETTLE_RETRIES } from './jobs.ts';
import { beginInput, checkoutRow, jobsFor, newClinic, newPerson, paymentEvents, paymentsHarness, type PaymentsHarness } from './test-support.ts';

const PUBLIC_URL = 'https://nettlege.test';
const CARD = { number: '4242 4242 4242 4242', expiry: '12/39', cvc: '123' };

let t: TestDatabase;
let h: PaymentsHarness;
let clinicId: string;
let payer: string;
/** Payments the purpose was told ended unpaid: a release the purpose asked for is not one. */
const declined: string[] = [];

beforeAll(async () => {
  t = await freshDatabase();
  h = await paymentsHarness(t, PUBLIC_URL);
  clinicId = await newClinic(t);
  payer = await newPerson(t);
  h.payments.onDeclined('econsult', async (_tx, p) => void declined.push(p.id));
});

afterAll(async () => {
  await h?.stop();
  await t?.drop();
});

const begin = () => h.payments.begin(beginInput(clinicId, payer));

async function authorizedPayment(): Promise<{ paymentId: string; ref: string }> {
  const { paymentId } = await begin();
  const ref = (await h.payments.get(paymentId))!.providerRef!;
  await h.simulator.payWithCard(ref, CARD, new Date());
  expect(await h.payments.confirm(paymentId)).toBe('authorized');
  return { paymentId, ref };
}

describe('capture', () => {
  it('captures exactly once when the process dies between the provider capture and recording it', async () => {
    const { paymentId, ref } = await authorizedPayment();
    let crashes = 1;
    const crashing: PaymentProvider = {
      name: 'simulator',
      createCheckout: (i) => h.simulator.createCheckout(i),
      status: (r) => h.simulator.status(r),
      release: (r, k) => h.simulator.release(r, k),
      refund: (r, a, k) => h.simulator.refund(r, a, k),
      capture: async (r, a, k) => {
        await h.simulator.capture(r, a, k);
        if (crashes-- > 0) throw new Error('process died before the capture was recorded');
      },
    };
    const crashy = await paymentsHarness(t, PUBLIC_URL, crashing);
    try {
      await t.db.transaction().execute(async (tx) => {
        await crashy.payments.requestCapture(tx, paymentId);
        await crashy.payments.requestCapture(tx, paymentId);
      });
      expect((await h.payments.get(paymentId))!.status).toBe('capture_requested');
      expect(await jobsFor(t, CAPTURE_QUEUE, paymentId)).toHaveLength(1);

      await expect(crashy.payments.runCapture({ paymentId }, { retryCount: 0 })).rejects.toThrow(/process died/);
      expect((await h.payments.get(paymentId))!.status).toBe('capture_requested');
      await crashy.payments.runCapture({ paymentId }, { retryCount: 1 });
      await crashy.payments.runCapture({ paymentId }, { retryCount: 2 });
    } finally {
      await crashy.stop();
    }
    const p = (await h.payments.get(paymentId))!;
    expect(p.status).toBe('captured');
    expect(p.capturedAt).toBeInstanceOf(Date);
    const checkout = await checkoutRow(t, ref);
    expect(checkout).toMatchObject({ status: 'captured', capture_count: 1, captured_amount_ore: 35_000 });
    const keys = await t.owner.query(`SELECT key FROM card_simulator_idempotency WHERE checkout_id = $1 AND operation = 'capture'`, [ref]);
    expect(keys.rows.map((r) => r.key)).toEqual([`capture:${paymentId}`]);
    expect(await paymentEvents(t, paymentId)).toEqual(['->created', 'created>pending', 'pending>authorized', 'authorized>capture_requested', 'capture_requested>captured']);
  });

  it('two capture jobs running at once capture once', async () => {
    const { paymentId, ref } = await authorizedPayment();
    await t.db.transaction().execute((tx) => h.payments.requestCapture(tx, paymentId));
    await Promise.all([h.payments.runCapture({ paymentId }, { retryCount: 0 }), h.payments.runCapture({ paymentId }, { retryCount: 0 })]);
    expect((await checkoutRow(t, ref)).capture_count).toBe(1);
    expect((await h.payments.get(paymentId))!.status).toBe('captured');
  });

  it('a capture asked for in a transaction that rolls back leaves no job and no request', async () => {
    const { paymentId } = await authorizedPayment();
    await expect(
      t.db.transaction().execute(async (tx) => {
        await h.payments.requestCapture(tx, paymentId);
        throw new Error('the case close failed');
      }),
    ).rejects.toThrow('the case close failed');
    expect((await h.payments.get(paymentId))!.status).toBe('authorized');
    expect(await jobsFor(t, CAPTURE_QUEUE, paymentId)).toHaveLength(0);
  });

  it('refuses to capture what was never authorized', async () => {
    const { paymentId } = await begin();
    await expect(t.db.transaction().execute((tx) => h.payments.requestCapture(tx, paymentId))).rejects.toMatchObject({ kind: 'conflict' });
  });

  it('a provider that keeps refusing ends, after the last retry, in failed for an operator', async () => {
    const { paymentId, ref } = await authorizedPayment();
    await t.db.transaction().execute((tx) => h.payments.requestCapture(tx, paymentId));
    await h.simulator.release(ref, 'operator-released-it-by-hand');
    await expect(h.payments.runCapture({ paymentId }, { retryCount: 0 })).rejects.toThrow(/cannot be captured/);
    await h.payments.runCapture({ paymentId }, { retryCount: SETTLE_RETRIES });
    expect((await h.payments.get(paymentId))!.status).toBe('failed');
  });
});

describe('release', () => {
  it('gives an authorized reservation back once, and a repeat does nothing', async () => {
    const { paymentId, ref } = await authorizedPayment();
    await t.db.transaction().execute((tx) => h.payments.requestRelease(tx, paymentId));
    await t.db.transaction().execute((tx) => h.payments.requestRelease(tx, paymentId));
    expect((await h.payments.get(paymentId))!.status).toBe('release_requested');
    expect(await jobsFor(t, RELEASE_QUEUE, paymentId)).toHaveLength(1);
    await h.payments.runRelease({ paymentId }, { retryCount: 0 });
    await h.payments.runRelease({ paymentId }, { retryCount: 1 });
    const p = (await h.payments.get(paymentId))!;
    expect(p.status).toBe('released');
    expect(p.releasedAt).toBeInstanceOf(Date);
    expect(await checkoutRow(t, ref)).toMatchObject({ status: 'released', release_count: 1, capture_count: 0 });
    await t.db.transaction().execute((tx) => h.payments.requestRelease(tx, paymentId));
    expect((await h.payments.get(paymentId))!.status).toBe('released');
    await expect(t.db.transaction().execute((tx) => h.payments.requestCapture(tx, paymentId))).rejects.toMatchObject({ kind: 'conflict' });
  });

  it('releasing a payment never authorized cancels it, and closes its checkout so it cannot be paid later', async () => {
    const { paymentId } = await begin();
    const ref = (await h.payments.get(paymentId))!.providerRef!;
    await t.db.transaction().execute((tx) => h.payments.requestRelease(tx, paymentId));
    expect((await h.payments.get(paymentId))!.status).toBe('canceled');
    await h.payments.runRelease({ paymentId }, { retryCount: 0 });
    expect(await checkoutRow(t, ref)).toMatchObject({ status: 'canceled', release_count: 0, capture_count: 0 });
    expect(declined).not.toContain(paymentId);
    // The browser coming back afterwards finds it canceled; nothing moves.
    expect(await h.payments.confirm(paymentId)).toBe('canceled');
  });

  it('refuses to release a payment being captured', async () => {
    const { paymentId } = await authorizedPayment();
    await t.db.transaction().execute((tx) => h.payments.requestCapture(tx, paymentId));
    await expect(t.db.transaction().execute((tx) => h.payments.requestRelease(tx, paymentId))).rejects.toMatchObject({ kind: 'conflict' });
  });
});
