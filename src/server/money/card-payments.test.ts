// Card at booking through the real server on real PostgreSQL, paid on the card simulator's page: paid when booked
// (captured at once), given back whole when cancelled before the cut-off, a free child's visit has nothing to pay,
// and the desk cannot take a visit paid by card again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type Browser, type TestServer } from '../../../test/server.ts';
import { demoClinicId, logInDemoPeople, type DemoKey } from '../../../test/people.ts';
import { econsultFlow, json } from '../econsult/test-flow.ts';
import { bookFirstFree } from '../booking/test-booking.ts';

describe('money: card at booking', () => {
  let server: TestServer;
  let b: Record<DemoKey, Browser>;
  let ids: Record<DemoKey, string>;
  let fjordbyen = '';
  let nordlys = '';
  const flow = econsultFlow(() => server);
  const { q } = flow;

  const book = (who: Browser, clinicId: string, visitType: string, daysAhead: number, patientId?: string) => bookFirstFree(who, clinicId, visitType, daysAhead, patientId ? { patientId } : {});

  const cardPayments = async (who: Browser) => (await json(await who.fetch('/api/appointment-payments'))).body.payments as Array<Record<string, unknown>>;

  beforeAll(async () => {
    server = await startTestServer({ RATE_LIMIT_PER_MINUTE: '100000' });
    ({ b, ids } = await logInDemoPeople(server));
    fjordbyen = await demoClinicId(server.database.owner, 'Fjordbyen legekontor');
    nordlys = await demoClinicId(server.database.owner, 'Nordlys nettklinikk');
  });
  afterAll(async () => server?.stop());

  it('a private video visit is paid by card when booked, captured at once, and refunded whole when cancelled before the cut-off', async () => {
    const id = await book(b.ola, nordlys, 'video', 2);
    const begun = await json(await b.ola.fetch(`/api/appointments/${id}/payment`, { method: 'POST' }));
    expect(begun.status).toBe(200);
    expect(begun.body.status).toBe('pending');
    // Asking again gives the same checkout, not a second one.
    expect((await json(await b.ola.fetch(`/api/appointments/${id}/payment`, { method: 'POST' }))).body.paymentId).toBe(begun.body.paymentId);
    const paymentId = await flow.pay(b.ola, begun.body.redirectUrl, '4242 4242 4242 4242');
    expect(paymentId).toBe(begun.body.paymentId);
    await flow.settle(paymentId, 'captured');
    expect(await cardPayments(b.ola)).toContainEqual({ appointmentId: id, paymentId, status: 'captured', amountOre: 65000, refundedOre: 0 });
    // A private clinic's price is no co-payment: nothing counts towards the ceiling.
    expect(await q(`SELECT 1 FROM copayments WHERE purpose_id = $1`, [id])).toHaveLength(0);
    const receipts = (await json(await b.ola.fetch('/api/payments'))).body.payments as Array<{ id: string; amountOre: number }>;
    expect(receipts).toContainEqual(expect.objectContaining({ id: paymentId, amountOre: 65000 }));

    expect((await b.ola.fetch(`/api/appointments/${id}/cancel`, { method: 'POST' })).status).toBe(200);
    for (let i = 0; i < 100; i++) {
      const [r] = await q<{ status: string }>(`SELECT status FROM payment_refunds WHERE payment_id = $1`, [paymentId]);
      if (r?.status === 'refunded') break;
      await new Promise((done) => setTimeout(done, 100));
    }
    expect(await q(`SELECT amount_ore, status, reason FROM payment_refunds WHERE payment_id = $1`, [paymentId])).toEqual([{ amount_ore: 65000, status: 'refunded', reason: 'appointment cancelled' }]);
    expect(await cardPayments(b.ola)).toContainEqual({ appointmentId: id, paymentId, status: 'captured', amountOre: 65000, refundedOre: 65000 });
    // Ola is told, once and content-free, that money came back: no amount, no clinic, no visit.
    const notices = await q<{ channel: string; body: string }>(`SELECT channel, body FROM notifications WHERE person_id = $1 AND template = 'payment-refunded'`, [ids.ola]);
    expect(notices.map((n) => n.channel)).toEqual(['sms']);
    expect(notices[0]!.body).toMatch(/^Nettlege: Du har fått penger tilbake på kortet\. Logg inn på \S+ for å se kvitteringen\.$/);
    // Cancelled: nothing more to pay.
    expect((await json(await b.ola.fetch(`/api/appointments/${id}/payment`, { method: 'POST' }))).body.type).toMatch(/appointment-not-active$/);
  });

  it('a public video co-payment counts towards the ceiling, and the desk refuses to take it again', async () => {
    const id = await book(b.ola, fjordbyen, 'video', 10);
    const begun = await json(await b.ola.fetch(`/api/appointments/${id}/payment`, { method: 'POST' }));
    const paymentId = await flow.pay(b.ola, begun.body.redirectUrl, '4242 4242 4242 4242');
    await flow.settle(paymentId, 'captured');
    const [row] = await q<{ amount_ore: number; purpose: string }>(`SELECT amount_ore, purpose FROM copayments WHERE purpose_id = $1`, [id]);
    const [paid] = await q<{ amount_ore: number }>(`SELECT amount_ore FROM payments WHERE id = $1`, [paymentId]);
    expect(paid!.amount_ore).toBeGreaterThan(0);
    expect(row).toEqual({ amount_ore: paid!.amount_ore, purpose: 'appointment-card' });
    const desk = await json(await b.tone.fetch(`/api/staff/appointments/${id}/paid-at-clinic`, { method: 'POST' }));
    expect(desk.status).toBe(409);
    expect(desk.body.type).toMatch(/paid-by-card$/);
    expect(await q(`SELECT 1 FROM copayments WHERE purpose = 'appointment' AND purpose_id = $1`, [id])).toHaveLength(0);
  });

  it('a declined card leaves the visit booked and unpaid, to pay again; a 9-year-old’s visit has nothing to pay; strangers see nothing', async () => {
    const id = await book(b.ola, nordlys, 'phone', 20);
    const begun = await json(await b.ola.fetch(`/api/appointments/${id}/payment`, { method: 'POST' }));
    const declined = await flow.pay(b.ola, begun.body.redirectUrl, '4000 0000 0000 0002');
    expect((await q<{ status: string }>(`SELECT status FROM payments WHERE id = $1`, [declined]))[0]!.status).toBe('declined');
    expect((await q<{ status: string }>(`SELECT status FROM appointments WHERE id = $1`, [id]))[0]!.status).toBe('booked');
    const again = await json(await b.ola.fetch(`/api/appointments/${id}/payment`, { method: 'POST' }));
    expect(again.status).toBe(200);
    expect(again.body.paymentId).not.toBe(declined);

    const child = await book(b.kari, fjordbyen, 'video', 20, ids.emma);
    const free = await json(await b.kari.fetch(`/api/appointments/${child}/payment`, { method: 'POST' }));
    expect(free.status).toBe(409);
    expect(free.body.type).toMatch(/no-card-payment$/);
    expect((await b.ingrid.fetch(`/api/appointments/${id}/payment`, { method: 'POST' })).status).toBe(404);
    expect((await b.lise.fetch(`/api/appointments/${id}/payment`, { method: 'POST' })).status).toBe(403);
  });

  it('a visit at a clinic that takes insurance is billed to the insurer the patient gives, not the card; the admin lists the claims', async () => {
    const id = await book(b.ola, nordlys, 'phone', 30);
    const given = await json(await b.ola.fetch(`/api/appointments/${id}/insurance`, { method: 'PUT', json: { insurer: '  Storebrand   Helse ', policyNumber: 'HF-123456' } }));
    expect(given).toEqual({ status: 200, body: { appointmentId: id, insurer: 'Storebrand Helse', policyNumber: 'HF-123456' } });
    expect((await json(await b.ola.fetch('/api/appointment-payments'))).body.insurance).toContainEqual({ appointmentId: id, insurer: 'Storebrand Helse', policyNumber: 'HF-123456' });
    const noCard = await json(await b.ola.fetch(`/api/appointments/${id}/payment`, { method: 'POST' }));
    expect(noCard.status).toBe(409);
    expect(noCard.body.type).toMatch(/no-card-payment$/);

    const day = (await q<{ day: string }>(`SELECT to_char(starts_at AT TIME ZONE 'Europe/Oslo', 'YYYY-MM-DD') AS day FROM appointments WHERE id = $1`, [id]))[0]!.day;
    const query = new URLSearchParams({ clinicId: nordlys, from: day, to: day });
    const claims = await json(await b.anna.fetch(`/api/admin/insurance-claims?${query}`));
    expect(claims.body.claims).toEqual([expect.objectContaining({ appointmentId: id, insurer: 'Storebrand Helse', policyNumber: 'HF-123456', date: day, patientName: 'Ola Hansen', visitType: 'phone', amountOre: 45000 })]);
    const csv = await (await b.anna.fetch(`/api/admin/insurance-claims?${query}&format=csv`)).text();
    expect(csv).toContain(`${day};Ola Hansen;phone;Storebrand Helse;HF-123456;450,00`);
    expect((await b.per.fetch(`/api/admin/insurance-claims?${query}`)).status).toBe(404);
    expect((await b.ola.fetch(`/api/admin/insurance-claims?${query}`)).status).toBe(403);

    // A public clinic takes no insurance; a policy number of the wrong shape is refused; nothing is stored for either.
    const gp = await book(b.ola, fjordbyen, 'video', 40);
    const refused = await json(await b.ola.fetch(`/api/appointments/${gp}/insurance`, { method: 'PUT', json: { insurer: 'Storebrand Helse', policyNumber: 'HF-123456' } }));
    expect(refused.body.type).toMatch(/insurance-not-accepted$/);
    expect((await b.ola.fetch(`/api/appointments/${id}/insurance`, { method: 'PUT', json: { insurer: 'X', policyNumber: '<script>' } })).status).toBe(400);
    expect(await q(`SELECT insurer FROM appointment_insurance WHERE appointment_id = ANY($1::uuid[])`, [[id, gp]])).toEqual([{ insurer: 'Storebrand Helse' }]);
    expect((await b.ingrid.fetch(`/api/appointments/${id}/insurance`, { method: 'PUT', json: { insurer: 'Gjensidige', policyNumber: 'G-1234' } })).status).toBe(404);
  });
});
