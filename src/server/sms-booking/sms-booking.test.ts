// SMS booking end to end through a real local SMPP server, the real HTTP layer and PostgreSQL: SMS in, request, receipt, booking, confirmation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, startTestServer, type TestServer } from '../../../test/server.ts';
import { demoPerson, demoPractitionerId } from '../../../test/people.ts';
import { startTestSmsc, type TestSmsc } from '../notifications/channels/test-smsc.ts';
import { eventually, smsFromPhone, textsTo } from './test-support.ts';

const OLA = '+4791000002';
const INGRID = '+4791000004';

interface RequestJson {
  id: string;
  kind: string;
  message: string;
  receivedAt: string;
  fromPhone: string | null;
  patient: { id: string; name: string; maskedNationalId: string } | null;
}

describe('SMS booking end to end through a real local SMPP server', () => {
  let smsc: TestSmsc;
  let server: TestServer;
  let tone: Browser;
  let clinicId = '';
  let per = '';

  const requestCount = async () => Number((await server.database.owner.query(`SELECT count(*)::int AS n FROM booking_requests WHERE kind = 'sms'`)).rows[0].n);
  const openRequests = async (): Promise<RequestJson[]> => (await (await tone.fetch('/api/staff/booking-requests')).json()).requests;
  const future = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

  beforeAll(async () => {
    smsc = await startTestSmsc();
    server = await startTestServer({ SMPP_URL: smsc.url, SMS_SENDER: 'Nettlege' });
    const o = server.database.owner;
    clinicId = (await o.query(`SELECT id FROM clinics WHERE sms_keyword = 'FJORDBYEN'`)).rows[0].id;
    per = await demoPractitionerId(o, 'Per Olsen');
    tone = new Browser(server.url);
    await tone.login((await demoPerson(o, 'Tone Ås')).nationalId, 'staff');
    await eventually(() => smsc.binds > 0, 'the server to bind to the SMSC');
  });
  afterAll(async () => {
    await server?.stop();
    await smsc?.close();
  });

  it('an SMS becomes a request for reception, the sender gets a receipt, reception books it and the time goes out by SMS', async () => {
    expect(await smsFromPhone(smsc, OLA, 'FJORDBYEN 270258 Ola Hansen Trenger time')).toBe(0);

    const receipt = await eventually(() => textsTo(smsc, OLA).find((t) => t.includes('mottatt timebestillingen')), 'the receipt SMS');
    expect(receipt).toBe('Nettlege: Vi har mottatt timebestillingen din hos Fjordbyen legekontor. Du får en SMS når legekontoret har satt opp timen.');
    expect(receipt).not.toMatch(/Trenger|270258|Ola/);

    const request = (await openRequests()).find((r) => r.patient?.name === 'Ola Hansen');
    expect(request).toMatchObject({ kind: 'sms', message: 'Trenger time', fromPhone: OLA });
    expect(request!.patient!.maskedNationalId).toMatch(/^\d{6} \*{5}$/);
    expect(request!.receivedAt).toMatch(/\+0[12]:00$/);

    const slots = (await (await tone.fetch(`/api/availability?clinicId=${clinicId}&practitionerId=${per}&visitType=clinic&from=${future(2)}&to=${future(9)}`)).json()).slots;
    const booked = await tone.fetch(`/api/staff/booking-requests/${request!.id}/book`, { method: 'POST', json: { practitionerId: per, start: slots[0].start, visitType: 'clinic' } });
    expect(booked.status).toBe(200);
    const body = await booked.json();
    expect(body).toMatchObject({ requestId: request!.id, status: 'booked', appointment: { source: 'sms', patientName: 'Ola Hansen', start: slots[0].start, reason: 'Trenger time' } });

    const o = server.database.owner;
    const row = (await o.query(`SELECT r.status, r.appointment_id, p.name AS handled_by FROM booking_requests r JOIN persons p ON p.id = r.handled_by WHERE r.id = $1`, [request!.id])).rows[0];
    expect(row).toEqual({ status: 'booked', appointment_id: body.appointment.id, handled_by: 'Tone Ås' });
    expect((await o.query(`SELECT source FROM appointments WHERE id = $1`, [body.appointment.id])).rows[0].source).toBe('sms');

    const confirmation = await eventually(() => textsTo(smsc, OLA).find((t) => t.includes('Timen din er bestilt')), 'the confirmation SMS');
    expect(confirmation).toMatch(/kl\. \d{2}:\d{2}/);
    expect(confirmation).not.toContain('Trenger');

    const again = await tone.fetch(`/api/staff/booking-requests/${request!.id}/book`, { method: 'POST', json: { practitionerId: per, start: slots[1].start, visitType: 'clinic' } });
    expect(again.status).toBe(409);
    expect((await again.json()).type).toMatch(/booking-request-handled$/);
    expect((await openRequests()).some((r) => r.id === request!.id)).toBe(false);

    const audit = await o.query(`SELECT a.action FROM audit_log a JOIN persons p ON p.id = a.actor_person_id WHERE a.subject_person_id = $1 AND p.name = 'Tone Ås'`, [request!.patient!.id]);
    expect(audit.rows.map((r) => r.action)).toEqual(expect.arrayContaining(['booking-request.list.read', 'appointment.book']));
  });

  it('an unknown keyword, garbage and a wrong birth date each get their own helpful reply and make no request', async () => {
    const before = await requestCount();
    const cases: Array<[string, RegExp]> = [
      ['HAUGESUND 270258 Ola Hansen Vondt i magen', /kjente ikke igjen legekontoret/],
      ['hei, kan jeg få time? vondt i magen', /forsto ikke meldingen.*KODEORD DDMMÅÅ Fornavn Etternavn/],
      ['FJORDBYEN 280258 Ola Hansen Vondt i magen', /fant deg ikke hos Fjordbyen legekontor.*ring legekontoret på \+47 55 00 00 00\./],
    ];
    for (const [text, reply] of cases) {
      const sent = textsTo(smsc, OLA).length;
      expect(await smsFromPhone(smsc, OLA, text)).toBe(0);
      const answer = await eventually(() => textsTo(smsc, OLA)[sent], `the reply to "${text}"`);
      expect(answer).toMatch(reply);
      expect(answer).not.toMatch(/magen|270258|280258/);
    }
    expect(await requestCount()).toBe(before);
    const outcomes = await server.database.owner.query(`SELECT outcome FROM inbound_sms WHERE from_phone = $1 ORDER BY received_at`, [OLA]);
    expect(outcomes.rows.map((r) => r.outcome)).toEqual(['requested', 'unknown-clinic', 'unparseable', 'no-match']);
  });

  it('a redelivered deliver_sm makes no second request and no second receipt; UCS-2, odd spacing and a dotted date are read', async () => {
    const before = await requestCount();
    const text = 'fjordbyen  01.12.47  INGRID SOLBERG Trenger time før jul';
    expect(await smsFromPhone(smsc, INGRID, text)).toBe(0);
    expect(await smsFromPhone(smsc, INGRID, text)).toBe(0);
    await eventually(() => textsTo(smsc, INGRID).length > 0, 'the receipt SMS');
    await new Promise((r) => setTimeout(r, 1500));
    expect(textsTo(smsc, INGRID)).toHaveLength(1);
    expect(await requestCount()).toBe(before + 1);
    const request = (await openRequests()).find((r) => r.patient?.name === 'Ingrid Solberg');
    expect(request?.message).toBe('Trenger time før jul');
  });

  it('reception rejects a request: the sender is asked to call, and the reason stays with reception', async () => {
    const request = (await openRequests()).find((r) => r.patient?.name === 'Ingrid Solberg')!;
    const res = await tone.fetch(`/api/staff/booking-requests/${request.id}/reject`, { method: 'POST', json: { reason: 'Trenger hjemmebesøk' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ requestId: request.id, status: 'rejected' });
    const answer = await eventually(() => textsTo(smsc, INGRID).find((t) => t.includes('kunne ikke sette opp timen')), 'the rejection SMS');
    expect(answer).toBe('Nettlege: Fjordbyen legekontor kunne ikke sette opp timen du ba om på SMS. Ring legekontoret på +47 55 00 00 00 for å avtale time.');
    const row = (await server.database.owner.query(`SELECT status, handled_note FROM booking_requests WHERE id = $1`, [request.id])).rows[0];
    expect(row).toEqual({ status: 'rejected', handled_note: 'Trenger hjemmebesøk' });
    expect((await tone.fetch(`/api/staff/booking-requests/${request.id}/reject`, { method: 'POST', json: {} })).status).toBe(409);
  });
});
