// The HTTP gateway's inbound webhook (its token), the dev outbox's "send an SMS", two receptionists racing, and "not video" requests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, startTestServer, type TestServer } from '../../../test/server.ts';
import { demoPerson, demoPractitionerId } from '../../../test/people.ts';

const TOKEN = 'gateway-secret-token-1';
const KARI = '+4791000001';

describe('inbound webhook, dev SMS and reception\'s requests', () => {
  let server: TestServer;
  let tone: Browser;
  let per: Browser;
  let clinicId = '';
  let lise = '';

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(server.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const smsTo = async (address: string, template: string) =>
    (await server.database.owner.query(`SELECT body FROM notifications WHERE address = $1 AND template = $2 ORDER BY created_at`, [address, template])).rows.map((r) => r.body as string);
  const openRequests = async (b: Browser) => (await (await b.fetch('/api/staff/booking-requests')).json()).requests as Array<{ id: string; kind: string; patient: { name: string } | null; appointment: { id: string; visitType: string } | null }>;
  const future = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
  const freeSlots = async (visitType: string) =>
    (await (await tone.fetch(`/api/availability?clinicId=${clinicId}&practitionerId=${lise}&visitType=${visitType}&from=${future(3)}&to=${future(10)}`)).json()).slots as Array<{ start: string }>;

  beforeAll(async () => {
    server = await startTestServer({ SMS_HTTP_TOKEN: TOKEN });
    const o = server.database.owner;
    clinicId = (await o.query(`SELECT id FROM clinics WHERE sms_keyword = 'FJORDBYEN'`)).rows[0].id;
    lise = await demoPractitionerId(o, 'Lise Berg');
    tone = new Browser(server.url);
    await tone.login((await demoPerson(o, 'Tone Ås')).nationalId, 'staff');
    const perOlsen = await demoPerson(o, 'Per Olsen');
    per = new Browser(server.url);
    await per.login(perOlsen.nationalId, 'staff', { hpr: perOlsen.hpr! });
  });
  afterAll(async () => server?.stop());

  it('the webhook refuses a missing or wrong token with problem+json, and takes each gateway message id once', async () => {
    const kari = (await server.database.owner.query(`SELECT birth_date FROM persons WHERE name = 'Kari Nordmann'`)).rows[0].birth_date as string;
    const ddmmyy = `${kari.slice(8, 10)}${kari.slice(5, 7)}${kari.slice(2, 4)}`;
    const body = { from: KARI, to: '2222', text: `FJORDBYEN ${ddmmyy} Kari Nordmann Trenger time`, id: 'gw-inbound-1' };

    const missing = await post('/api/sms/inbound', body);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await missing.json()).type).toMatch(/sms-token-missing$/);
    const wrong = await post('/api/sms/inbound', body, { authorization: 'Bearer not-the-token' });
    expect(wrong.status).toBe(403);
    expect((await wrong.json()).type).toMatch(/sms-token-wrong$/);
    expect((await post('/api/sms/inbound', { nonsense: true }, { authorization: 'Basic abc' })).status).toBe(401);

    const good = await post('/api/sms/inbound', body, { authorization: `Bearer ${TOKEN}` });
    expect(good.status).toBe(200);
    expect(await good.json()).toEqual({ outcome: 'requested' });
    const repeat = await post('/api/sms/inbound', body, { authorization: `Bearer ${TOKEN}` });
    expect(await repeat.json()).toEqual({ outcome: 'duplicate' });
    expect((await openRequests(tone)).filter((r) => r.patient?.name === 'Kari Nordmann')).toHaveLength(1);
    expect(await smsTo(KARI, 'sms-booking-received')).toEqual(['Nettlege: Vi har mottatt timebestillingen din hos Fjordbyen legekontor. Du får en SMS når legekontoret har satt opp timen.']);
  });

  it('two receptionists booking one request at once: one books it, the other is told it is handled', async () => {
    const request = (await openRequests(tone)).find((r) => r.patient?.name === 'Kari Nordmann')!;
    const slots = await freeSlots('clinic');
    const [a, b] = await Promise.all([
      tone.fetch(`/api/staff/booking-requests/${request.id}/book`, { method: 'POST', json: { practitionerId: lise, start: slots[0]!.start, visitType: 'clinic' } }),
      per.fetch(`/api/staff/booking-requests/${request.id}/book`, { method: 'POST', json: { practitionerId: lise, start: slots[2]!.start, visitType: 'clinic' } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect((await (a.status === 409 ? a : b).json()).type).toMatch(/booking-request-handled$/);
    const n = await server.database.owner.query(`SELECT count(*)::int AS n FROM appointments a JOIN persons p ON p.id = a.patient_id WHERE p.name = 'Kari Nordmann' AND a.source = 'sms'`);
    expect(n.rows[0].n).toBe(1);
  });

  it('the dev outbox can "send" an SMS to the service, and hears the same replies', async () => {
    const res = await post('/api/dev/sms-inbound', { from: '+4791000003', text: 'Hei! Kan jeg få time?' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ outcome: 'unparseable' });
    expect((await smsTo('+4791000003', 'sms-booking-unparseable'))[0]).toMatch(/^Nettlege: Vi forsto ikke meldingen/);
    expect((await post('/api/dev/sms-inbound', { from: '+4791000003' })).status).toBe(400);
  });

  it('a patient who declines video becomes a request reception converts to a phone visit; the patient is told', async () => {
    const o = server.database.owner;
    const ingrid = new Browser(server.url);
    await ingrid.login((await demoPerson(o, 'Ingrid Solberg')).nationalId);
    const slot = (await freeSlots('video'))[4]!;
    const booked = await (await ingrid.fetch('/api/appointments', { method: 'POST', json: { practitionerId: lise, start: slot.start, visitType: 'video' } })).json();
    expect((await ingrid.fetch(`/api/appointments/${booked.id}/decline-video`, { method: 'POST' })).status).toBe(200);

    const request = (await openRequests(tone)).find((r) => r.kind === 'not_video' && r.appointment?.id === booked.id)!;
    expect(request).toMatchObject({ patient: { name: 'Ingrid Solberg' }, appointment: { visitType: 'video' } });
    const wrongKind = await tone.fetch(`/api/staff/booking-requests/${request.id}/book`, { method: 'POST', json: { practitionerId: lise, start: slot.start, visitType: 'phone' } });
    expect(wrongKind.status).toBe(409);
    expect((await wrongKind.json()).type).toMatch(/booking-request-kind$/);

    const converted = await tone.fetch(`/api/staff/booking-requests/${request.id}/convert`, { method: 'POST', json: { visitType: 'phone' } });
    expect(converted.status).toBe(200);
    expect(await converted.json()).toEqual({ requestId: request.id, status: 'converted', appointmentId: booked.id, visitType: 'phone' });
    expect((await o.query(`SELECT visit_type FROM appointments WHERE id = $1`, [booked.id])).rows[0].visit_type).toBe('phone');
    expect((await smsTo('+4791000004', 'appointment-changed')).length).toBe(1);
    expect((await tone.fetch(`/api/staff/booking-requests/${request.id}/convert`, { method: 'POST', json: { visitType: 'clinic' } })).status).toBe(409);
  });

  it('another clinic\'s staff do not see or handle this clinic\'s requests', async () => {
    const o = server.database.owner;
    const anna = await demoPerson(o, 'Anna Lindqvist');
    const other = new Browser(server.url);
    await other.login(anna.nationalId, 'staff', { hpr: anna.hpr! });
    expect(await (await post('/api/dev/sms-inbound', { from: '+4791000004', text: 'FJORDBYEN 011247 Ingrid Solberg' })).json()).toEqual({ outcome: 'requested' });
    const mine = await openRequests(tone);
    expect(mine.length).toBeGreaterThan(0);
    expect(await openRequests(other)).toEqual([]);
    const res = await other.fetch(`/api/staff/booking-requests/${mine[0]!.id}/reject`, { method: 'POST', json: {} });
    expect(res.status).toBe(404);
  });
});
