// Reminders come from the durable job queue at 24 h and 2 h before; moved or cancelled appointments send none, repeats send once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, startTestServer, type TestServer } from '../../../test/server.ts';
import { demoPerson, demoClinicId, demoPractitionerId } from '../../../test/people.ts';

describe('appointment reminders', () => {
  let server: TestServer;
  let ola: Browser;
  let clinicId = '';
  let per = '';
  let olaId = '';

  const reminderJobs = async (appointmentId: string) =>
    (await server.database.owner.query(`SELECT id, data, start_after FROM pgboss.job WHERE name = 'booking.reminder' AND data->>'appointmentId' = $1 ORDER BY start_after`, [appointmentId])).rows;
  const dueNow = (appointmentId: string) =>
    server.database.owner.query(`UPDATE pgboss.job SET start_after = now() WHERE name = 'booking.reminder' AND data->>'appointmentId' = $1`, [appointmentId]);
  const reminders = async () =>
    (await server.database.owner.query(`SELECT idempotency_key, state, body FROM notifications WHERE template = 'appointment-reminder' AND person_id = $1 ORDER BY created_at, idempotency_key`, [olaId])).rows;
  const settle = async (expected: number) => {
    for (let i = 0; i < 100; i++) {
      const rows = await reminders();
      if (rows.length >= expected && rows.every((r) => r.state === 'delivered')) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    // A little longer, so a reminder that should not come has its chance to.
    await new Promise((r) => setTimeout(r, 1500));
    return reminders();
  };

  beforeAll(async () => {
    server = await startTestServer();
    const o = server.database.owner;
    clinicId = await demoClinicId(o, 'Fjordbyen legekontor');
    per = await demoPractitionerId(o, 'Per Olsen');
    const p = await demoPerson(o, 'Ola Hansen');
    olaId = p.id;
    ola = new Browser(server.url);
    await ola.login(p.nationalId);
  });
  afterAll(async () => server?.stop());

  const freeTimes = async () => {
    const from = new Date(Date.now() + 3 * 86_400_000).toISOString();
    return (await (await ola.fetch(`/api/availability?clinicId=${clinicId}&practitionerId=${per}&visitType=phone&from=${from}`)).json()).slots as Array<{ start: string }>;
  };

  it('booking schedules the clinic\'s two reminders, and each goes out once when due', async () => {
    const [slot] = await freeTimes();
    const a = await (await ola.fetch('/api/appointments', { method: 'POST', json: { practitionerId: per, start: slot!.start, visitType: 'phone' } })).json();
    const jobs = await reminderJobs(a.id);
    expect(jobs.map((j) => j.data.offsetMinutes)).toEqual([1440, 120]);
    const start = new Date(a.start).getTime();
    expect(new Date(jobs[0].start_after).getTime()).toBe(start - 1440 * 60_000);
    expect(new Date(jobs[1].start_after).getTime()).toBe(start - 120 * 60_000);

    await dueNow(a.id);
    const sent = await settle(2);
    expect(sent).toHaveLength(2);
    expect(sent.every((r) => r.state === 'delivered' && !/\d{11}/.test(r.body))).toBe(true);
    // A reminder is dropped rather than sent once the appointment has begun (a send retried past it).
    const validity = (await server.database.owner.query(`SELECT DISTINCT valid_until FROM notifications WHERE template = 'appointment-reminder' AND person_id = $1`, [olaId])).rows;
    expect(validity.map((r) => new Date(r.valid_until).getTime())).toEqual([start]);

    // The same reminder job again (a retry, a duplicate) sends nothing more.
    await server.database.owner.query(
      `INSERT INTO pgboss.job (name, data, start_after) SELECT name, data, now() FROM pgboss.job WHERE name = 'booking.reminder' AND data->>'appointmentId' = $1`,
      [a.id],
    );
    expect(await settle(2)).toHaveLength(2);
  });

  it('a moved appointment is reminded at its new time only, and a cancelled one not at all', async () => {
    const before = (await reminders()).length;
    const times = await freeTimes();
    const moved = await (await ola.fetch('/api/appointments', { method: 'POST', json: { practitionerId: per, start: times[2]!.start, visitType: 'phone' } })).json();
    await ola.fetch(`/api/appointments/${moved.id}/reschedule`, { method: 'POST', json: { start: times[4]!.start } });
    const jobs = await reminderJobs(moved.id);
    expect(jobs.map((j) => `${j.data.version}:${j.data.offsetMinutes}`).sort()).toEqual(['1:120', '1:1440', '2:120', '2:1440']);

    const cancelled = await (await ola.fetch('/api/appointments', { method: 'POST', json: { practitionerId: per, start: times[6]!.start, visitType: 'phone' } })).json();
    await ola.fetch(`/api/appointments/${cancelled.id}/cancel`, { method: 'POST' });

    await dueNow(moved.id);
    await dueNow(cancelled.id);
    const after = await settle(before + 2);
    const fresh = after.slice(before);
    expect(fresh).toHaveLength(2);
    expect(fresh.every((r) => String(r.idempotency_key).includes(`${moved.id}:2:`))).toBe(true);
  });
});
