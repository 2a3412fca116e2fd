// Schedules through the real HTTP layer and PostgreSQL: weekly rules, exceptions with their effect, who may change what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { Browser, startTestServer, type TestServer } from '../../../test/server.ts';
import { demoPerson, demoClinicId } from '../../../test/people.ts';

interface SlotJson { practitionerId: string; start: string; visitType: string }
const ZONE = 'Europe/Oslo';
const TUE_THU = [2, 4].map((weekday) => ({ weekday, startTime: '09:00', endTime: '11:00', breakStart: '10:00', breakEnd: '10:15', visitTypes: ['clinic'], slotMinutes: 30 }));

describe('schedules', () => {
  let server: TestServer;
  const as = {} as Record<'per' | 'lise' | 'tone' | 'kari', Browser>;
  let clinicId = '';
  let lise = '';
  let per = '';
  let kariId = '';

  // The start of an Oslo day `days` ahead: a window starting at this very clock time would skip the day's first
  // slots when the test runs during Oslo's working hours (it failed in CI at 08:05 Oslo time).
  const future = (days: number) => DateTime.now().setZone('Europe/Oslo').plus({ days }).startOf('day').toUTC().toISO()!;
  const slots = async (query: string): Promise<SlotJson[]> => (await (await as.kari.fetch(`/api/availability?clinicId=${clinicId}&${query}`)).json()).slots;
  const book = async (slot: SlotJson) => (await as.kari.fetch('/api/appointments', { method: 'POST', json: { practitionerId: slot.practitionerId, start: slot.start, visitType: slot.visitType } })).json();
  const status = async (id: string) => (await server.database.owner.query(`SELECT status FROM appointments WHERE id = $1`, [id])).rows[0].status;

  beforeAll(async () => {
    server = await startTestServer();
    const o = server.database.owner;
    clinicId = await demoClinicId(o, 'Fjordbyen legekontor');
    const ids = await o.query(`SELECT pr.id, p.name FROM practitioners pr JOIN persons p ON p.id = pr.person_id`);
    lise = ids.rows.find((r) => r.name === 'Lise Berg').id;
    per = ids.rows.find((r) => r.name === 'Per Olsen').id;
    for (const key of ['per', 'lise', 'tone', 'kari'] as const) as[key] = new Browser(server.url);
    const [p, l, t, k] = await Promise.all(['Per Olsen', 'Lise Berg', 'Tone Ås', 'Kari Nordmann'].map((n) => demoPerson(o, n)));
    kariId = k!.id;
    await as.per.login(p!.nationalId, 'staff', { hpr: p!.hpr! });
    await as.lise.login(l!.nationalId, 'staff', { hpr: l!.hpr! });
    await as.tone.login(t!.nationalId, 'staff');
    await as.kari.login(k!.nationalId);
  });
  afterAll(async () => server?.stop());

  it('a clinic admin sets a clinician\'s weekly rules, free times follow, and bookings outside the new hours stay booked and are listed', async () => {
    const [early] = await slots(`practitionerId=${lise}&visitType=clinic&from=${future(2)}&to=${future(9)}`);
    expect(early!.start.slice(11, 16)).toBe('08:00');
    const kept = await book(early!);

    const res = await as.per.fetch(`/api/staff/schedule/${lise}/rules`, { method: 'PUT', json: { rules: TUE_THU } });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.rules).toHaveLength(2);
    expect(body.rules[0]).toMatchObject({ weekday: 2, startTime: '09:00', endTime: '11:00', breakStart: '10:00', slotMinutes: 30, bufferMinutes: 0 });
    expect(body.outsideHours).toEqual([expect.objectContaining({ appointmentId: kept.id, patientName: 'Kari Nordmann', visitType: 'clinic', start: early!.start })]);
    expect(await status(kept.id)).toBe('booked');

    const free = await slots(`practitionerId=${lise}&from=${future(2)}&to=${future(16)}`);
    expect(free.length).toBeGreaterThan(6);
    for (const s of free) {
      expect([2, 4]).toContain(DateTime.fromISO(s.start, { setZone: true }).weekday);
      expect(['09:00', '09:30', '10:30']).toContain(s.start.slice(11, 16));
      expect(s.visitType).toBe('clinic');
    }
    const schedule = await (await as.per.fetch(`/api/staff/schedule?practitionerId=${lise}`)).json();
    expect(schedule.clinicians[0]).toMatchObject({ id: lise, name: 'Lise Berg' });
    expect(schedule.clinicians[0].rules.map((r: { weekday: number }) => r.weekday)).toEqual([2, 4]);
  });

  it('previews an exception\'s booked appointments, refuses a stale count, and on saving cancels them and tells the patient', async () => {
    const [slot] = await slots(`practitionerId=${lise}&from=${future(9)}&to=${future(16)}`);
    const a = await book(slot!);
    const day = DateTime.fromISO(slot!.start, { zone: ZONE }).startOf('day');
    const period = { startsAt: day.toISO(), endsAt: day.plus({ days: 1 }).toISO(), kind: 'sick' };

    const preview = await as.per.fetch(`/api/staff/schedule/${lise}/exceptions/preview`, { method: 'POST', json: period });
    expect(preview.status).toBe(200);
    expect((await preview.json()).affected).toEqual([{ appointmentId: a.id, start: slot!.start, patientName: 'Kari Nordmann', visitType: 'clinic' }]);
    const audit = await server.database.owner.query(`SELECT 1 FROM audit_log WHERE subject_person_id = $1 AND action = 'schedule.exception.preview'`, [kariId]);
    expect(audit.rowCount).toBeGreaterThan(0);
    const exceptionsBefore = (await server.database.owner.query(`SELECT count(*)::int AS n FROM availability_exceptions`)).rows[0].n;

    const stale = await as.per.fetch(`/api/staff/schedule/${lise}/exceptions`, { method: 'POST', json: { ...period, confirmAffected: 0 } });
    expect(stale.status).toBe(409);
    const problem = await stale.json();
    expect(problem.type).toMatch(/affected-changed$/);
    expect(problem.affected.map((x: { appointmentId: string }) => x.appointmentId)).toEqual([a.id]);
    expect((await server.database.owner.query(`SELECT count(*)::int AS n FROM availability_exceptions`)).rows[0].n).toBe(exceptionsBefore);
    expect(await status(a.id)).toBe('booked');

    const saved = await as.per.fetch(`/api/staff/schedule/${lise}/exceptions`, { method: 'POST', json: { ...period, confirmAffected: 1 } });
    expect(saved.status).toBe(201);
    const created = await saved.json();
    expect(created.cancelled.map((x: { appointmentId: string }) => x.appointmentId)).toEqual([a.id]);
    expect(await status(a.id)).toBe('cancelled');
    const sent = await server.database.owner.query(`SELECT body FROM notifications WHERE template = 'appointment-cancelled' AND person_id = $1`, [kariId]);
    expect(sent.rowCount).toBeGreaterThan(0);
    const range = `practitionerId=${lise}&from=${encodeURIComponent(period.startsAt!)}&to=${encodeURIComponent(period.endsAt!)}`;
    expect(await slots(range)).toEqual([]);
    const schedule = await (await as.tone.fetch(`/api/staff/schedule?practitionerId=${lise}`)).json();
    expect(schedule.clinicians[0].exceptions).toEqual([expect.objectContaining({ id: created.exception.id, kind: 'sick' })]);

    const removed = await as.lise.fetch(`/api/staff/schedule/exceptions/${created.exception.id}`, { method: 'DELETE' });
    expect(removed.status).toBe(204);
    expect((await slots(range)).some((s) => s.start === slot!.start)).toBe(true);
    expect(await status(a.id)).toBe('cancelled');
  });

  it('once an exception is saved, booking a time inside it is refused', async () => {
    const [slot] = await slots(`practitionerId=${lise}&from=${future(16)}&to=${future(23)}`);
    const day = DateTime.fromISO(slot!.start, { zone: ZONE }).startOf('day');
    const saved = await as.lise.fetch(`/api/staff/schedule/${lise}/exceptions`, { method: 'POST', json: { startsAt: day.toISO(), endsAt: day.plus({ days: 1 }).toISO(), kind: 'vacation', confirmAffected: 0 } });
    expect(saved.status).toBe(201);
    const late = await as.kari.fetch('/api/appointments', { method: 'POST', json: { practitionerId: slot!.practitionerId, start: slot!.start, visitType: slot!.visitType } });
    expect(late.status).toBe(409);
    expect((await late.json()).type).toMatch(/not-available$/);
    const n = await server.database.owner.query(`SELECT count(*)::int AS n FROM appointments WHERE practitioner_id = $1 AND starts_at = $2 AND status = 'booked'`, [lise, new Date(slot!.start)]);
    expect(n.rows[0].n).toBe(0);
  });

  /** Until a session of this database waits for a lock (the request under test has reached the clinician's row). */
  const someoneWaitsForALock = async () => {
    for (let i = 0; i < 200; i++) {
      const r = await server.database.owner.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
      if (r.rows[0].n > 0) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('nobody waited for the lock');
  };

  it('a booking that arrives while an exception is being saved waits for it and does not land inside it', async () => {
    const [slot] = await slots(`practitionerId=${lise}&from=${future(24)}&to=${future(31)}`);
    const day = DateTime.fromISO(slot!.start, { zone: ZONE }).startOf('day');
    const c = await server.database.owner.connect();
    try {
      // What saving an exception does, held open: the clinician's row locked, the exception written, not yet committed.
      await c.query('BEGIN');
      await c.query('SELECT id FROM practitioners WHERE id = $1 FOR UPDATE', [lise]);
      await c.query(`INSERT INTO availability_exceptions (practitioner_id, starts_at, ends_at, kind, created_by) VALUES ($1, $2, $3, 'sick', $4)`, [lise, day.toJSDate(), day.plus({ days: 1 }).toJSDate(), kariId]);
      const booking = as.kari.fetch('/api/appointments', { method: 'POST', json: { practitionerId: slot!.practitionerId, start: slot!.start, visitType: slot!.visitType } });
      await someoneWaitsForALock();
      await c.query('COMMIT');
      const late = await booking;
      expect(late.status).toBe(409);
      expect((await late.json()).type).toMatch(/not-available$/);
    } finally {
      c.release();
    }
    const n = await server.database.owner.query(`SELECT count(*)::int AS n FROM appointments WHERE practitioner_id = $1 AND starts_at = $2 AND status = 'booked'`, [lise, new Date(slot!.start)]);
    expect(n.rows[0].n).toBe(0);
  });

  it('an exception saved while a booking inside it is being made waits for the booking and finds it among the affected', async () => {
    const [slot] = await slots(`practitionerId=${lise}&from=${future(32)}&to=${future(39)}`);
    const day = DateTime.fromISO(slot!.start, { zone: ZONE }).startOf('day');
    const c = await server.database.owner.connect();
    let saving: Promise<Response> | undefined;
    try {
      // What booking does, held open: the clinician's row share-locked, the appointment written, not yet committed.
      await c.query('BEGIN');
      await c.query('SELECT id FROM practitioners WHERE id = $1 FOR SHARE', [lise]);
      await c.query(
        `INSERT INTO appointments (clinic_id, practitioner_id, patient_id, booked_by, visit_type, starts_at, ends_at, blocked_until, source)
         VALUES ($1, $2, $3, $3, $4, $5, $5::timestamptz + interval '30 minutes', $5::timestamptz + interval '30 minutes', 'web')`,
        [clinicId, lise, kariId, slot!.visitType, new Date(slot!.start)],
      );
      saving = as.lise.fetch(`/api/staff/schedule/${lise}/exceptions`, { method: 'POST', json: { startsAt: day.toISO(), endsAt: day.plus({ days: 1 }).toISO(), kind: 'sick', confirmAffected: 0 } });
      await someoneWaitsForALock();
      await c.query('COMMIT');
    } finally {
      c.release();
    }
    // The preview said none; the booking that landed meanwhile makes it one: refused with the new list, nothing saved.
    const res = await saving!;
    expect(res.status).toBe(409);
    expect((await res.json()).affected).toHaveLength(1);
    const e = await server.database.owner.query(`SELECT count(*)::int AS n FROM availability_exceptions WHERE practitioner_id = $1 AND starts_at = $2`, [lise, day.toJSDate()]);
    expect(e.rows[0].n).toBe(0);
  });

  it('a clinician changes their own schedule but not another clinician\'s', async () => {
    const others = await as.lise.fetch(`/api/staff/schedule/${per}/rules`, { method: 'PUT', json: { rules: TUE_THU } });
    expect(others.status).toBe(403);
    expect((await others.json()).type).toMatch(/not-your-schedule$/);
    const preview = await as.lise.fetch(`/api/staff/schedule/${per}/exceptions/preview`, { method: 'POST', json: { startsAt: future(30), endsAt: future(31), kind: 'other' } });
    expect(preview.status).toBe(403);
    const own = await as.lise.fetch(`/api/staff/schedule/${lise}/rules`, { method: 'PUT', json: { rules: TUE_THU } });
    expect(own.status).toBe(200);
  });

  it('reception reads the clinic\'s schedules but cannot change them', async () => {
    const read = await as.tone.fetch('/api/staff/schedule');
    expect(read.status).toBe(200);
    expect((await read.json()).clinicians.map((c: { name: string }) => c.name)).toEqual(expect.arrayContaining(['Lise Berg', 'Per Olsen', 'Mari Dahl']));
    const write = await as.tone.fetch(`/api/staff/schedule/${lise}/rules`, { method: 'PUT', json: { rules: [] } });
    expect(write.status).toBe(403);
  });

  it('refuses a break outside its block and two overlapping blocks, and keeps the old rules', async () => {
    const outside = await as.per.fetch(`/api/staff/schedule/${lise}/rules`, { method: 'PUT', json: { rules: [{ ...TUE_THU[0], breakStart: '11:30', breakEnd: '12:00' }] } });
    expect(outside.status).toBe(400);
    expect((await outside.json()).detail).toMatch(/break must lie inside/);
    const overlap = await as.per.fetch(`/api/staff/schedule/${lise}/rules`, { method: 'PUT', json: { rules: [TUE_THU[0], { ...TUE_THU[0], startTime: '10:30', endTime: '12:00', breakStart: null, breakEnd: null }] } });
    expect(overlap.status).toBe(400);
    expect((await overlap.json()).type).toMatch(/schedule-overlap$/);
    const schedule = await (await as.per.fetch(`/api/staff/schedule?practitionerId=${lise}`)).json();
    expect(schedule.clinicians[0].rules).toHaveLength(2);
  });
});
