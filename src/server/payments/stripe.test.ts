// The Stripe provider against a stand-in for Stripe's API on loopback (see test-stripe.ts for why a stand-in): the
// requests it makes (form encoding, Idempotency-Key, Bearer key), how it reads a session, and capture/release once.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../../../test/database.ts';
import type { CheckoutRequest } from './provider.ts';
import { ProviderError } from './provider.ts';
import { StripeProvider, stripeForm, stripeStatus, type StripeSession } from './stripe.ts';
import { FAKE_STRIPE_KEY, FakeStripe } from './test-stripe.ts';
import { beginInput, newClinic, newPerson, paymentsHarness } from './test-support.ts';

let fake: FakeStripe;
let stripe: StripeProvider;

beforeAll(async () => {
  fake = await new FakeStripe().start();
  stripe = new StripeProvider({ secretKey: FAKE_STRIPE_KEY, apiBase: fake.url });
});

afterAll(async () => {
  await fake?.close();
});

const request = (over: Partial<CheckoutRequest> = {}): CheckoutRequest => {
  const paymentId = randomUUID();
  return {
    paymentId,
    amountOre: 35_000,
    currency: 'NOK',
    description: 'E-konsultasjon, Legesenteret',
    returnUrl: `https://nettlege.test/econsult/betaling?payment=${paymentId}`,
    idempotencyKey: paymentId,
    language: 'nn',
    ...over,
  };
};

const lastTo = (path: string) => fake.requests.filter((r) => r.path === path).at(-1)!;

describe('creating a checkout', () => {
  it('posts a form-encoded Checkout Session with manual capture, the Bearer key and the payment id as Idempotency-Key', async () => {
    const req = request();
    const made = await stripe.createCheckout(req);
    expect(made.providerRef).toMatch(/^cs_test_/);
    expect(made.redirectUrl).toBe(`https://checkout.stripe.test/c/pay/${made.providerRef}`);
    const sent = lastTo('/v1/checkout/sessions');
    expect(sent.method).toBe('POST');
    expect(sent.headers.authorization).toBe(`Bearer ${FAKE_STRIPE_KEY}`);
    expect(sent.headers['idempotency-key']).toBe(req.paymentId);
    expect(sent.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(sent.form).toEqual({
      mode: 'payment',
      success_url: req.returnUrl,
      cancel_url: req.returnUrl,
      client_reference_id: req.paymentId,
      locale: 'nb',
      'metadata[payment_id]': req.paymentId,
      'line_items[0][quantity]': '1',
      'line_items[0][price_data][currency]': 'nok',
      'line_items[0][price_data][unit_amount]': '35000',
      'line_items[0][price_data][product_data][name]': 'E-konsultasjon, Legesenteret',
      'payment_intent_data[capture_method]': 'manual',
      'payment_intent_data[description]': 'E-konsultasjon, Legesenteret',
      'payment_intent_data[metadata][payment_id]': req.paymentId,
    });
  });

  it('the same key again gets the same session, which Stripe replays', async () => {
    const req = request({ currency: 'SEK', language: 'sv' });
    const first = await stripe.createCheckout(req);
    const again = await stripe.createCheckout(req);
    expect(again).toEqual(first);
    expect(lastTo('/v1/checkout/sessions').replayed).toBe(true);
    expect(lastTo('/v1/checkout/sessions').form.locale).toBe('sv');
  });
});

describe('reading a checkout', () => {
  it('expands the payment intent and maps the session and intent to our statuses', async () => {
    const { providerRef } = await stripe.createCheckout(request());
    expect(await stripe.status(providerRef)).toBe('pending');
    const read = lastTo(`/v1/checkout/sessions/${providerRef}`);
    expect(read.method).toBe('GET');
    expect(read.query.getAll('expand[]')).toEqual(['payment_intent']);
    expect(read.headers['idempotency-key']).toBeUndefined();
    fake.pay(providerRef);
    expect(await stripe.status(providerRef)).toBe('authorized');
  });

  it('maps every state the provider can be in', () => {
    const session = (status: StripeSession['status'], pi?: string): StripeSession => ({ id: 'cs', url: null, status, payment_intent: pi ? { id: 'pi', status: pi } : null });
    expect(stripeStatus(session('open'))).toBe('pending');
    expect(stripeStatus(session('expired'))).toBe('canceled');
    expect(stripeStatus(session('complete', 'requires_capture'))).toBe('authorized');
    expect(stripeStatus(session('complete', 'succeeded'))).toBe('captured');
    expect(stripeStatus(session('complete', 'canceled'))).toBe('released');
    expect(stripeStatus(session('complete', 'processing'))).toBe('pending');
  });

  it('a wrong key or an unreachable API is a provider error', async () => {
    const wrong = new StripeProvider({ secretKey: 'sk_test_wrong', apiBase: fake.url });
    await expect(wrong.status('cs_test_1')).rejects.toMatchObject({ name: 'ProviderError', status: 401 });
    const gone = new StripeProvider({ secretKey: FAKE_STRIPE_KEY, apiBase: 'http://127.0.0.1:9', timeoutMs: 2_000 });
    await expect(gone.status('cs_test_1')).rejects.toBeInstanceOf(ProviderError);
  });
});

describe('capture and release', () => {
  it('captures once: a retry after a lost answer, and any later repeat, take nothing more', async () => {
    const { providerRef } = await stripe.createCheckout(request());
    fake.pay(providerRef);
    const pi = fake.sessions.get(providerRef)!.payment_intent!;
    const before = fake.captures;
    fake.dropAnswerTo = `/v1/payment_intents/${pi}/capture`;
    await expect(stripe.capture(providerRef, 35_000, 'capture:p1')).rejects.toBeInstanceOf(ProviderError);
    await stripe.capture(providerRef, 35_000, 'capture:p1');
    await stripe.capture(providerRef, 35_000, 'capture:p1');
    expect(fake.captures - before).toBe(1);
    const sent = lastTo(`/v1/payment_intents/${pi}/capture`);
    expect(sent.headers['idempotency-key']).toBe('capture:p1');
    expect(sent.form).toEqual({ amount_to_capture: '35000' });
    expect(await stripe.status(providerRef)).toBe('captured');
    await expect(stripe.release(providerRef, 'release:p1')).rejects.toThrow(/refund/);
  });

  it('refunds part and then the rest, once each however often the refund is retried, and never more than was taken', async () => {
    const { providerRef } = await stripe.createCheckout(request());
    fake.pay(providerRef);
    await stripe.capture(providerRef, 35_000, 'capture:p9');
    const pi = fake.sessions.get(providerRef)!.payment_intent!;
    const before = fake.refunds;
    fake.dropAnswerTo = '/v1/refunds';
    await expect(stripe.refund(providerRef, 10_000, 'refund:r1')).rejects.toBeInstanceOf(ProviderError);
    await stripe.refund(providerRef, 10_000, 'refund:r1');
    expect(lastTo('/v1/refunds')).toMatchObject({ headers: { 'idempotency-key': 'refund:r1' }, form: { payment_intent: pi, amount: '10000' } });
    await stripe.refund(providerRef, 25_000, 'refund:r2');
    expect(fake.refunds - before).toBe(2);
    await expect(stripe.refund(providerRef, 1, 'refund:r3')).rejects.toBeInstanceOf(ProviderError);
    expect(fake.refunded.get(pi)).toBe(35_000);
  });

  it('releases an authorization by canceling its intent, once', async () => {
    const { providerRef } = await stripe.createCheckout(request());
    fake.pay(providerRef);
    const before = fake.cancels;
    await stripe.release(providerRef, 'release:p2');
    await stripe.release(providerRef, 'release:p2');
    expect(fake.cancels - before).toBe(1);
    expect(lastTo(`/v1/payment_intents/${fake.sessions.get(providerRef)!.payment_intent}/cancel`).headers['idempotency-key']).toBe('release:p2');
    expect(await stripe.status(providerRef)).toBe('released');
  });

  it('releasing a checkout never paid expires the session, so it cannot be paid later', async () => {
    const { providerRef } = await stripe.createCheckout(request());
    await stripe.release(providerRef, 'release:p3');
    expect(lastTo(`/v1/checkout/sessions/${providerRef}/expire`).headers['idempotency-key']).toBe('release:p3:expire');
    expect(await stripe.status(providerRef)).toBe('canceled');
    await stripe.release(providerRef, 'release:p3');
  });

  it('refuses to capture a checkout never paid', async () => {
    const { providerRef } = await stripe.createCheckout(request());
    await expect(stripe.capture(providerRef, 35_000, 'capture:p4')).rejects.toThrow(/never paid/);
  });
});

describe('the payment service on Stripe', () => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await freshDatabase();
  });

  afterAll(async () => {
    await t?.drop();
  });

  it('reserves at checkout, confirms, and captures exactly once through the job', async () => {
    const h = await paymentsHarness(t, 'https://nettlege.test', stripe);
    try {
      const { paymentId, redirectUrl } = await h.payments.begin(beginInput(await newClinic(t), await newPerson(t)));
      const ref = (await h.payments.get(paymentId))!.providerRef!;
      expect(redirectUrl).toBe(`https://checkout.stripe.test/c/pay/${ref}`);
      expect((await h.payments.get(paymentId))!.provider).toBe('stripe');
      fake.pay(ref);
      expect(await h.payments.confirm(paymentId)).toBe('authorized');
      await t.db.transaction().execute((tx) => h.payments.requestCapture(tx, paymentId));
      const before = fake.captures;
      await h.payments.runCapture({ paymentId }, { retryCount: 0 });
      await h.payments.runCapture({ paymentId }, { retryCount: 1 });
      expect(fake.captures - before).toBe(1);
      expect(lastTo(`/v1/payment_intents/${fake.sessions.get(ref)!.payment_intent}/capture`).headers['idempotency-key']).toBe(`capture:${paymentId}`);
      expect((await h.payments.get(paymentId))!.status).toBe('captured');
    } finally {
      await h.stop();
    }
  });
});

describe('stripeForm', () => {
  it('encodes nested objects and arrays the way Stripe reads them', () => {
    expect(decodeURIComponent(stripeForm({ a: 1, b: { c: 'x y', d: [{ e: true }] }, skip: undefined }))).toBe('a=1&b[c]=x+y&b[d][0][e]=true');
  });
});
