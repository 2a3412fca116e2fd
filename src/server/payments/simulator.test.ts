// The card simulator's hosted checkout over real HTTP, as a payer's browser goes through it: a card that succeeds,
// one declined, 3-D Secure approved and rejected, cancel, a wrong number, and form posts from a logged-in browser.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beginInput, checkoutRow, CSRF, paymentsTestServer, sessionCookie, type PaymentsHarness, type PaymentsTestServer } from './test-support.ts';
import type { TestDatabase } from '../../../test/database.ts';

let server: PaymentsTestServer;
let t: TestDatabase;
let h: PaymentsHarness;
let base: string;
let clinicId: string;
let payer: string;

beforeAll(async () => {
  server = await paymentsTestServer();
  ({ t, h, base, clinicId, payer } = server);
});

afterAll(() => server?.stop());

const form = (fields: Record<string, string>) => new URLSearchParams(fields);
const post = (url: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  fetch(url.startsWith('http') ? url : base + url, { method: 'POST', body: form(fields), headers, redirect: 'manual' });
const card = (number: string) => ({ number, expiry: '12/39', cvc: '123', action: 'pay' });

async function checkout(): Promise<{ paymentId: string; url: string; ref: string }> {
  const { paymentId, redirectUrl } = await h.payments.begin(beginInput(clinicId, payer));
  return { paymentId, url: redirectUrl, ref: new URL(redirectUrl).pathname.split('/').pop()! };
}

/** What the payer's browser does back on our site: confirm the payment named in the return address. */
async function confirmAsPayer(location: string | null): Promise<string> {
  const paymentId = new URL(location!, base).searchParams.get('payment')!;
  const res = await fetch(`${base}/api/payments/${paymentId}/confirm`, { method: 'POST', headers: { cookie: sessionCookie(payer), 'x-csrf-token': CSRF } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { status: string }).status;
}

describe('the test checkout page', () => {
  it('shows the amount and a labelled card form under a clear test banner', async () => {
    const { url } = await checkout();
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).toContain('TESTKORT-SIMULATOR');
    expect(html).toContain('TEST card simulator');
    expect(html).toMatch(/350,00\s*kr/);
    for (const id of ['number', 'expiry', 'cvc']) expect(html).toMatch(new RegExp(`<label for="${id}">[\\s\\S]*?<input id="${id}"`));
    expect(html).toContain('name="viewport" content="width=device-width,initial-scale=1"');
    expect(html).toContain('value="cancel"');
    expect(html).not.toMatch(/<script/i);
  });

  it('a card that succeeds reserves the amount and sends the payer back, where the payment confirms as authorized', async () => {
    const { paymentId, url, ref } = await checkout();
    const res = await post(url, card('4242 4242 4242 4242'));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${base}/econsult/betaling?payment=${paymentId}`);
    expect(await checkoutRow(t, ref)).toMatchObject({ status: 'authorized', card_last4: '4242' });
    expect(await confirmAsPayer(res.headers.get('location'))).toBe('authorized');
    // Back to the page afterwards (the back button): straight to the merchant again, nothing changes.
    const again = await fetch(url, { redirect: 'manual' });
    expect(again.status).toBe(303);
    expect((await post(url, card('4000 0000 0000 0002'))).status).toBe(303);
    expect((await checkoutRow(t, ref)).status).toBe('authorized');
  });

  it('a declined card sends the payer back with nothing reserved', async () => {
    const { url, ref } = await checkout();
    const res = await post(url, card('4000000000000002'));
    expect(res.status).toBe(303);
    expect((await checkoutRow(t, ref)).status).toBe('declined');
    expect(await confirmAsPayer(res.headers.get('location'))).toBe('declined');
  });

  it('"Avbryt" cancels without the card fields filled in', async () => {
    const { url, ref } = await checkout();
    const res = await post(url, { action: 'cancel' });
    expect(res.status).toBe(303);
    expect((await checkoutRow(t, ref)).status).toBe('canceled');
    expect(await confirmAsPayer(res.headers.get('location'))).toBe('canceled');
  });

  it('a number that is not a test card, or a card past its expiry, shows the form again with a message', async () => {
    const { url, ref, paymentId } = await checkout();
    const wrong = await post(url, card('5555 5555 5555 4444'));
    expect(wrong.status).toBe(400);
    const html = await wrong.text();
    expect(html).toMatch(/role="alert"[^>]*>Kortnummeret er ikke et av testkortene/);
    expect(html).toContain('value="5555 5555 5555 4444"');
    expect(html).toContain('aria-invalid="true"');
    const expired = await post(url, { ...card('4242424242424242'), expiry: '01/20' });
    expect(expired.status).toBe(400);
    expect(await expired.text()).toContain('Kortet har gått ut.');
    expect((await checkoutRow(t, ref)).status).toBe('pending');
    expect((await h.payments.get(paymentId))!.status).toBe('pending');
  });

  it('an unknown checkout is not found', async () => {
    expect((await fetch(`${base}/dev-pay/checkout/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    expect((await post('/dev-pay/checkout/00000000-0000-4000-8000-000000000000', card('4242424242424242'))).status).toBe(404);
  });
});

describe('3-D Secure', () => {
  it('the challenge card goes to the bank page; "Godkjenn" authorizes', async () => {
    const { url, ref } = await checkout();
    const res = await post(url, card('4000 0027 6000 3184'));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/dev-pay/3ds/${ref}`);
    expect(await h.payments.confirm((await checkoutPayment(ref))!)).toBe('pending');
    // The card page, opened again meanwhile, leads to the challenge rather than a second card form.
    expect((await fetch(url, { redirect: 'manual' })).headers.get('location')).toBe(`/dev-pay/3ds/${ref}`);
    const page = await fetch(base + res.headers.get('location'));
    const html = await page.text();
    expect(html).toContain('3-D Secure');
    expect(html).toMatch(/<button type="submit" name="decision" value="approve">Godkjenn/);
    expect(html).toMatch(/<button type="submit" name="decision" value="reject"[^>]*>Avvis/);
    const approved = await post(`/dev-pay/3ds/${ref}`, { decision: 'approve' });
    expect(approved.status).toBe(303);
    expect(await confirmAsPayer(approved.headers.get('location'))).toBe('authorized');
    expect((await checkoutRow(t, ref)).card_last4).toBe('3184');
  });

  it('"Avvis" declines', async () => {
    const { url, ref } = await checkout();
    await post(url, card('4000002760003184'));
    const rejected = await post(`/dev-pay/3ds/${ref}`, { decision: 'reject' });
    expect(rejected.status).toBe(303);
    expect(await confirmAsPayer(rejected.headers.get('location'))).toBe('declined');
    // A late second answer changes nothing.
    await post(`/dev-pay/3ds/${ref}`, { decision: 'approve' });
    expect((await checkoutRow(t, ref)).status).toBe('declined');
  });
});

describe('form posts and the site security layer', () => {
  it("a logged-in payer's browser posts the form without an API CSRF token, and the page asks for its origin to be sent", async () => {
    const { url, ref } = await checkout();
    const page = await fetch(url, { headers: { cookie: sessionCookie(payer) } });
    expect(page.headers.get('referrer-policy')).toBe('same-origin');
    const res = await post(url, card('4242424242424242'), { cookie: sessionCookie(payer), origin: base });
    expect(res.status).toBe(303);
    expect((await checkoutRow(t, ref)).status).toBe('authorized');
  });

  it('a form posted from another site is refused', async () => {
    const { url, ref } = await checkout();
    for (const origin of ['https://evil.example', 'null']) {
      const res = await post(url, card('4242424242424242'), { cookie: sessionCookie(payer), origin });
      expect(res.status).toBe(403);
    }
    expect((await checkoutRow(t, ref)).status).toBe('pending');
  });

  it('the API itself still wants its CSRF token from a logged-in browser', async () => {
    const { paymentId } = await checkout();
    const res = await fetch(`${base}/api/payments/${paymentId}/confirm`, { method: 'POST', headers: { cookie: sessionCookie(payer) } });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { type: string }).type).toMatch(/csrf$/);
  });
});

async function checkoutPayment(ref: string): Promise<string | undefined> {
  const r = await t.owner.query('SELECT id FROM payments WHERE provider_ref = $1', [ref]);
  return r.rows[0]?.id;
}
