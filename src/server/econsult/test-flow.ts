// The e-consultation as tests drive it over HTTP on a test server: start and fill in a case, pay its reservation on
// the card simulator's page as a browser would, and wait for the payment jobs to settle it.
import { expect } from 'vitest';
import type { Browser, TestServer } from '../../../test/server.ts';
import { screening } from './questionnaires/catalogue.ts';

export const allNo = () => Object.fromEntries(screening().questions.map((q) => [q.id, false]));
const OTHER = { kind: 'follow-up', question: 'Eksemen min er verre igjen etter at jeg sluttet med kremen.', allergy: false };
export const json = async (res: Response) => ({ status: res.status, body: (await res.json()) as Record<string, any> });

export function econsultFlow(server: () => TestServer) {
  const q = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) => (await server().database.owner.query(text, params)).rows as T[];

  /** A case by `who` at `clinic`, filled in with the "other" reason. */
  async function draft(who: Browser, clinic: string, body: Record<string, unknown> = {}) {
    const started = await json(await who.fetch('/api/econsult/cases', { method: 'POST', json: { clinicId: clinic, screening: allNo(), ...body } }));
    expect(started.status).toBe(201);
    const id = started.body.id as string;
    const saved = await json(await who.fetch(`/api/econsult/cases/${id}`, { method: 'PATCH', json: { reasonId: 'other', answers: OTHER, description: 'Tørr hud på hendene.' } }));
    expect(saved.status).toBe(200);
    return id;
  }

  /** Pays the case's reservation on the card simulator's page the way a browser would, then confirms on return. */
  async function pay(who: Browser, redirectUrl: string, card: string) {
    const page = await who.fetch(redirectUrl);
    expect(page.status).toBe(200);
    const form = new URLSearchParams({ number: card, expiry: '12/30', cvc: '123', action: 'pay' });
    const back = await who.fetch(redirectUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
    expect(back.status).toBe(303);
    const returnUrl = new URL(back.headers.get('location')!, server().url);
    const paymentId = returnUrl.searchParams.get('payment')!;
    expect((await who.fetch(`/api/payments/${paymentId}/confirm`, { method: 'POST' })).status).toBe(200);
    return paymentId;
  }

  /** Submits the case, expecting to be sent to pay `price`, and pays it. */
  async function submitAndPay(who: Browser, id: string, price: { amountOre: number; currency: string; rule: string }, card = '4242 4242 4242 4242') {
    const submitted = await json(await who.fetch(`/api/econsult/cases/${id}/submit`, { method: 'POST' }));
    expect(submitted.status).toBe(200);
    expect(submitted.body.case.status).toBe('awaiting_payment');
    expect(submitted.body.case.price).toEqual(price);
    const paymentId = await pay(who, submitted.body.redirectUrl, card);
    return { paymentId, after: (await json(await who.fetch(`/api/econsult/cases/${id}`))).body };
  }

  /** Waits for the payment jobs to bring the payment to `want`. */
  async function settle(paymentId: string, want: string) {
    for (let i = 0; i < 100; i++) {
      const [row] = await q<{ status: string }>('SELECT status FROM payments WHERE id = $1', [paymentId]);
      if (row?.status === want) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`payment ${paymentId} never became ${want}`);
  }

  /** The clinician takes the case and closes it with advice and a journal note. */
  async function claimAndClose(clinician: Browser, id: string) {
    expect((await clinician.fetch(`/api/staff/econsult/cases/${id}/claim`, { method: 'POST' })).status).toBe(200);
    const closed = await json(await clinician.fetch(`/api/staff/econsult/cases/${id}/close`, { method: 'POST', json: { outcome: 'advice', summary: 'Bruk fuktighetskrem.', journalNote: 'Tørr hud. Råd om krem.' } }));
    expect(closed.body.status).toBe('closed');
  }

  return { q, draft, pay, submitAndPay, settle, claimAndClose };
}
