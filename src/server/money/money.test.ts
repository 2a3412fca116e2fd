// Prices before booking or submitting, the co-payments counted across the year and the frikort the database grants at
// the ceiling, through the real server on real PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type Browser, type TestServer } from '../../../test/server.ts';
import { demoClinicId, logInDemoPeople, type DemoKey } from '../../../test/people.ts';
import { econsultFlow, json } from '../econsult/test-flow.ts';
import { localDate } from '../../shared/time.ts';
import { recordCopayment } from './store.ts';
import { pdfText } from '../../../test/pdf-text.ts';

describe('money: prices and co-payments', () => {
  let server: TestServer;
  let b: Record<DemoKey, Browser>;
  let ids: Record<DemoKey, string>;
  let fjordbyen = '';
  let nordlys = '';
  const flow = econsultFlow(() => server);
  const { q } = flow;
  const year = Number(localDate(new Date()).slice(0, 4));
  const price = async (who: Browser, query: Record<string, string>) => json(await who.fetch(`/api/prices?${new URLSearchParams(query)}`));

  beforeAll(async () => {
    server = await startTestServer({ RATE_LIMIT_PER_MINUTE: '100000' });
    ({ b, ids } = await logInDemoPeople(server));
    fjordbyen = await demoClinicId(server.database.owner, 'Fjordbyen legekontor');
    nordlys = await demoClinicId(server.database.owner, 'Nordlys nettklinikk');
  });
  afterAll(async () => server?.stop());

  it('prices a GP visit by the tariff: day or evening in Oslo time, video as at the office, and how it is paid', async () => {
    // Tuesday 1 December 2026, 09:00 and 17:00 in Oslo.
    const day = await price(b.ola, { clinicId: fjordbyen, service: 'consultation', visitType: 'clinic', at: '2026-12-01T08:00:00Z' });
    expect(day.body).toMatchObject({ amountOre: 17000, exemption: null, payBy: 'at-clinic', timeOfDay: 'day', currency: 'NOK' });
    const evening = await price(b.ola, { clinicId: fjordbyen, service: 'consultation', visitType: 'clinic', at: '2026-12-01T16:00:00Z' });
    expect(evening.body).toMatchObject({ amountOre: 28800, timeOfDay: 'evening' });
    const video = await price(b.ola, { clinicId: fjordbyen, service: 'consultation', visitType: 'video', at: '2026-12-01T08:00:00Z' });
    expect(video.body).toMatchObject({ amountOre: 17000, payBy: 'card-at-booking' });
    const renewal = await price(b.ola, { clinicId: fjordbyen, service: 'prescription-renewal' });
    expect(renewal.body).toMatchObject({ amountOre: 0, exemption: 'free-service', payBy: 'none' });
    const privateCase = await price(b.ola, { clinicId: nordlys, service: 'econsult' });
    expect(privateCase.body).toMatchObject({ amountOre: 35000, exemption: null, payBy: 'reserve-then-capture', countsTowardCeiling: false });
  });

  it('shows a parent that their 9-year-old goes free, and refuses prices for someone they may not act for', async () => {
    const child = await price(b.kari, { clinicId: fjordbyen, service: 'consultation', visitType: 'video', patientId: ids.emma });
    expect(child.body).toMatchObject({ amountOre: 0, listPriceOre: expect.any(Number), exemption: 'under-16', payBy: 'none' });
    const other = await price(b.kari, { clinicId: fjordbyen, service: 'consultation', patientId: ids.ola });
    expect(other.status).toBe(403);
    expect(other.body.type).toMatch(/cannot-act-for$/);
    const bad = await price(b.ola, { clinicId: fjordbyen, service: 'massage' });
    expect(bad.status).toBe(400);
    expect((await b.lise.fetch(`/api/prices?clinicId=${fjordbyen}&service=consultation`)).status).toBe(403);
  });

  it('counts a public e-consultation’s captured co-payment once, towards the ceiling', async () => {
    // The clinic admin's figures: the same by day and evening here, so the test does not depend on the clock.
    await q(`UPDATE copayment_tariffs SET amount_ore = 17000 WHERE service = 'econsult'`);
    const id = await flow.draft(b.ola, fjordbyen);
    const { paymentId } = await flow.submitAndPay(b.ola, id, { amountOre: 17000, currency: 'NOK', rule: 'copayment' });
    expect((await b.lise.fetch(`/api/staff/econsult/cases/${id}/claim`, { method: 'POST' })).status).toBe(200);
    const closed = await json(
      await b.lise.fetch(`/api/staff/econsult/cases/${id}/close`, { method: 'POST', json: { outcome: 'advice', summary: 'Bruk fuktighetskrem.', journalNote: 'Tørr hud. Råd om krem.' } }),
    );
    expect(closed.body.status).toBe('closed');
    await flow.settle(paymentId, 'captured');
    expect(await q(`SELECT amount_ore, service, year FROM copayments WHERE purpose = 'econsult' AND purpose_id = $1`, [id])).toEqual([{ amount_ore: 17000, service: 'econsult', year }]);
    const summary = await json(await b.ola.fetch(`/api/copayment/summary?year=${year}`));
    expect(summary.body).toMatchObject({ year, paidOre: 17000, frikort: null });
    expect(summary.body.payments).toEqual([expect.objectContaining({ clinicName: 'Fjordbyen legekontor', service: 'econsult', amountOre: 17000 })]);
  });

  it('charges only what is left below the ceiling, then grants the frikort from the sum, once, under concurrent payments', async () => {
    const ceiling = (await q<{ amount_ore: number }>(`SELECT amount_ore FROM copayment_ceilings WHERE year <= $1 ORDER BY year DESC LIMIT 1`, [year]))[0]!.amount_ore;
    const paid = (n: number, amount: number) =>
      q(`INSERT INTO copayments (person_id, year, clinic_id, service, purpose, purpose_id, amount_ore) VALUES ($1, $2, $3, 'gp-consultation', 'test', gen_random_uuid(), $4)`, [ids.ingrid, year, fjordbyen, amount]).then(() => n);
    await paid(0, ceiling - 800);
    const at = `${year}-06-02T08:00:00Z`;
    const almost = await price(b.ingrid, { clinicId: fjordbyen, service: 'consultation', at });
    expect(almost.body).toMatchObject({ amountOre: 800, exemption: 'ceiling-reached', countsTowardCeiling: true });
    expect((await json(await b.ingrid.fetch(`/api/copayment/summary?year=${year}`))).body).toMatchObject({ paidOre: ceiling - 800, leftOre: 800, frikort: null });

    // Ten payments recorded at once by ten transactions: the lock per person and year makes the last one see the rest.
    await Promise.all(Array.from({ length: 10 }, (_, i) => paid(i, 100)));
    expect(await q(`SELECT source FROM frikort WHERE person_id = $1 AND year = $2`, [ids.ingrid, year])).toEqual([{ source: 'ceiling' }]);
    const after = await price(b.ingrid, { clinicId: fjordbyen, service: 'consultation', at });
    expect(after.body).toMatchObject({ amountOre: 0, exemption: 'frikort' });
    const summary = (await json(await b.ingrid.fetch(`/api/copayment/summary?year=${year}`))).body;
    expect(summary).toMatchObject({ paidOre: ceiling + 200, leftOre: 0, frikort: { source: 'ceiling' } });
    // The next year starts again from nothing.
    expect((await json(await b.ingrid.fetch(`/api/copayment/summary?year=${year + 1}`))).body).toMatchObject({ paidOre: 0, frikort: null });
  });

  it('records a co-payment once per purpose, however often the capture is reported', async () => {
    const once = { personId: ids.kari, year, clinicId: fjordbyen, service: 'econsult' as const, purpose: 'econsult', purposeId: '00000000-0000-4000-8000-000000000001', amountOre: 17000 };
    expect(await recordCopayment(server.database.db, once)).toBe(true);
    expect(await recordCopayment(server.database.db, once)).toBe(false);
    expect(await q(`SELECT count(*)::int AS n FROM copayments WHERE person_id = $1`, [ids.kari])).toEqual([{ n: 1 }]);
    // A parent of a 9-year-old may see the child's year; a 14-year-old's is the child's own.
    expect((await b.kari.fetch(`/api/copayment/summary?patientId=${ids.emma}`)).status).toBe(200);
    expect((await b.kari.fetch(`/api/copayment/summary?patientId=${ids.jonas}`)).status).toBe(403);
  });

  it('lets a clinic admin correct the tariff and a year’s ceiling, and nobody else', async () => {
    const row = { validFrom: '2027-01-01', service: 'gp-consultation', timeOfDay: 'day', amountOre: 18000, source: 'Helfo 2027 (test)' };
    expect((await b.lise.fetch('/api/admin/copayment/tariff', { method: 'PUT', json: row })).status).toBe(403);
    expect((await b.ola.fetch('/api/admin/copayment/tariff', { method: 'PUT', json: row })).status).toBe(403);
    const bad = await json(await b.per.fetch('/api/admin/copayment/tariff', { method: 'PUT', json: { ...row, amountOre: -5 } }));
    expect(bad.status).toBe(400);
    expect((await b.per.fetch('/api/admin/copayment/tariff', { method: 'PUT', json: row })).status).toBe(200);
    expect((await b.per.fetch('/api/admin/copayment/ceilings/2027', { method: 'PUT', json: { amountOre: 350000, source: 'Statsbudsjettet 2027 (test)' } })).status).toBe(200);
    const figures = (await json(await b.per.fetch('/api/admin/copayment'))).body;
    expect(figures.tariff).toContainEqual(row);
    expect(figures.ceilings).toContainEqual({ year: 2027, amountOre: 350000, source: 'Statsbudsjettet 2027 (test)' });
    // Tuesday 5 January 2027, 09:00 in Oslo: the new period's figure.
    expect((await price(b.ola, { clinicId: fjordbyen, service: 'consultation', at: '2027-01-05T08:00:00Z' })).body).toMatchObject({ amountOre: 18000 });
    expect((await price(b.ola, { clinicId: fjordbyen, service: 'consultation', at: '2026-12-29T08:00:00Z' })).body).toMatchObject({ amountOre: 17000 });
  });

  it('lets reception mark a visit paid at the desk: counted once towards the ceiling, nothing for a child, refused to others', async () => {
    const lise = (await q<{ id: string }>(`SELECT pr.id FROM practitioners pr JOIN persons p ON p.id = pr.person_id WHERE p.name = 'Lise Berg'`))[0]!.id;
    const visit = async (patient: string, hoursAhead: number) =>
      (
        await q<{ id: string; starts_at: Date }>(
          `INSERT INTO appointments (clinic_id, practitioner_id, patient_id, booked_by, visit_type, starts_at, ends_at, blocked_until)
           VALUES ($1, $2, $3, $3, 'clinic', now() + make_interval(hours => $4), now() + make_interval(hours => $4, mins => 15), now() + make_interval(hours => $4, mins => 15))
           RETURNING id, starts_at`,
          [fjordbyen, lise, patient, hoursAhead],
        )
      )[0]!;
    const ola = await visit(ids.ola, 30);
    const expected = (await price(b.ola, { clinicId: fjordbyen, service: 'consultation', visitType: 'clinic', at: ola.starts_at.toISOString() })).body;
    const first = await json(await b.tone.fetch(`/api/staff/appointments/${ola.id}/paid-at-clinic`, { method: 'POST' }));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ appointmentId: ola.id, price: { amountOre: expected.amountOre, exemption: null, payBy: 'at-clinic' }, paidAt: expect.any(String) });
    const again = await json(await b.tone.fetch(`/api/staff/appointments/${ola.id}/paid-at-clinic`, { method: 'POST' }));
    expect(again.body.paidAt).toBe(first.body.paidAt);
    expect(await q(`SELECT amount_ore FROM copayments WHERE purpose = 'appointment' AND purpose_id = $1`, [ola.id])).toEqual([{ amount_ore: expected.amountOre }]);
    expect(await q(`SELECT 1 FROM audit_log WHERE subject_person_id = $1 AND action = 'appointment.copayment.paid'`, [ids.ola])).not.toHaveLength(0);
    const day = ola.starts_at.toLocaleDateString('en-CA', { timeZone: 'Europe/Oslo' });
    expect((await json(await b.tone.fetch(`/api/staff/paid-at-clinic?date=${day}`))).body.paid).toContainEqual({ appointmentId: ola.id, amountOre: expected.amountOre, paidAt: first.body.paidAt });

    const emma = await visit(ids.emma, 31);
    const child = await json(await b.tone.fetch(`/api/staff/appointments/${emma.id}/paid-at-clinic`, { method: 'POST' }));
    expect(child.body).toMatchObject({ price: { amountOre: 0, exemption: 'under-16' }, paidAt: null });
    expect(await q(`SELECT 1 FROM copayments WHERE purpose_id = $1`, [emma.id])).toHaveLength(0);

    expect((await b.anna.fetch(`/api/staff/appointments/${ola.id}/paid-at-clinic`, { method: 'POST' })).status).toBe(404);
    expect((await b.ola.fetch(`/api/staff/appointments/${ola.id}/paid-at-clinic`, { method: 'POST' })).status).toBe(403);
    await q(`UPDATE appointments SET status = 'cancelled', cancelled_at = now(), cancelled_by = $2 WHERE id = $1`, [emma.id, ids.tone]);
    const cancelled = await json(await b.tone.fetch(`/api/staff/appointments/${emma.id}/paid-at-clinic`, { method: 'POST' }));
    expect(cancelled.status).toBe(409);
    expect(cancelled.body.type).toMatch(/appointment-not-active$/);
  });

  it('gives the clinic admin the day’s settlement: card by provider, the desk, in JSON and as a CSV a Norwegian spreadsheet reads', async () => {
    const today = localDate(new Date());
    const path = `/api/admin/settlement?${new URLSearchParams({ clinicId: fjordbyen, from: today, to: today })}`;
    const body = (await json(await b.per.fetch(path))).body;
    expect(body.clinic).toMatchObject({ name: 'Fjordbyen legekontor', orgNumber: expect.stringMatching(/^\d{9}$/) });
    expect(body.rows).toContainEqual({ period: today, kind: 'paid', method: 'card', provider: 'simulator', count: 1, amountOre: 17000 });
    const desk = (await q<{ n: number; sum: number }>(`SELECT count(*)::int AS n, sum(amount_ore)::int AS sum FROM copayments WHERE clinic_id = $1 AND purpose = 'appointment'`, [fjordbyen]))[0]!;
    expect(body.rows).toContainEqual({ period: today, kind: 'paid', method: 'desk', provider: 'clinic', count: desk.n, amountOre: desk.sum });

    const csv = await b.per.fetch(path, { headers: { accept: 'text/csv' } });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toContain(`oppgjor-${today}-${today}.csv`);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await csv.arrayBuffer());
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe('Periode;Type;Måte;Leverandør;Antall;Beløp (kr)');
    expect(lines).toContain(`${today};paid;card;simulator;1;170,00`);

    expect((await b.per.fetch(`${path}&format=csv`)).headers.get('content-type')).toMatch(/^text\/csv/);
    const month = (await json(await b.per.fetch(`${path}&by=month`))).body.rows;
    expect(month).toContainEqual(expect.objectContaining({ period: today.slice(0, 7), kind: 'paid', method: 'card' }));
    expect((await b.lise.fetch(path)).status).toBe(403);
    expect((await b.anna.fetch(`/api/admin/settlement?${new URLSearchParams({ clinicId: fjordbyen, from: today, to: today })}`)).status).toBe(404);
  });

  it('gives a receipt for every payment, card or desk, as a PDF with the clinic, its org number, the amount and no VAT', async () => {
    const list = (await json(await b.ola.fetch('/api/payments'))).body.payments as Array<Record<string, unknown>>;
    const card = list.find((r) => r.method === 'card' && r.service === 'econsult');
    const desk = list.find((r) => r.method === 'desk');
    expect(card).toMatchObject({ clinicName: 'Fjordbyen legekontor', patientName: 'Ola Hansen', amountOre: 17000, copayment: true });
    expect(desk).toMatchObject({ clinicName: 'Fjordbyen legekontor', service: 'gp-consultation', copayment: true });
    const pdf = await b.ola.fetch(`/api/payments/${card!.id}/receipt.pdf`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const text = pdfText(Buffer.from(await pdf.arrayBuffer()));
    expect(text).toContain(`Legekontor: Fjordbyen legekontor, org.nr. ${card!.orgNumber}`);
    expect(text).toContain('Beløp: 170,00 kr');
    expect(text).toContain('Betalt: med kort');
    expect(text).toContain('Helsetjenester er unntatt fra merverdiavgift');
    expect((await b.ingrid.fetch(`/api/payments/${card!.id}/receipt.pdf`)).status).toBe(404);
    expect((await b.ingrid.fetch(`/api/payments/${desk!.id}/receipt.pdf`)).status).toBe(404);
  });

  it('puts each receipt in the patient’s inbox as a letter from the clinic, written once, unread, also as a PDF', async () => {
    const paid = (await json(await b.ola.fetch('/api/payments'))).body.payments as Array<Record<string, unknown>>;
    const inbox = (await json(await b.ola.fetch('/api/inbox'))).body.threads as Array<Record<string, any>>;
    const letters = inbox.filter((t) => t.kind === 'letter' && t.subject === 'Kvittering');
    // One letter per payment of Ola's own (card and desk), however often the hooks ran.
    expect(letters).toHaveLength(paid.filter((r) => r.patientName === 'Ola Hansen').length);
    expect(letters.every((t) => t.unread && t.clinic.name === 'Fjordbyen legekontor' && !t.mayReply)).toBe(true);
    const origins = await q<{ origin: string; n: number }>(`SELECT origin, count(*)::int AS n FROM message_threads WHERE origin LIKE 'receipt-%' GROUP BY origin`);
    expect(origins.every((o) => o.n === 1)).toBe(true);
    expect(origins.map((o) => o.origin.split(':')[0]).sort()).toEqual(expect.arrayContaining(['receipt-card', 'receipt-desk']));

    const bodies: string[] = [];
    for (const letter of letters) {
      const detail = (await json(await b.ola.fetch(`/api/threads/${letter.id}`))).body;
      expect(detail.messages).toHaveLength(1);
      expect(detail.messages[0]).toMatchObject({ authorRole: 'system', authorName: 'Fjordbyen legekontor', mine: false });
      bodies.push(detail.messages[0].body);
    }
    expect(bodies.some((text) => text.includes('Betalt: med kort') && text.includes('Beløp: 170,00 kr'))).toBe(true);
    expect(bodies.some((text) => text.includes('Betalt: på legekontoret'))).toBe(true);
    expect(bodies.every((text) => text.includes('Helsetjenester er unntatt fra merverdiavgift'))).toBe(true);
    // Read now, and as a PDF like any letter; nobody else sees it.
    expect((await json(await b.ola.fetch('/api/inbox'))).body.threads.find((t: { id: string }) => t.id === letters[0]!.id).unread).toBe(false);
    const pdf = await b.ola.fetch(`/api/threads/${letters[0]!.id}/letter.pdf`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdfText(Buffer.from(await pdf.arrayBuffer()))).toContain('Kvittering');
    expect((await b.ingrid.fetch(`/api/threads/${letters[0]!.id}`)).status).toBe(404);
  });

  it('lets the clinic admin refund part, then the rest, never more than was taken; the provider refunds once each; the ceiling forgets it', async () => {
    const today = localDate(new Date());
    const listed = (await json(await b.per.fetch(`/api/admin/payments?from=${today}&to=${today}`))).body.payments as Array<Record<string, any>>;
    expect(listed).toHaveLength(1);
    const payment = listed[0]!;
    expect(payment).toMatchObject({ patientName: 'Ola Hansen', amountOre: 17000, refundedOre: 0, refunds: [] });
    const before = (await json(await b.ola.fetch(`/api/copayment/summary?year=${year}`))).body.paidOre as number;

    const refund = (amountOre: number, who = b.per) => who.fetch(`/api/admin/payments/${payment.id}/refunds`, { method: 'POST', json: { amountOre, reason: 'Lang ventetid på svar' } });
    expect((await refund(5000)).status).toBe(201);
    const tooMuch = await json(await refund(13000));
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.detail).toContain('120,00');
    expect((await refund(12000)).status).toBe(201);
    expect((await refund(1)).status).toBe(409);
    expect((await refund(100, b.lise)).status).toBe(403);
    expect((await refund(100, b.anna)).status).toBe(404);
    expect((await json(await b.per.fetch(`/api/admin/payments/${payment.id}/refunds`, { method: 'POST', json: { amountOre: 100, reason: '   ' } }))).status).toBe(400);

    for (let i = 0; i < 100; i++) {
      const done = await q<{ n: number }>(`SELECT count(*)::int AS n FROM payment_refunds WHERE payment_id = $1 AND status = 'refunded'`, [payment.id]);
      if (done[0]!.n === 2) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await q(`SELECT s.refunded_amount_ore, s.refund_count FROM payments p JOIN card_simulator_checkouts s ON s.id::text = p.provider_ref WHERE p.id = $1`, [payment.id])).toEqual([
      { refunded_amount_ore: 17000, refund_count: 2 },
    ]);
    expect((await json(await b.ola.fetch(`/api/copayment/summary?year=${year}`))).body.paidOre).toBe(before - 17000);
    expect((await json(await b.ola.fetch('/api/payments'))).body.payments).toContainEqual(expect.objectContaining({ id: payment.id, refundedOre: 17000 }));
    const settled = (await json(await b.per.fetch(`/api/admin/settlement?${new URLSearchParams({ clinicId: fjordbyen, from: today, to: today })}`))).body.rows;
    expect(settled).toContainEqual({ period: today, kind: 'refunded', method: 'card', provider: 'simulator', count: 2, amountOre: 17000 });
  });

  it('lets a private clinic’s admin set its prices and options, which the prices follow; a public clinic’s come from the tariff', async () => {
    const now = (await json(await b.anna.fetch('/api/admin/clinic/prices'))).body;
    expect(now).toEqual({ kind: 'private', visitPriceOre: 65000, phonePriceOre: 45000, econsultPriceOre: 35000, childrenFree: false, acceptsInsurance: true });
    const set = await json(await b.anna.fetch('/api/admin/clinic/prices', { method: 'PUT', json: { ...now, kind: undefined, visitPriceOre: 70000, childrenFree: true } }));
    expect(set.body).toMatchObject({ visitPriceOre: 70000, childrenFree: true });
    expect((await price(b.ola, { clinicId: nordlys, service: 'consultation', visitType: 'video' })).body).toMatchObject({ amountOre: 70000, payBy: 'card-at-booking' });
    expect((await price(b.kari, { clinicId: nordlys, service: 'consultation', visitType: 'video', patientId: ids.emma })).body).toMatchObject({ amountOre: 0, exemption: 'private-children-free' });
    const publicClinic = await json(await b.per.fetch('/api/admin/clinic/prices', { method: 'PUT', json: { visitPriceOre: 1, phonePriceOre: null, econsultPriceOre: 1, childrenFree: false, acceptsInsurance: false } }));
    expect(publicClinic.status).toBe(409);
    expect(publicClinic.body.type).toMatch(/public-prices-from-tariff$/);
    expect((await b.lise.fetch('/api/admin/clinic/prices')).status).toBe(403);
    expect((await b.anna.fetch('/api/admin/clinic/prices', { method: 'PUT', json: { ...now, kind: undefined, visitPriceOre: -1 } })).status).toBe(400);
  });
});
