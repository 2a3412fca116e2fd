// The payments API over real HTTP: only the payer reads or confirms a payment; everyone else finds nothing there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beginInput, CSRF, newPerson, paymentsTestServer, sessionCookie, type PaymentsHarness, type PaymentsTestServer } from './test-support.ts';

let server: PaymentsTestServer;
let h: PaymentsHarness;
let base: string;
let clinicId: string;
let payer: string;
let stranger: string;

beforeAll(async () => {
  server = await paymentsTestServer();
  ({ h, base, clinicId, payer } = server);
  stranger = await newPerson(server.t);
});

afterAll(() => server?.stop());

const as = (cookie: string | undefined, init: RequestInit = {}): RequestInit => ({
  ...init,
  headers: { ...(cookie ? { cookie, 'x-csrf-token': CSRF } : {}), ...(init.headers as Record<string, string> | undefined) },
});

describe('GET /api/payments/:id', () => {
  it('shows the payer the status, the amount and, while open, where to pay', async () => {
    const { paymentId, redirectUrl } = await h.payments.begin(beginInput(clinicId, payer));
    const res = await fetch(`${base}/api/payments/${paymentId}`, as(sessionCookie(payer)));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: paymentId, status: 'pending', amountOre: 35_000, currency: 'NOK', redirectUrl });
  });

  it('is not found for anyone else, asks for a login without a session, and is for patients only', async () => {
    const { paymentId } = await h.payments.begin(beginInput(clinicId, payer));
    expect((await fetch(`${base}/api/payments/${paymentId}`, as(sessionCookie(stranger)))).status).toBe(404);
    expect((await fetch(`${base}/api/payments/${paymentId}`)).status).toBe(401);
    expect((await fetch(`${base}/api/payments/${paymentId}`, as(sessionCookie(payer, 'staff')))).status).toBe(403);
    const missing = await fetch(`${base}/api/payments/00000000-0000-4000-8000-000000000000`, as(sessionCookie(payer)));
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });
});

describe('POST /api/payments/:id/confirm', () => {
  it('asks the provider and answers with the new status; a stranger cannot confirm it', async () => {
    const { paymentId } = await h.payments.begin(beginInput(clinicId, payer));
    const ref = (await h.payments.get(paymentId))!.providerRef!;
    const pending = await fetch(`${base}/api/payments/${paymentId}/confirm`, as(sessionCookie(payer), { method: 'POST' }));
    expect(await pending.json()).toMatchObject({ status: 'pending' });
    await h.simulator.payWithCard(ref, { number: '4242424242424242', expiry: '12/39', cvc: '123' }, new Date());
    expect((await fetch(`${base}/api/payments/${paymentId}/confirm`, as(sessionCookie(stranger), { method: 'POST' }))).status).toBe(404);
    expect((await h.payments.get(paymentId))!.status).toBe('pending');
    const done = await fetch(`${base}/api/payments/${paymentId}/confirm`, as(sessionCookie(payer), { method: 'POST' }));
    expect(await done.json()).toEqual({ id: paymentId, status: 'authorized', amountOre: 35_000, currency: 'NOK', redirectUrl: null });
  });
});
