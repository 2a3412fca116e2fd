// A patient's booking is sent as one round trip of statements (platform/db/pipeline.ts): it must write all it writes
// (the appointment, its idempotency key, the audit entry, the reminders, the confirmation and its send job) or nothing,
// and what it cannot settle itself (a repeat of the same key racing it) must still end as one booking.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, startTestServer, type TestServer } from '../../../test/server.ts';
import { demoClinicId, demoPerson, demoPractitionerId } from '../../../test/people.ts';

interface SlotJson { practitionerId: string; start: string; visitType: string }

describe('booking in one round trip', () => {
  let server: TestServer;
  let clinicId = '';
  let lise = '';
  const future = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
  const q = async (text: string, values: unknown[]) => (await server.database.owner.query(text, values)).rows;

  const login = async (name: string) => {
    const b = new Browser(server.url);
    await b.login((await demoPerson(server.database.owner, name)).nationalId);
    return b;
  };
  const freeTimes = async (b: Browser, days: number): Promise<SlotJson[]> =>
    (await (await b.fetch(`/api/availability?clinicId=${clinicId}&practitionerId=${lise}&visitType=clinic&from=${future(days)}&to=${future(days + 7)}`)).json()).slots;
  const book = (b: Browser, slot: SlotJson, key: string, patientId?: string) =>
    b.fetch('/api/appointments', { method: 'POST', json: { practitionerId: slot.practitionerId, start: slot.start, visitType: slot.visitType, ...(patientId ? { patientId } : {}) }, headers: { 'idempotency-key': key } });

  beforeAll(async () => {
    server = await startTestServer();
    clinicId = await demoClinicId(server.database.owner, 'Fjordbyen legekontor');
    lise = await demoPractitionerId(server.database.owner, 'Lise Berg');
  });
  afterAll(async () => server?.stop());

  it('writes the appointment with its reminders, its confirmation and the confirmation\'s send job, and for a child the parent\'s access to the audit log', async () => {
    const kari = await login('Kari Nordmann');
    const emma = await demoPerson(server.database.owner, 'Emma Nordmann');
    const [slot] = await freeTimes(kari, 20);
    const res = await book(kari, slot!, 'one-trip-child-0001', emma.id);
    expect(res.status).toBe(201);
    const a = await res.json();
    expect(a.patientName).toBe('Emma Nordmann');
    const reminders = await q(`SELECT data->>'offsetMinutes' AS m FROM pgboss.job WHERE name = 'booking.reminder' AND data->>'appointmentId' = $1 ORDER BY 1`, [a.id]);
    expect(reminders.map((r) => r.m)).toEqual(['120', '1440']);
    // Emma has no phone: the parent who booked hears, on each channel she has.
    const notices = await q(`SELECT n.id, n.channel, n.person_id FROM notifications n WHERE n.idempotency_key LIKE $1 ORDER BY channel`, [`%:appointment-booked:${a.id}:1`]);
    expect(notices.map((n) => n.channel)).toEqual(['email', 'sms']);
    for (const n of notices) {
      const jobs = await q(`SELECT 1 FROM pgboss.job WHERE name = 'notification.send' AND data->>'notificationId' = $1`, [n.id]);
      expect(jobs).toHaveLength(1);
    }
    const audit = await q(`SELECT actor_kind FROM audit_log WHERE action = 'appointment.book' AND subject_person_id = $1`, [emma.id]);
    expect(audit).toEqual([{ actor_kind: 'guardian' }]);
  });

  it('sends nothing on a channel the patient has withdrawn consent to, and leaves no job for it', async () => {
    const ola = await demoPerson(server.database.owner, 'Ola Hansen');
    await q(`INSERT INTO consents (person_id, kind, given, text_version, changed_by) VALUES ($1, 'sms', false, 'v1', $1), ($1, 'email', false, 'v1', $1)
             ON CONFLICT (person_id, kind) DO UPDATE SET given = false`, [ola.id]);
    const b = await login('Ola Hansen');
    const [slot] = await freeTimes(b, 28);
    const res = await book(b, slot!, 'one-trip-consent-0001');
    expect(res.status).toBe(201);
    const a = await res.json();
    expect(await q(`SELECT 1 FROM notifications WHERE idempotency_key LIKE $1`, [`%:appointment-booked:${a.id}:1`])).toHaveLength(0);
    const orphans = await q(`SELECT 1 FROM pgboss.job j WHERE j.name = 'notification.send' AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.id = (j.data->>'notificationId')::uuid)`, []);
    expect(orphans).toHaveLength(0);
  });

  it('repeats of one key sent at once end as one booking, answered alike; used for another time, nothing of that booking remains', async () => {
    const kari = await login('Kari Nordmann');
    const free = await freeTimes(kari, 36);
    const same = await Promise.all(Array.from({ length: 8 }, () => book(kari, free[0]!, 'one-trip-repeat-0001')));
    expect(same.map((r) => r.status)).toEqual(Array(8).fill(201));
    const ids = new Set(await Promise.all(same.map(async (r) => (await r.json()).id)));
    expect(ids.size).toBe(1);
    // The same key for other times at once: one of them is booked, the others are refused and leave nothing behind
    // (their appointment was written in the same round trip as the key that refused them, and went with it).
    const other = await Promise.all(free.slice(2, 8).map((s) => book(kari, s, 'one-trip-reused-0001')));
    expect(other.filter((r) => r.status === 201)).toHaveLength(1);
    const refused = other.filter((r) => r.status !== 201);
    for (const r of refused) expect((await r.json()).type).toMatch(/idempotency-key-reused$/);
    const kariId = (await demoPerson(server.database.owner, 'Kari Nordmann')).id;
    const booked = await q(`SELECT count(*)::int AS n FROM appointments WHERE booked_by = $1 AND status = 'booked' AND starts_at = ANY($2::timestamptz[])`, [kariId, free.slice(0, 8).map((s) => s.start)]);
    expect(booked[0].n).toBe(2);
  });
});
