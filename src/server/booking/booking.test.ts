// Booking through the real HTTP layer and PostgreSQL: free times, book, idempotency, cancel, reschedule, cut-off, proxies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, startTestServer, type TestServer } from '../../../test/server.ts';
import { demoPerson, demoClinicId, demoPractitionerId } from '../../../test/people.ts';
import { localDate } from '../../shared/time.ts';
import { yearsBefore } from '../demo/seed.ts';
import { syntheticNationalId } from '../demo/synthetic-ids.ts';

interface SlotJson { practitionerId: string; start: string; end: string; visitType: string }

describe('booking', () => {
  let server: TestServer;
  let kari: Browser;
  let clinicId = '';
  let lise = '';

  const slots = async (b: Browser, query: string): Promise<SlotJson[]> => (await (await b.fetch(`/api/availability?${query}`)).json()).slots;
  const future = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

  beforeAll(async () => {
    server = await startTestServer();
    const o = server.database.owner;
    clinicId = await demoClinicId(o, 'Fjordbyen legekontor');
    lise = await demoPractitionerId(o, 'Lise Berg');
    kari = new Browser(server.url);
    await kari.login((await demoPerson(o, 'Kari Nordmann')).nationalId);
  });
  afterAll(async () => server?.stop());

  it('lists free times in the clinic\'s zone, inside opening hours and outside lunch', async () => {
    const free = await slots(kari, `clinicId=${clinicId}&practitionerId=${lise}&visitType=video&from=${future(2)}&to=${future(9)}`);
    expect(free.length).toBeGreaterThan(20);
    for (const s of free) {
      expect(s.start).toMatch(/T\d{2}:\d{2}:00\.000\+0[12]:00$/);
      const hhmm = s.start.slice(11, 16);
      expect(hhmm >= '08:00' && hhmm < '15:30').toBe(true);
      expect(hhmm >= '11:30' && hhmm < '12:00').toBe(false);
      expect(s.visitType).toBe('video');
    }
  });

  it('books once per Idempotency-Key, confirms by SMS, and the slot is gone from the free times', async () => {
    const [slot] = await slots(kari, `clinicId=${clinicId}&practitionerId=${lise}&visitType=clinic&from=${future(3)}&to=${future(10)}`);
    const body = { practitionerId: lise, start: slot!.start, visitType: 'clinic', reason: 'Kontroll', interpreterLanguage: 'arabisk' };
    const first = await kari.fetch('/api/appointments', { method: 'POST', json: body, headers: { 'idempotency-key': 'kari-booking-0001' } });
    expect(first.status).toBe(201);
    const a = await first.json();
    expect(a).toMatchObject({ practitionerName: 'Lise Berg', patientName: 'Kari Nordmann', status: 'booked', interpreterLanguage: 'arabisk', start: slot!.start });
    const again = await kari.fetch('/api/appointments', { method: 'POST', json: body, headers: { 'idempotency-key': 'kari-booking-0001' } });
    expect(again.status).toBe(201);
    expect((await again.json()).id).toBe(a.id);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const n = await server.database.owner.query(`SELECT count(*)::int AS n FROM appointments WHERE patient_id = $1 AND status = 'booked'`, [a.patientId]);
    expect(n.rows[0].n).toBe(1);
    const sms = await server.database.owner.query(`SELECT body FROM notifications WHERE template = 'appointment-booked' AND person_id = $1`, [a.patientId]);
    expect(sms.rows.length).toBeGreaterThanOrEqual(1);
    expect(sms.rows[0].body).not.toContain('Kontroll');
    const after = await slots(kari, `clinicId=${clinicId}&practitionerId=${lise}&visitType=clinic&from=${future(3)}&to=${future(10)}`);
    expect(after.some((s) => s.start === slot!.start)).toBe(false);

    const ics = await kari.fetch(`/api/appointments/${a.id}/calendar.ics`);
    expect(ics.headers.get('content-type')).toContain('text/calendar');
    expect(await ics.text()).toContain('BEGIN:VEVENT');

    const cancelled = await kari.fetch(`/api/appointments/${a.id}/cancel`, { method: 'POST' });
    expect((await cancelled.json()).status).toBe('cancelled');
    const reopened = await slots(kari, `clinicId=${clinicId}&practitionerId=${lise}&visitType=clinic&from=${future(3)}&to=${future(10)}`);
    expect(reopened.some((s) => s.start === slot!.start)).toBe(true);
  });

  it('a time that is not a slot is refused, and a taken one gets 409 slot-taken', async () => {
    const odd = await kari.fetch('/api/appointments', { method: 'POST', json: { practitionerId: lise, start: '2031-01-01T03:07:00+01:00', visitType: 'clinic' } });
    expect(odd.status).toBe(409);
    expect((await odd.json()).type).toMatch(/not-available$/);
  });

  it('reschedules to another free time and a parent books for a child but not for a stranger', async () => {
    const o = server.database.owner;
    const emma = await demoPerson(o, 'Emma Nordmann');
    const ola = await demoPerson(o, 'Ola Hansen');
    const free = await slots(kari, `clinicId=${clinicId}&practitionerId=${lise}&visitType=phone&from=${future(4)}&to=${future(11)}`);
    const booked = await kari.fetch('/api/appointments', { method: 'POST', json: { practitionerId: lise, start: free[0]!.start, visitType: 'phone', patientId: emma.id } });
    expect(booked.status).toBe(201);
    const a = await booked.json();
    expect(a.patientName).toBe('Emma Nordmann');
    const moved = await kari.fetch(`/api/appointments/${a.id}/reschedule`, { method: 'POST', json: { start: free[3]!.start } });
    expect(moved.status).toBe(200);
    expect(await moved.json()).toMatchObject({ start: free[3]!.start, version: 2 });
    // A child of 16 keeps their appointments to themselves: the parent's list has the younger child's, not hers.
    const born = yearsBefore(localDate(new Date()), 16, 1);
    const sara = (await o.query(`INSERT INTO persons (national_id, national_id_kind, birth_date, name) VALUES ($1, 'synthetic', $2, 'Sara Nordmann') RETURNING id`, [syntheticNationalId(born, 4), born])).rows[0];
    await o.query('INSERT INTO guardian_relations (guardian_id, child_id) VALUES ((SELECT id FROM persons WHERE name = $1), $2)', ['Kari Nordmann', sara.id]);
    const hers = await o.query(
      `INSERT INTO appointments (clinic_id, practitioner_id, patient_id, booked_by, visit_type, starts_at, ends_at, blocked_until)
       VALUES ($1, $2, $3, $3, 'phone', now() + interval '40 days', now() + interval '40 days 15 minutes', now() + interval '40 days 15 minutes') RETURNING id`,
      [clinicId, lise, sara.id],
    );
    const list = await (await kari.fetch('/api/appointments')).json();
    const ids = list.appointments.map((x: { id: string }) => x.id);
    expect(ids).toContain(a.id);
    expect(ids).not.toContain(hers.rows[0].id);
    const stranger = await kari.fetch('/api/appointments', { method: 'POST', json: { practitionerId: lise, start: free[5]!.start, visitType: 'phone', patientId: ola.id } });
    expect(stranger.status).toBe(403);
  });

  it('after the cut-off a patient cannot cancel, but reception can', async () => {
    const o = server.database.owner;
    const ola = await demoPerson(o, 'Ola Hansen');
    const soon = new Date(Date.now() + 3 * 3600_000);
    const row = await o.query(
      `INSERT INTO appointments (clinic_id, practitioner_id, patient_id, booked_by, visit_type, starts_at, ends_at, blocked_until)
       VALUES ($1, $2, $3, $3, 'clinic', $4, $4::timestamptz + interval '15 minutes', $4::timestamptz + interval '15 minutes') RETURNING id`,
      [clinicId, lise, ola.id, soon],
    );
    const b = new Browser(server.url);
    await b.login(ola.nationalId);
    const res = await b.fetch(`/api/appointments/${row.rows[0].id}/cancel`, { method: 'POST' });
    expect(res.status).toBe(409);
    expect((await res.json()).detail).toMatch(/Ring legekontoret/);
    const tone = new Browser(server.url);
    await tone.login((await demoPerson(o, 'Tone Ås')).nationalId, 'staff');
    // The clinic's day, not the UTC one: late in the evening they differ.
    const day = await (await tone.fetch(`/api/appointments?date=${localDate(soon, 'Europe/Oslo')}`)).json();
    expect(day.appointments.some((x: { id: string }) => x.id === row.rows[0].id)).toBe(true);
    const byReception = await tone.fetch(`/api/appointments/${row.rows[0].id}/cancel`, { method: 'POST' });
    expect(byReception.status).toBe(200);
  });
});
