// The payment service against the real database, pg-boss and the card simulator: one reservation per purpose,
// the purpose's hook once, and the check job for a payer who left (capture and release: settlement.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../../../test/database.ts';
import type { PaymentProvider } from './provider.ts';
import { CHECK_QUEUE, CHECK_RETRIES, RELEASE_QUEUE } from './jobs.ts';
import type { HookPayment } from './service.ts';
import { beginInput, checkoutRow, jobsFor, newClinic, newPerson, paymentEvents, paymentsHarness, type PaymentsHarness } from './test-support.ts';

const PUBLIC_URL = 'https://nettlege.test';
const CARD = { number: '4242 4242 4242 4242', expiry: '12/39', cvc: '123' };
const DECLINED = { ...CARD, number: '4000 0000 0000 0002' };

let t: TestDatabase;
let h: PaymentsHarness;
let clinicId: string;
let payer: string;
const authorized: HookPayment[] = [];
const declined: HookPayment[] = [];

/** A purpose whose hooks record what they were told, and write in the confirm's transaction. */
const PURPOSE = 'econsult';

beforeAll(async () => {
  t = await freshDatabase();
  h = await paymentsHarness(t, PUBLIC_URL);
  clinicId = await newClinic(t);
  payer = await newPerson(t);
  h.payments.onAuthorized(PURPOSE, async (tx, p) => {
    authorized.push(p);
    await tx.insertInto('audit_log').values({ actor_person_id: p.personId, actor_kind: 'system', subject_person_id: p.personId, action: 'paid', reason: p.id }).execute();
  });
  h.payments.onDeclined(PURPOSE, async (_tx, p) => {
    declined.push(p);
  });
  // After commit: what the hook wrote is there to be read by anyone, e.g. a live update's recomputation.
  h.payments.afterMove(PURPOSE, async (p) => {
    const seen = await t.owner.query(`SELECT count(*)::int AS n FROM audit_log WHERE reason = $1`, [p.id]);
    committed.push({ id: p.id, status: p.status, visible: seen.rows[0].n });
  });
});
const committed: { id: string; status: string; visible: number }[] = [];

afterAll(async () => {
  await h?.stop();
  await t?.drop();
});

const begin = (over = {}) => h.payments.begin(beginInput(clinicId, payer, over));
const hooksFor = (list: HookPayment[], id: string) => list.filter((p) => p.id === id);

describe('beginning a payment', () => {
  it('opens one checkout at the provider, and returns the payer there with the payment named in the return address', async () => {
    const input = beginInput(clinicId, payer);
    const started = await h.payments.begin(input);
    expect(started.status).toBe('pending');
    const p = (await h.payments.get(started.paymentId))!;
    expect(p).toMatchObject({ status: 'pending', amountOre: 35_000, currency: 'NOK', provider: 'simulator', purpose: 'econsult', purposeId: input.purposeId });
    expect(started.redirectUrl).toBe(`${PUBLIC_URL}/dev-pay/checkout/${p.providerRef}`);
    expect((await h.simulator.checkout(p.providerRef!))!.returnUrl).toBe(`${PUBLIC_URL}/econsult/betaling?payment=${p.id}`);
    expect(await paymentEvents(t, p.id)).toEqual(['->created', 'created>pending']);
  });

  it('a purpose that already has a live payment gets that payment again, even when asked twice at once', async () => {
    const input = beginInput(clinicId, payer);
    const [a, b] = await Promise.all([h.payments.begin(input), h.payments.begin(input)]);
    const again = await h.payments.begin(input);
    expect(new Set([a.paymentId, b.paymentId, again.paymentId]).size).toBe(1);
    expect(new Set([a.redirectUrl, b.redirectUrl, again.redirectUrl]).size).toBe(1);
    expect(await h.payments.forPurpose('econsult', input.purposeId)).toHaveLength(1);
    const checkouts = await t.owner.query(`SELECT count(*)::int AS n FROM card_simulator_idempotency WHERE key = $1`, [a.paymentId]);
    expect(checkouts.rows[0].n).toBe(1);
  });

  it('after a declined attempt the purpose may try again, and each attempt is kept', async () => {
    const input = beginInput(clinicId, payer);
    const first = await h.payments.begin(input);
    await h.simulator.payWithCard((await h.payments.get(first.paymentId))!.providerRef!, DECLINED, new Date());
    expect(await h.payments.confirm(first.paymentId)).toBe('declined');
    const second = await h.payments.begin(input);
    expect(second.paymentId).not.toBe(first.paymentId);
    expect((await h.payments.forPurpose('econsult', input.purposeId)).map((p) => p.status)).toEqual(['pending', 'declined']);
  });

  it('a provider that fails leaves the payment created, and the next begin finishes the same checkout', async () => {
    let fail = true;
    const flaky: PaymentProvider = {
      name: 'simulator',
      createCheckout: async (i) => {
        const made = await h.simulator.createCheckout(i);
        if (fail) throw new Error('connection reset after the provider made the checkout');
        return made;
      },
      status: (r) => h.simulator.status(r),
      capture: (r, a, k) => h.simulator.capture(r, a, k),
      refund: (r, a, k) => h.simulator.refund(r, a, k),
      release: (r, k) => h.simulator.release(r, k),
    };
    const other = await paymentsHarness(t, PUBLIC_URL, flaky);
    try {
      const input = beginInput(clinicId, payer);
      await expect(other.payments.begin(input)).rejects.toMatchObject({ kind: 'unavailable' });
      const [stuck] = await other.payments.forPurpose('econsult', input.purposeId);
      expect(stuck!.status).toBe('created');
      fail = false;
      const retried = await other.payments.begin(input);
      expect(retried.paymentId).toBe(stuck!.id);
      const checkouts = await t.owner.query(`SELECT count(*)::int AS n FROM card_simulator_idempotency WHERE key = $1`, [stuck!.id]);
      expect(checkouts.rows[0].n).toBe(1);
    } finally {
      await other.stop();
    }
  });

  it('refuses what cannot be paid: no amount, a foreign currency, an address off the site', async () => {
    await expect(begin({ amountOre: 0 })).rejects.toMatchObject({ kind: 'invalid' });
    await expect(begin({ amountOre: 10.5 })).rejects.toMatchObject({ kind: 'invalid' });
    await expect(begin({ currency: 'EUR' as 'NOK' })).rejects.toMatchObject({ kind: 'invalid' });
    await expect(begin({ returnPath: '//evil.example/x' })).rejects.toMatchObject({ kind: 'invalid' });
    await expect(begin({ purpose: 'Not A Slug' })).rejects.toMatchObject({ kind: 'invalid' });
  });
});

describe('confirming what the payer did', () => {
  it('runs the purpose hook once, in the same transaction, however often and however concurrently it is asked', async () => {
    const { paymentId } = await begin();
    const ref = (await h.payments.get(paymentId))!.providerRef!;
    expect(await h.payments.confirm(paymentId)).toBe('pending');
    await h.simulator.payWithCard(ref, CARD, new Date());
    const results = await Promise.all([h.payments.confirm(paymentId), h.payments.confirm(paymentId), h.payments.confirm(paymentId)]);
    expect(results).toEqual(['authorized', 'authorized', 'authorized']);
    expect(await h.payments.confirm(paymentId)).toBe('authorized');
    expect(hooksFor(authorized, paymentId)).toHaveLength(1);
    expect(hooksFor(authorized, paymentId)[0]).toMatchObject({ clinicId, personId: payer, amountOre: 35_000, status: 'authorized' });
    const written = await t.owner.query(`SELECT count(*)::int AS n FROM audit_log WHERE reason = $1`, [paymentId]);
    expect(written.rows[0].n).toBe(1);
    expect((await h.payments.get(paymentId))!.authorizedAt).toBeInstanceOf(Date);
    expect(committed.filter((c) => c.id === paymentId)).toEqual([{ id: paymentId, status: 'authorized', visible: 1 }]);
  });

  it('a hook that fails leaves the payment pending, to be confirmed again', async () => {
    const { paymentId } = await begin({ purpose: 'failing-hook' });
    h.payments.onAuthorized('failing-hook', async () => {
      throw new Error('the case is gone');
    });
    await h.simulator.payWithCard((await h.payments.get(paymentId))!.providerRef!, CARD, new Date());
    await expect(h.payments.confirm(paymentId)).rejects.toThrow('the case is gone');
    expect((await h.payments.get(paymentId))!.status).toBe('pending');
  });

  it('a hook may release the payment it was told of, in the same transaction (a purpose that no longer wants it)', async () => {
    const { paymentId } = await begin({ purpose: 'gone-by-then' });
    h.payments.onAuthorized('gone-by-then', (tx, p) => h.payments.requestRelease(tx, p.id));
    await h.simulator.payWithCard((await h.payments.get(paymentId))!.providerRef!, CARD, new Date());
    expect(await h.payments.confirm(paymentId)).toBe('release_requested');
    expect(await jobsFor(t, RELEASE_QUEUE, paymentId)).toHaveLength(1);
  });

  it('a purpose without its hooks is not moved on: the payment waits for a confirm once the hook is there', async () => {
    const { paymentId } = await begin({ purpose: 'unhooked' });
    await h.simulator.payWithCard((await h.payments.get(paymentId))!.providerRef!, CARD, new Date());
    await expect(h.payments.confirm(paymentId)).rejects.toThrow(/no onAuthorized hook for purpose unhooked/);
    expect((await h.payments.get(paymentId))!.status).toBe('pending');
    h.payments.onAuthorized('unhooked', async () => {});
    expect(await h.payments.confirm(paymentId)).toBe('authorized');
  });

  it('a decline tells the purpose once', async () => {
    const { paymentId } = await begin();
    await h.simulator.payWithCard((await h.payments.get(paymentId))!.providerRef!, DECLINED, new Date());
    expect(await h.payments.confirm(paymentId)).toBe('declined');
    expect(await h.payments.confirm(paymentId)).toBe('declined');
    expect(hooksFor(declined, paymentId)).toHaveLength(1);
    expect(hooksFor(declined, paymentId)[0]!.status).toBe('declined');
  });
});

describe('the payment.check job', () => {
  it('is queued a minute ahead when the payment begins', async () => {
    const before = Date.now();
    const { paymentId } = await begin();
    const [job] = await jobsFor(t, CHECK_QUEUE, paymentId);
    expect(job!.singleton_key).toBe(paymentId);
    const delay = new Date(job!.start_after).getTime() - before;
    expect(delay).toBeGreaterThan(55_000);
    expect(delay).toBeLessThan(70_000);
  });

  it('confirms a payer who paid and closed the browser, so the purpose still hears of it', async () => {
    const { paymentId } = await begin();
    await h.simulator.payWithCard((await h.payments.get(paymentId))!.providerRef!, CARD, new Date());
    await h.payments.runCheck({ paymentId }, { retryCount: 0 });
    expect((await h.payments.get(paymentId))!.status).toBe('authorized');
    expect(hooksFor(authorized, paymentId)).toHaveLength(1);
    await h.payments.runCheck({ paymentId }, { retryCount: 1 });
    expect(hooksFor(authorized, paymentId)).toHaveLength(1);
  });

  it('checks again while the checkout is open, and at the last try abandons it here and at the provider', async () => {
    const { paymentId } = await begin();
    const ref = (await h.payments.get(paymentId))!.providerRef!;
    await expect(h.payments.runCheck({ paymentId }, { retryCount: 0 })).rejects.toThrow(/still pending/);
    await h.payments.runCheck({ paymentId }, { retryCount: CHECK_RETRIES });
    expect((await h.payments.get(paymentId))!.status).toBe('canceled');
    expect(hooksFor(declined, paymentId).map((p) => p.status)).toEqual(['canceled']);
    expect(await jobsFor(t, RELEASE_QUEUE, paymentId)).toHaveLength(1);
    await h.payments.runRelease({ paymentId }, { retryCount: 0 });
    expect((await checkoutRow(t, ref)).status).toBe('canceled');
    // The payer who comes back late cannot pay a checkout that no longer counts.
    const late = await h.simulator.payWithCard(ref, CARD, new Date());
    expect(late).toMatchObject({ kind: 'return' });
    expect((await checkoutRow(t, ref)).status).toBe('canceled');
  });
});
