// The Stripe provider against a stand-in for Stripe's API on loopback (see test-stripe.ts for why a stand-in): the
// requests Stripe's client makes for it, how it reads a session, capture/release/refund once, webhook signatures, and
// a webhook sent twice (and once forged) to the real server moving the payment once.
import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../../../test/database.ts';
import { demoClinicId, demoPerson } from '../../../test/people.ts';
import { Browser, startTestServer, type TestServer } from '../../../test/server.ts';
import { econsultFlow, json } from '../econsult/test-flow.ts';
import type { CheckoutRequest, WebhookRequest } from './provider.ts';
import { ProviderError, WebhookRejected } from './provider.ts';
import { StripeProvider, stripeStatus, type StripeSession } from './stripe.ts';
import { FAKE_STRIPE_KEY, FAKE_WEBHOOK_SECRET, FakeStripe } from './test-stripe.ts';
import { beginInput, newClinic, newPerson, paymentsHarness } from './test-support.ts';

let fake: FakeStripe;
let stripe: StripeProvider;

beforeAll(async () => {
  fake = await new FakeStripe().start();
  stripe = new StripeProvider({ secretKey: FAKE_STRIPE_KEY, apiBase: fake.url, webhookSecret: FAKE_WEBHOOK_SECRET });
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
const paid = async () => {
  const { providerRef } = await stripe.createCheckout(request());
  fake.pay(providerRef);
  return { providerRef, pi: fake.sessions.get(providerRef)!.payment_intent! };
};

describe('creating a checkout', () => {
  it('posts a form-encoded Checkout Session with manual capture, the Bearer key, the API version and the payment id as Idempotency-Key', async () => {
    const req = request();
    const made = await stripe.createCheckout(req);
    expect(made.providerRef).toMatch(/^cs_test_/);
    expect(made.redirectUrl).toBe(`https://checkout.stripe.test/c/pay/${made.providerRef}`);
    const sent = lastTo('/v1/checkout/sessions');
    expect(sent.method).toBe('POST');
    expect(sent.headers.authorization).toBe(`Bearer ${FAKE_STRIPE_KEY}`);
    expect(sent.headers['idempotency-key']).toBe(req.paymentId);
    expect(sent.headers['stripe-version']).toBe(Stripe.API_VERSION);
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
    expect([...read.query]).toEqual([['expand[0]', 'payment_intent']]);
    expect(read.headers['idempotency-key']).toBeUndefined();
    fake.pay(providerRef);
    expect(await stripe.status(providerRef)).toBe('authorized');
  });

  it('maps every state the provider can be in', () => {
    const session = (status: string, pi?: string): StripeSession => ({ status, payment_intent: pi ? { id: 'pi', status: pi } : null });
    expect(stripeStatus(session('open'))).toBe('pending');
    expect(stripeStatus(session('expired'))).toBe('canceled');
    expect(stripeStatus(session('complete', 'requires_capture'))).toBe('authorized');
    expect(stripeStatus(session('complete', 'succeeded'))).toBe('captured');
    expect(stripeStatus(session('complete', 'canceled'))).toBe('released');
    expect(stripeStatus(session('complete', 'processing'))).toBe('pending');
  });

  it('a wrong key, an unknown session or an unreachable API is a provider error with its status', async () => {
    const wrong = new StripeProvider({ secretKey: 'sk_test_wrong', apiBase: fake.url });
    await expect(wrong.status('cs_test_1')).rejects.toMatchObject({ name: 'ProviderError', status: 401 });
    await expect(stripe.status('cs_test_nonesuch')).rejects.toMatchObject({ name: 'ProviderError', status: 404, message: /No such checkout.session/ });
    const gone = new StripeProvider({ secretKey: FAKE_STRIPE_KEY, apiBase: 'http://127.0.0.1:9', timeoutMs: 2_000, maxNetworkRetries: 0 });
    await expect(gone.status('cs_test_1')).rejects.toMatchObject({ name: 'ProviderError', status: undefined });
    expect(() => new StripeProvider({ secretKey: FAKE_STRIPE_KEY, apiBase: `${fake.url}/stripe` })).toThrow(/without a path/);
  });
});

describe('capture and release', () => {
  it('captures once: the client retries a lost answer with the same key, and later repeats take nothing more', async () => {
    const { providerRef, pi } = await paid();
    const before = fake.captures;
    fake.dropAnswers(`/v1/payment_intents/${pi}/capture`);
    await stripe.capture(providerRef, 35_000, 'capture:p1');
    const sent = fake.requests.filter((r) => r.path === `/v1/payment_intents/${pi}/capture`);
    expect(sent.map((r) => [r.headers['idempotency-key'], r.replayed])).toEqual([['capture:p1', false], ['capture:p1', true]]);
    expect(sent[0]!.form).toEqual({ amount_to_capture: '35000' });
    await stripe.capture(providerRef, 35_000, 'capture:p1');
    expect(fake.captures - before).toBe(1);
    expect(await stripe.status(providerRef)).toBe('captured');
    await expect(stripe.release(providerRef, 'release:p1')).rejects.toThrow(/refund/);
  });

  it('when every answer is lost the capture fails, and the job retrying finds it captured and takes nothing more', async () => {
    const { providerRef, pi } = await paid();
    const before = fake.captures;
    fake.dropAnswers(`/v1/payment_intents/${pi}/capture`, 2);
    await expect(stripe.capture(providerRef, 35_000, 'capture:p5')).rejects.toMatchObject({ name: 'ProviderError', status: undefined });
    await stripe.capture(providerRef, 35_000, 'capture:p5');
    const sent = fake.requests.filter((r) => r.path === `/v1/payment_intents/${pi}/capture`);
    expect(sent.map((r) => [r.headers['idempotency-key'], r.replayed])).toEqual([['capture:p5', false], ['capture:p5', true]]);
    expect(fake.captures - before).toBe(1);
  });

  it('refunds part and then the rest, once each however often the refund is retried, and never more than was taken', async () => {
    const { providerRef, pi } = await paid();
    await stripe.capture(providerRef, 35_000, 'capture:p9');
    const before = fake.refunds;
    fake.dropAnswers('/v1/refunds', 2);
    await expect(stripe.refund(providerRef, 10_000, 'refund:r1')).rejects.toBeInstanceOf(ProviderError);
    await stripe.refund(providerRef, 10_000, 'refund:r1');
    expect(lastTo('/v1/refunds')).toMatchObject({ replayed: true, headers: { 'idempotency-key': 'refund:r1' }, form: { payment_intent: pi, amount: '10000' } });
    await stripe.refund(providerRef, 25_000, 'refund:r2');
    expect(fake.refunds - before).toBe(2);
    await expect(stripe.refund(providerRef, 1, 'refund:r3')).rejects.toMatchObject({ name: 'ProviderError', status: 400 });
    expect(fake.refunded.get(pi)).toBe(35_000);
  });

  it('releases an authorization by canceling its intent, once', async () => {
    const { providerRef, pi } = await paid();
    const before = fake.cancels;
    await stripe.release(providerRef, 'release:p2');
    await stripe.release(providerRef, 'release:p2');
    expect(fake.cancels - before).toBe(1);
    expect(lastTo(`/v1/payment_intents/${pi}/cancel`).headers['idempotency-key']).toBe('release:p2');
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

describe('webhook signatures', () => {
  const signed = (event: object, o: { secret?: string; timestamp?: number; body?: string } = {}): WebhookRequest => {
    const payload = JSON.stringify(event);
    const header = Stripe.webhooks.generateTestHeaderString({ payload, secret: o.secret ?? FAKE_WEBHOOK_SECRET, ...(o.timestamp ? { timestamp: o.timestamp } : {}) });
    return { rawBody: Buffer.from(o.body ?? payload), headers: { 'stripe-signature': header }, pathAndQuery: '/api/payments/webhooks/stripe', host: 'nettlege.test' };
  };

  it('names the session of a checkout event whose signature holds, and ignores other events', async () => {
    const { providerRef } = await paid();
    for (const type of ['checkout.session.completed', 'checkout.session.expired', 'checkout.session.async_payment_succeeded', 'checkout.session.async_payment_failed']) {
      const event = fake.event(type, providerRef);
      expect(await stripe.webhook(signed(event))).toEqual({ eventId: event.id, providerRef });
    }
    expect(await stripe.webhook(signed({ ...fake.event('customer.created', providerRef), data: { object: { id: 'cus_1', object: 'customer' } } }))).toBeNull();
  });

  it('refuses an altered body, a wrong secret, a signature over five minutes old, or none', async () => {
    const event = fake.event('checkout.session.completed', (await paid()).providerRef);
    const refused = (req: WebhookRequest, reason: RegExp) => expect(stripe.webhook(req)).rejects.toThrow(expect.objectContaining({ name: 'WebhookRejected', message: expect.stringMatching(reason) }));
    await refused(signed(event, { body: JSON.stringify({ ...event, id: 'evt_forged' }) }), /signature/i);
    await refused(signed(event, { secret: 'whsec_someoneElse' }), /signature/i);
    await refused(signed(event, { timestamp: Math.floor(Date.now() / 1000) - 301 }), /tolerance/i);
    await refused({ ...signed(event), headers: {} }, /no Stripe-Signature/);
    await refused({ ...signed(event), headers: { 'stripe-signature': 't=1,v1=00' } }, /signature|tolerance/i);
    expect(await stripe.webhook(signed(event, { timestamp: Math.floor(Date.now() / 1000) - 240 }))).toMatchObject({ eventId: event.id });
  });

  it('without a signing secret every webhook is refused', async () => {
    const unsigned = new StripeProvider({ secretKey: FAKE_STRIPE_KEY, apiBase: fake.url });
    await expect(unsigned.webhook(signed(fake.event('checkout.session.completed', (await paid()).providerRef)))).rejects.toBeInstanceOf(WebhookRejected);
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

describe('Stripe webhooks to the real server', () => {
  let server: TestServer;
  const flow = econsultFlow(() => server);

  beforeAll(async () => {
    server = await startTestServer({ RATE_LIMIT_PER_MINUTE: '100000', STRIPE_SECRET_KEY: FAKE_STRIPE_KEY, STRIPE_API_BASE: fake.url, STRIPE_WEBHOOK_SECRET: FAKE_WEBHOOK_SECRET });
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('a completed checkout sent twice and once forged authorizes the payment once and submits the case once', { timeout: 60_000 }, async () => {
    const o = server.database.owner;
    const ola = new Browser(server.url);
    await ola.login((await demoPerson(o, 'Ola Hansen')).nationalId);
    const id = await flow.draft(ola, await demoClinicId(o, 'Fjordbyen legekontor'));
    const submitted = await json(await ola.fetch(`/api/econsult/cases/${id}/submit`, { method: 'POST' }));
    expect(submitted.status).toBe(200);
    const sessionId = new URL(submitted.body.redirectUrl).pathname.split('/').at(-1)!;
    const paymentId = fake.sessions.get(sessionId)!.client_reference_id!;
    fake.pay(sessionId);
    const hook = `${server.url}/api/payments/webhooks/stripe`;
    const count = async () => ({
      authorized: (await flow.q<{ n: number }>(`SELECT count(*)::int AS n FROM payment_events WHERE payment_id = $1 AND to_status = 'authorized'`, [paymentId]))[0]!.n,
      submitted: (await flow.q<{ n: number }>(`SELECT count(*)::int AS n FROM econsult_case_events WHERE case_id = $1 AND action = 'payment-authorized'`, [id]))[0]!.n,
    });

    const forged = await fake.sendWebhook(hook, fake.event('checkout.session.completed', sessionId), { secret: 'whsec_notTheEndpoints' });
    expect(forged.status).toBe(400);
    expect(forged.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await count()).toEqual({ authorized: 0, submitted: 0 });
    expect((await flow.q('SELECT status FROM payments WHERE id = $1', [paymentId]))[0]).toEqual({ status: 'pending' });

    const event = fake.event('checkout.session.completed', sessionId);
    const twice = await Promise.all([fake.sendWebhook(hook, event), fake.sendWebhook(hook, event)]);
    expect(twice.map((r) => r.status)).toEqual([200, 200]);
    expect(await fake.sendWebhook(hook, event).then((r) => r.status)).toBe(200);
    expect((await flow.q('SELECT status FROM payments WHERE id = $1', [paymentId]))[0]).toEqual({ status: 'authorized' });
    expect(await count()).toEqual({ authorized: 1, submitted: 1 });
    expect((await json(await ola.fetch(`/api/econsult/cases/${id}`))).body.status).not.toBe('awaiting_payment');

    // Refused before anything is looked at: a stale signature, and no signature at all.
    const stale = await fake.sendWebhook(hook, event, { timestamp: Math.floor(Date.now() / 1000) - 600 });
    expect(stale.status).toBe(400);
    expect((await fetch(hook, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(event) })).status).toBe(400);
    // Signed but about a session that is not ours, or an event we do not read: taken, nothing done.
    expect((await fake.sendWebhook(hook, { ...event, data: { object: { id: 'cs_test_other', object: 'checkout.session' } } })).status).toBe(200);
    expect((await fake.sendWebhook(hook, { ...event, type: 'charge.succeeded', data: { object: { id: 'ch_1', object: 'charge' } } })).status).toBe(200);
    expect(await count()).toEqual({ authorized: 1, submitted: 1 });
  });
});
