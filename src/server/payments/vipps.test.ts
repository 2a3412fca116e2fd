// The Vipps MobilePay provider against a stand-in for Vipps' API on loopback (see test-vipps.ts for why a stand-in):
// the token, the requests it makes, how it reads a payment, capture/cancel/refund once, the webhook signature, and an
// e-consultation paid through the real server, with a webhook sent twice that authorizes the payment once.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoClinicId, demoPerson } from '../../../test/people.ts';
import { Browser, startTestServer, type TestServer } from '../../../test/server.ts';
import { econsultFlow, json } from '../econsult/test-flow.ts';
import { ProviderError, type CheckoutRequest, type WebhookRequest } from './provider.ts';
import { FAKE_VIPPS, FakeVipps, fakeVippsEnv, type SignedWebhook } from './test-vipps.ts';
import { VippsProvider, vippsStatus, type VippsPayment } from './vipps.ts';

let fake: FakeVipps;
let vipps: VippsProvider;
const keys = { clientId: FAKE_VIPPS.clientId, clientSecret: FAKE_VIPPS.clientSecret, subscriptionKey: FAKE_VIPPS.subscriptionKey, merchantSerialNumber: FAKE_VIPPS.merchantSerialNumber };
const provider = (over: Partial<ConstructorParameters<typeof VippsProvider>[0]> = {}) => new VippsProvider({ ...keys, apiBase: fake.url, webhookSecret: FAKE_VIPPS.webhookSecret, ...over });

beforeAll(async () => {
  fake = await new FakeVipps().start();
  vipps = provider();
});

afterAll(async () => {
  await fake?.close();
});

const request = (over: Partial<CheckoutRequest> = {}): CheckoutRequest => {
  const paymentId = randomUUID();
  return { paymentId, amountOre: 35_000, currency: 'NOK', description: 'E-konsultasjon, Legesenteret', returnUrl: `https://nettlege.test/econsult/betaling?payment=${paymentId}`, idempotencyKey: paymentId, language: 'nb', ...over };
};
const lastTo = (path: string) => fake.requests.filter((r) => r.path === path).at(-1)!;
const paid = async () => {
  const { providerRef } = await vipps.createCheckout(request());
  fake.approve(providerRef);
  return providerRef;
};

describe('the access token', () => {
  it("is fetched with the sales unit's keys, kept while it lives, fetched again before it expires or when refused", async () => {
    const v = provider();
    const before = fake.tokensIssued;
    await Promise.all([v.createCheckout(request()), v.createCheckout(request())]);
    expect(fake.tokensIssued - before).toBe(1);
    expect(lastTo('/accesstoken/get').headers).toMatchObject({ client_id: FAKE_VIPPS.clientId, client_secret: FAKE_VIPPS.clientSecret, 'ocp-apim-subscription-key': FAKE_VIPPS.subscriptionKey, 'merchant-serial-number': '123456' });
    fake.revokeTokens();
    await v.createCheckout(request());
    expect(fake.tokensIssued - before).toBe(2);
    fake.tokenLifetime = 1;
    const short = provider();
    await short.createCheckout(request());
    await new Promise((r) => setTimeout(r, 600));
    await short.createCheckout(request());
    fake.tokenLifetime = 3600;
    expect(fake.tokensIssued - before).toBe(4);
  });
});

describe('creating a payment', () => {
  it('posts a WALLET payment with web redirect, our payment id as reference and Idempotency-Key, and the headers Vipps asks for', async () => {
    const req = request();
    const made = await vipps.createCheckout(req);
    expect(made.providerRef).toBe(req.paymentId);
    expect(made.redirectUrl).toMatch(new RegExp(`^${fake.url}/landing\\?token=`));
    const sent = lastTo('/epayment/v1/payments');
    expect(sent.json).toEqual({ amount: { currency: 'NOK', value: 35_000 }, paymentMethod: { type: 'WALLET' }, reference: req.paymentId, userFlow: 'WEB_REDIRECT', returnUrl: req.returnUrl, paymentDescription: req.description });
    expect(sent.headers).toMatchObject({ 'idempotency-key': req.paymentId, 'merchant-serial-number': '123456', 'ocp-apim-subscription-key': FAKE_VIPPS.subscriptionKey, 'vipps-system-name': 'nettlege', 'vipps-system-plugin-name': 'nettlege-payments' });
    expect(sent.headers.authorization).toMatch(/^Bearer fake\./);
  });

  it('the same key again gets the same payment, which Vipps replays', async () => {
    const req = request();
    const first = await vipps.createCheckout(req);
    expect(await vipps.createCheckout(req)).toEqual(first);
    expect(lastTo('/epayment/v1/payments').replayed).toBe(true);
  });

  it('refuses what Vipps cannot take without asking it: Swedish kronor, a reference Vipps would refuse', async () => {
    const before = fake.requests.length;
    await expect(vipps.createCheckout(request({ currency: 'SEK' }))).rejects.toMatchObject({ name: 'ProviderError', status: 400 });
    await expect(vipps.createCheckout(request({ paymentId: 'short' }))).rejects.toMatchObject({ status: 400 });
    await expect(vipps.status('not/a/reference')).rejects.toMatchObject({ status: 400 });
    expect(fake.requests.length).toBe(before);
  });
});

describe('reading a payment', () => {
  it('is pending until the payer approves in the app, then authorized; a payer who refuses on the landing page ends it', async () => {
    const { providerRef, redirectUrl } = await vipps.createCheckout(request());
    expect(await vipps.status(providerRef)).toBe('pending');
    expect(lastTo(`/epayment/v1/payments/${providerRef}`).method).toBe('GET');
    fake.approve(providerRef);
    expect(await vipps.status(providerRef)).toBe('authorized');
    const other = await vipps.createCheckout(request());
    const back = await fetch(other.redirectUrl, { method: 'POST', body: new URLSearchParams({ action: 'abort' }), redirect: 'manual' });
    expect(back.status).toBe(303);
    expect(await vipps.status(other.providerRef)).toBe('canceled');
    expect(redirectUrl).not.toBe(other.redirectUrl);
  });

  it('maps every state and aggregate to our statuses', () => {
    const p = (state: VippsPayment['state'], a: [number, number, number] = [0, 0, 0]): VippsPayment => {
      const nok = (value: number) => ({ currency: 'NOK', value });
      return { reference: 'ref-12345', state, amount: nok(100), aggregate: { authorizedAmount: nok(a[0]), capturedAmount: nok(a[1]), cancelledAmount: nok(a[2]), refundedAmount: nok(0) } };
    };
    expect(['CREATED', 'ABORTED', 'EXPIRED', 'TERMINATED'].map((s) => vippsStatus(p(s as VippsPayment['state'])))).toEqual(['pending', 'canceled', 'canceled', 'canceled']);
    expect(vippsStatus(p('AUTHORIZED', [100, 0, 0]))).toBe('authorized');
    expect(vippsStatus(p('AUTHORIZED', [100, 100, 0]))).toBe('captured');
    expect(vippsStatus(p('AUTHORIZED', [100, 0, 100]))).toBe('released');
  });

  it('wrong keys, an unknown payment or an unreachable API are provider errors with the status', async () => {
    await expect(provider({ clientSecret: 'wrong' }).status(randomUUID())).rejects.toMatchObject({ name: 'ProviderError', status: 401 });
    await expect(provider({ merchantSerialNumber: '654321' }).status(randomUUID())).rejects.toMatchObject({ status: 403 });
    await expect(vipps.status(randomUUID())).rejects.toMatchObject({ status: 404, message: expect.stringMatching(/^vipps: 404 Not Found/) });
    await expect(provider({ apiBase: 'http://127.0.0.1:9', timeoutMs: 2_000 }).status(randomUUID())).rejects.toBeInstanceOf(ProviderError);
  });
});

describe('capture, cancel and refund', () => {
  it('captures once: a retry after a lost answer, a repeat and a capture under another key take nothing more', async () => {
    const ref = await paid();
    const before = fake.captures;
    fake.dropAnswerTo = `/epayment/v1/payments/${ref}/capture`;
    await expect(vipps.capture(ref, 35_000, `capture:${ref}`)).rejects.toBeInstanceOf(ProviderError);
    await vipps.capture(ref, 35_000, `capture:${ref}`);
    await vipps.capture(ref, 35_000, 'capture:another-key');
    expect(fake.captures - before).toBe(1);
    expect(lastTo(`/epayment/v1/payments/${ref}/capture`)).toMatchObject({ headers: { 'idempotency-key': `capture:${ref}` }, json: { modificationAmount: { currency: 'NOK', value: 35_000 } } });
    expect(fake.payments.get(ref)!.captured).toBe(35_000);
    expect(await vipps.status(ref)).toBe('captured');
    await expect(vipps.release(ref, `release:${ref}`)).rejects.toThrow(/refund/);
  });

  it('refuses to capture a payment never approved', async () => {
    const { providerRef } = await vipps.createCheckout(request());
    await expect(vipps.capture(providerRef, 35_000, `capture:${providerRef}`)).rejects.toThrow(/never approved/);
  });

  it('refunds part and then the rest, once each however often retried, and never more than was taken', async () => {
    const ref = await paid();
    await vipps.capture(ref, 35_000, `capture:${ref}`);
    const before = fake.refunds;
    fake.dropAnswerTo = `/epayment/v1/payments/${ref}/refund`;
    await expect(vipps.refund(ref, 10_000, 'refund:r1')).rejects.toBeInstanceOf(ProviderError);
    await vipps.refund(ref, 10_000, 'refund:r1');
    expect(lastTo(`/epayment/v1/payments/${ref}/refund`)).toMatchObject({ replayed: true, json: { modificationAmount: { currency: 'NOK', value: 10_000 } } });
    await vipps.refund(ref, 25_000, 'refund:r2');
    await vipps.refund(ref, 25_000, 'refund:r2');
    expect(fake.refunds - before).toBe(2);
    await expect(vipps.refund(ref, 1, 'refund:r3')).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/too high/) });
    expect(fake.payments.get(ref)!.refunded).toBe(35_000);
  });

  it('releases a reservation by cancelling it, once', async () => {
    const ref = await paid();
    const before = fake.cancels;
    await vipps.release(ref, `release:${ref}`);
    await vipps.release(ref, `release:${ref}`);
    expect(fake.cancels - before).toBe(1);
    expect(lastTo(`/epayment/v1/payments/${ref}/cancel`).headers['idempotency-key']).toBe(`release:${ref}`);
    expect(await vipps.status(ref)).toBe('released');
  });

  it('releasing a payment never approved terminates it, so the payer cannot approve it later', async () => {
    const { providerRef, redirectUrl } = await vipps.createCheckout(request());
    await vipps.release(providerRef, `release:${providerRef}`);
    await vipps.release(providerRef, `release:${providerRef}`);
    await fetch(redirectUrl, { method: 'POST', body: new URLSearchParams({ action: 'approve' }), redirect: 'manual' });
    expect(fake.payments.get(providerRef)!.state).toBe('TERMINATED');
    expect(await vipps.status(providerRef)).toBe('canceled');
  });
});

const received = (w: SignedWebhook): WebhookRequest => {
  const url = new URL(w.url);
  return { rawBody: Buffer.from(w.body), headers: Object.fromEntries(Object.entries(w.headers).map(([k, v]) => [k.toLowerCase(), v])), pathAndQuery: url.pathname + url.search, host: url.host };
};

describe('webhook signatures', () => {
  const hook = 'https://nettlege.test/api/payments/webhooks/vipps';

  it("verifies the example in Vipps' documentation (an event that is not a payment's: nothing to do)", async () => {
    const docs = new VippsProvider({ ...keys, apiBase: fake.url, webhookSecret: 'A0+AeKBRG2KRGvnNwJpQlb6IJFk48CKXCIcrLoHncVJKDILsQSxS6NWCccwWm6r6FhGKhiHTBsG2wo/xU6FY/A==', now: () => Date.parse('Thu, 30 Mar 2023 08:40:00 GMT') });
    const headers = {
      'x-ms-date': 'Thu, 30 Mar 2023 08:38:32 GMT',
      'x-ms-content-sha256': 'lNlsp1XA03N34HrQsVzPgJKtC+r7l/RBF4V3JQUWMj4=',
      authorization: 'HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=agAiSyogQbDHpeucoNwYz+yAr5nJ+v+zasdkSbqzv+U=',
    };
    const rawBody = Buffer.from('{"some-unique-content":"ee6e441b-cc4a-46f8-895d-a5af79bcc233/hello-world"}');
    expect(await docs.webhook({ rawBody, headers, pathAndQuery: '/e2cee29b-012e-4f1d-8ef4-e95fd74a7a63', host: 'webhook.site' })).toBeNull();
  });

  it("accepts a payment event signed with the webhook's secret and names the payment", async () => {
    const ref = await paid();
    const event = fake.event(ref, 'AUTHORIZED');
    expect(await vipps.webhook(received(fake.sign(hook, event)))).toEqual({ eventId: event.pspReference, providerRef: ref });
    expect(await vipps.webhook(received(fake.sign(hook, fake.event(ref, 'AUTHORIZED', { msn: '999999' }))))).toBeNull();
    expect(await vipps.webhook(received(fake.sign(hook, { reference: ref, name: 'user.checked-in.v1' })))).toBeNull();
  });

  it('refuses a webhook whose body, date, host, path or signature was altered, or that is too old or too new', async () => {
    const ref = await paid();
    const good = fake.sign(hook, fake.event(ref, 'AUTHORIZED'));
    const altered: Array<[string, SignedWebhook]> = [
      ['x-ms-content-sha256 does not match', { ...good, body: good.body.replace('AUTHORIZED', 'CAPTURED') }],
      ['signature does not match', { ...good, headers: { ...good.headers, 'x-ms-date': new Date(Date.now() - 1000).toUTCString() } }],
      ['signature does not match', { ...good, url: 'https://evil.example/api/payments/webhooks/vipps' }],
      ['signature does not match', { ...good, url: `${hook}?again=1` }],
      ['signature does not match', { ...good, headers: { ...good.headers, authorization: good.headers.authorization!.replace(/Signature=.*/, `Signature=${Buffer.alloc(32, 7).toString('base64')}`) } }],
      ['signature does not match', fake.sign(hook, fake.event(ref, 'AUTHORIZED'), { secret: 'another secret' })],
      ['five minutes', fake.sign(hook, fake.event(ref, 'AUTHORIZED'), { date: new Date(Date.now() - 6 * 60_000) })],
      ['five minutes', fake.sign(hook, fake.event(ref, 'AUTHORIZED'), { date: new Date(Date.now() + 6 * 60_000) })],
      ['not an HMAC-SHA256', { ...good, headers: { ...good.headers, authorization: 'Bearer x' } }],
      ['x-ms-date header missing', { ...good, headers: { ...good.headers, 'x-ms-date': '' } }],
    ];
    for (const [reason, w] of altered) await expect(vipps.webhook(received(w)), reason).rejects.toMatchObject({ name: 'WebhookRejected', message: expect.stringContaining(reason) });
    await expect(provider({ webhookSecret: undefined }).webhook(received(good))).rejects.toThrow(/VIPPS_WEBHOOK_SECRET/);
  });
});

describe('e-consultations paid with Vipps through the real server', () => {
  let server: TestServer;
  let ola: Browser;
  let anna: Browser;
  let nordlys = '';
  const flow = econsultFlow(() => server);
  const count = async (sql: string, params: unknown[]) => (await flow.q<{ n: number }>(sql, params))[0]!.n;

  beforeAll(async () => {
    server = await startTestServer({ ...fakeVippsEnv(fake.url), RATE_LIMIT_PER_MINUTE: '100000' });
    const o = server.database.owner;
    nordlys = await demoClinicId(o, 'Nordlys nettklinikk');
    ola = new Browser(server.url);
    await ola.login((await demoPerson(o, 'Ola Hansen')).nationalId);
    anna = new Browser(server.url);
    const a = await demoPerson(o, 'Anna Lindqvist');
    await anna.login(a.nationalId, 'staff', { hpr: a.hpr! });
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('the payer approves on the landing page, the case opens, and closing it captures once at Vipps', async () => {
    const id = await flow.draft(ola, nordlys);
    const { paymentId, after } = await flow.submitAndPay(ola, id, { amountOre: 35000, currency: 'NOK', rule: 'private' });
    expect(after.status).toBe('open');
    expect(fake.payments.get(paymentId)).toMatchObject({ state: 'AUTHORIZED', authorized: 35000 });
    expect((await anna.fetch(`/api/staff/econsult/cases/${id}/claim`, { method: 'POST' })).status).toBe(200);
    const closed = await json(await anna.fetch(`/api/staff/econsult/cases/${id}/close`, { method: 'POST', json: { outcome: 'advice', summary: 'Bruk fuktighetskrem.', journalNote: 'Tørr hud. Råd om krem.' } }));
    expect(closed.body.status).toBe('closed');
    await flow.settle(paymentId, 'captured');
    expect(fake.payments.get(paymentId)!.captured).toBe(35000);
    expect(fake.requests.filter((r) => r.path === `/epayment/v1/payments/${paymentId}/capture` && !r.replayed)).toHaveLength(1);
  });

  it('the same signed webhook twice authorizes the payment once and runs the case hook once; a bad signature changes nothing', async () => {
    const id = await flow.draft(ola, nordlys);
    expect((await json(await ola.fetch(`/api/econsult/cases/${id}/submit`, { method: 'POST' }))).body.case.status).toBe('awaiting_payment');
    const paymentId = (await flow.q<{ id: string }>(`SELECT id FROM payments WHERE purpose = 'econsult' AND purpose_id = $1`, [id]))[0]!.id;
    // Approved in the app; the payer never comes back to our page, so only the webhook tells us.
    fake.approve(paymentId);
    const url = `${server.url}/api/payments/webhooks/vipps`;
    const forged = fake.sign(url, fake.event(paymentId, 'AUTHORIZED'), { secret: 'not the secret' });
    expect((await fake.send(forged)).status).toBe(400);
    // Signed for another host than the one it reached.
    expect((await fake.send({ ...fake.sign(url.replace('127.0.0.1', 'localhost'), fake.event(paymentId, 'AUTHORIZED')), url })).status).toBe(400);
    expect(await count(`SELECT count(*)::int AS n FROM payment_events WHERE payment_id = $1 AND to_status = 'authorized'`, [paymentId])).toBe(0);
    const signed = fake.sign(url, fake.event(paymentId, 'AUTHORIZED'));
    const answers = await Promise.all([fake.send(signed), fake.send(signed)]);
    expect(answers.map((r) => r.status)).toEqual([200, 200]);
    expect((await fake.send(signed)).status).toBe(200);
    expect(await count(`SELECT count(*)::int AS n FROM payment_events WHERE payment_id = $1 AND to_status = 'authorized'`, [paymentId])).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM econsult_case_events WHERE case_id = $1 AND action = 'payment-authorized'`, [id])).toBe(1);
    expect((await json(await ola.fetch(`/api/econsult/cases/${id}`))).body.status).toBe('open');
  });
});
