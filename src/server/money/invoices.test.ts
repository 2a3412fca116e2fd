// Invoices afterwards for hospital outpatient visits, through the real server: issued once per visit with a valid
// MOD10 KID into the patient's inbox (and as a PDF), nothing for an exempt child, refused for a GP office; the bank's
// payments matched by KID once, counting the co-payment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, startTestServer, type TestServer } from '../../../test/server.ts';
import { demoPractitionerId, logInDemoPeople, type DemoKey } from '../../../test/people.ts';
import { pdfText } from '../../../test/pdf-text.ts';
import { syntheticNationalId } from '../demo/synthetic-ids.ts';
import { json } from '../econsult/test-flow.ts';
import { localDate } from '../../shared/time.ts';
import { isValidKid } from './kid.ts';

describe('invoices afterwards', () => {
  let server: TestServer;
  let b: Record<DemoKey, Browser>;
  let ids: Record<DemoKey, string>;
  let hospital = '';
  let desk: Browser;
  let lise = '';
  const q = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) => (await server.database.owner.query(text, params)).rows as T[];
  let hour = 24;
  /** A visit at the hospital's outpatient clinic, a day or more ahead (each one an hour later than the last). */
  const visit = async (patientId: string, clinicId = hospital) =>
    (
      await q<{ id: string }>(
        `INSERT INTO appointments (clinic_id, practitioner_id, patient_id, booked_by, visit_type, starts_at, ends_at, blocked_until)
         VALUES ($1, $2, $3, $3, 'clinic', now() + make_interval(hours => $4), now() + make_interval(hours => $4, mins => 20), now() + make_interval(hours => $4, mins => 20)) RETURNING id`,
        [clinicId, lise, patientId, hour++],
      )
    )[0]!.id;
  const invoice = (id: string, who = desk) => who.fetch(`/api/staff/appointments/${id}/invoice`, { method: 'POST' });

  beforeAll(async () => {
    server = await startTestServer({ RATE_LIMIT_PER_MINUTE: '100000' });
    ({ b, ids } = await logInDemoPeople(server));
    lise = await demoPractitionerId(server.database.owner, 'Lise Berg');
    hospital = (await q<{ id: string }>(`INSERT INTO clinics (name, org_number, kind, bank_account) VALUES ('Fjordbyen sykehus, poliklinikk', '983974899', 'hospital_outpatient', '12345678903') RETURNING id`))[0]!.id;
    const nid = syntheticNationalId('1975-05-05', 7, { female: true });
    const hanne = (await q<{ id: string }>(`INSERT INTO persons (national_id, national_id_kind, name, birth_date) VALUES ($1, 'synthetic', 'Hanne Sykehus', '1975-05-05') RETURNING id`, [nid]))[0]!.id;
    await q(`INSERT INTO staff_roles (person_id, clinic_id, role) VALUES ($1, $2, 'reception'), ($1, $2, 'clinic_admin')`, [hanne, hospital]);
    desk = new Browser(server.url);
    await desk.login(nid, 'staff');
  });
  afterAll(async () => server?.stop());

  it('issues a visit’s invoice once, with a valid KID, due in 14 days, into the patient’s inbox and as a PDF', async () => {
    const id = await visit(ids.ola);
    const first = await json(await invoice(id));
    expect(first.status).toBe(200);
    const inv = first.body.invoice;
    expect(inv).toMatchObject({ amountOre: 40300, bankAccount: '12345678903', status: 'open' });
    expect(first.body.price).toMatchObject({ amountOre: 40300, exemption: null, payBy: 'invoice' });
    expect(isValidKid(inv.kid, 'mod10')).toBe(true);
    const due = new Date(`${inv.dueOn}T12:00:00Z`).getTime() - new Date(`${localDate(new Date())}T12:00:00Z`).getTime();
    expect(due / 86_400_000).toBe(14);
    expect((await json(await invoice(id))).body.invoice).toEqual(inv);
    expect(await q(`SELECT count(*)::int AS n FROM invoices WHERE appointment_id = $1`, [id])).toEqual([{ n: 1 }]);

    const inbox = (await json(await b.ola.fetch('/api/inbox'))).body.threads as Array<{ id: string; subject: string }>;
    const letter = inbox.find((t) => t.id === inv.letterThreadId)!;
    expect(letter.subject).toBe(`Faktura nr. ${inv.number}`);
    const pdf = await b.ola.fetch(`/api/threads/${letter.id}/letter.pdf`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const text = pdfText(Buffer.from(await pdf.arrayBuffer()));
    expect(text).toContain('Fjordbyen sykehus, poliklinikk (org.nr. 983974899)');
    expect(text).toContain('Beløp: 403,00 kr');
    expect(text).toContain(`Betales til konto 1234.56.78903`);
    expect(text).toContain(`med KID ${inv.kid}`);
    // The SMS says only that there is a letter.
    const sms = await q<{ body: string }>(`SELECT body FROM notifications WHERE person_id = $1 AND channel = 'sms' ORDER BY created_at DESC LIMIT 1`, [ids.ola]);
    expect(sms[0]!.body).not.toMatch(/faktura|403,00|KID/i);
  });

  it('invoices nothing for a child under 16, and refuses invoices at a GP office and to staff of another clinic', async () => {
    const child = await json(await invoice(await visit(ids.emma)));
    expect(child.body).toMatchObject({ invoice: null, price: { amountOre: 0, exemption: 'under-16' } });
    const fjordbyen = (await q<{ id: string }>(`SELECT id FROM clinics WHERE name = 'Fjordbyen legekontor'`))[0]!.id;
    const gp = await json(await invoice(await visit(ids.ingrid, fjordbyen), b.tone));
    expect(gp.status).toBe(409);
    expect(gp.body.type).toMatch(/invoice-hospital-only$/);
    expect((await invoice(await visit(ids.ingrid), b.tone)).status).toBe(404);
    expect((await invoice(await visit(ids.ingrid), b.lise)).status).toBe(403);
  });

  it('matches the bank’s payments by KID once, counts the co-payment, and says which it could not match', async () => {
    const paidVisit = (await json(await invoice(await visit(ids.ingrid)))).body.invoice;
    const shortVisit = (await json(await invoice(await visit(ids.kari)))).body.invoice;
    const today = localDate(new Date());
    const report = [
      { kid: paidVisit.kid, amountOre: 40300, paidOn: today },
      { kid: shortVisit.kid, amountOre: 20000, paidOn: today },
      { kid: '123456782', amountOre: 40300, paidOn: today },
    ];
    const first = await json(await desk.fetch('/api/admin/invoices/payments', { method: 'POST', json: { payments: report } }));
    expect(first.body.results.map((r: { result: string }) => r.result)).toEqual(['paid', 'short', 'unknown']);
    const again = await json(await desk.fetch('/api/admin/invoices/payments', { method: 'POST', json: { payments: report.slice(0, 1) } }));
    expect(again.body.results).toEqual([{ kid: paidVisit.kid, result: 'already-paid' }]);
    expect(await q(`SELECT amount_ore FROM copayments WHERE purpose = 'invoice' AND purpose_id = $1`, [paidVisit.id])).toEqual([{ amount_ore: 40300 }]);
    // The paid invoice gives Ingrid a receipt: in her inbox, once, and in her list of receipts.
    const letters = await q<{ body: string }>(`SELECT m.body FROM message_threads t JOIN thread_messages m ON m.thread_id = t.id WHERE t.origin = $1`, [`receipt-invoice:${paidVisit.id}`]);
    expect(letters).toHaveLength(1);
    expect(letters[0]!.body).toContain('Beløp: 403,00 kr');
    expect(letters[0]!.body).toContain('Betalt: med faktura');
    expect(await q(`SELECT 1 FROM message_threads WHERE origin = $1`, [`receipt-invoice:${shortVisit.id}`])).toHaveLength(0);
    const receipts = (await json(await b.ingrid.fetch('/api/payments'))).body.payments as Array<Record<string, unknown>>;
    expect(receipts).toContainEqual(expect.objectContaining({ id: paidVisit.id, method: 'invoice', service: 'outpatient', amountOre: 40300 }));
    const open = (await json(await desk.fetch('/api/admin/invoices?status=open'))).body.invoices as Array<{ id: string }>;
    expect(open.map((i) => i.id)).toContain(shortVisit.id);
    expect(open.map((i) => i.id)).not.toContain(paidVisit.id);
    const settled = (await json(await desk.fetch(`/api/admin/settlement?${new URLSearchParams({ clinicId: hospital, from: today, to: today })}`))).body.rows;
    expect(settled).toContainEqual({ period: today, kind: 'paid', method: 'invoice', provider: 'bank', count: 1, amountOre: 40300 });
    expect((await desk.fetch('/api/admin/invoices/payments', { method: 'POST', json: { payments: [{ kid: 'x', amountOre: 1, paidOn: today }] } })).status).toBe(400);
    // Another clinic's admin cannot match this clinic's invoices: to them the KID is unknown.
    expect((await json(await b.per.fetch('/api/admin/invoices/payments', { method: 'POST', json: { payments: report.slice(0, 1) } }))).body.results).toEqual([{ kid: paidVisit.kid, result: 'unknown' }]);
  });

  it('the clinic admin sets the invoice account: written with dots or not, the MOD11 digit checked, empty stops invoices', async () => {
    const account = (body: unknown, who = desk) => who.fetch('/api/admin/clinic/bank-account', { method: 'PUT', json: { bankAccount: body } }).then(json);
    expect((await json(await desk.fetch('/api/admin/clinic/bank-account'))).body).toEqual({ bankAccount: '12345678903' });
    expect((await account('1503.12.34562')).body).toEqual({ bankAccount: '15031234562' });
    // The last digit does not match: refused in words, nothing changed.
    const wrong = await account('1503.12.34563');
    expect(wrong.status).toBe(400);
    expect(wrong.body.type).toMatch(/bank-account-invalid$/);
    expect(wrong.body.detail ?? wrong.body.title).toMatch(/kontrollsifferet/);
    expect((await account('1503 12 345')).status).toBe(400);
    expect((await q(`SELECT bank_account FROM clinics WHERE id = $1`, [hospital]))[0]).toEqual({ bank_account: '15031234562' });
    // Only a clinic admin, and of their own clinic: Tone (reception) is refused; Per changes Fjordbyen's, not this one.
    expect((await account('12345678903', b.tone)).status).toBe(403);
    expect((await account('12345678903', b.per)).status).toBe(200);
    expect((await q(`SELECT bank_account FROM clinics WHERE id = $1`, [hospital]))[0]).toEqual({ bank_account: '15031234562' });
    // No account: no invoice can be sent, and the reason is given.
    expect((await account('')).body).toEqual({ bankAccount: null });
    const none = await json(await invoice(await visit(ids.ingrid)));
    expect(none.status).toBe(409);
    expect(none.body.type).toMatch(/invoice-no-account$/);
    expect((await account('12345678903')).body).toEqual({ bankAccount: '12345678903' });
  });

  it('the demo has a hospital outpatient clinic: a patient books a visit there, and its reception invoices it into the patient\'s inbox', async () => {
    const o = server.database.owner;
    const vestbyen = (await q<{ id: string; bank_account: string }>(`SELECT id, bank_account FROM clinics WHERE kind = 'hospital_outpatient' AND name = 'Vestbyen sykehus, poliklinikk'`))[0]!;
    expect(isValidKid(vestbyen.bank_account, 'mod11')).toBe(true);
    const from = new Date(Date.now() + 2 * 86400_000);
    const free = await json(await b.ingrid.fetch(`/api/availability?${new URLSearchParams({ clinicId: vestbyen.id, visitType: 'clinic', from: from.toISOString(), to: new Date(from.getTime() + 7 * 86400_000).toISOString() })}`));
    const slot = free.body.slots[0];
    const booked = await json(await b.ingrid.fetch('/api/appointments', { method: 'POST', headers: { 'idempotency-key': `vestbyen-${Date.now()}` }, json: { practitionerId: slot.practitionerId, start: slot.start, visitType: 'clinic' } }));
    expect(booked.status).toBe(201);
    const jon = (await o.query(`SELECT national_id FROM persons WHERE name = 'Jon Vik'`)).rows[0].national_id as string;
    const reception = new Browser(server.url);
    await reception.login(jon, 'staff');
    const issued = await json(await invoice(booked.body.id, reception));
    expect(issued.status).toBe(200);
    expect(isValidKid(issued.body.invoice.kid, 'mod10')).toBe(true);
    const threads = (await json(await b.ingrid.fetch('/api/inbox'))).body.threads as Array<{ subject: string }>;
    expect(threads.map((t) => t.subject)).toContain(`Faktura nr. ${issued.body.invoice.number}`);
  });
});
