// Clinic statistics through the real server on real PostgreSQL: a known day rolled up into anonymous counts, the weekly
// figures the clinic admin reads, and those figures outliving the deletion of the day's communication.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { startTestServer, type Browser, type TestServer } from '../../../test/server.ts';
import { demoClinicId, demoPractitionerId, logInDemoPeople, type DemoKey } from '../../../test/people.ts';
import { JobQueue } from '../platform/jobs/queue.ts';
import { defineStatsJobs, rollupDay, rollupDue, runDaily, scheduleStatsRollup, ROLLUP_QUEUE } from './rollup.ts';

/** Tuesday 10 November 2026 in Oslo (UTC+1): local 09:00 is 08:00Z. */
const DAY = '2026-11-10';
const at = (hhmm: string, day = DAY) => `${day}T${hhmm}:00Z`;

describe('clinic statistics', () => {
  let server: TestServer;
  let b: Record<DemoKey, Browser>;
  let ids: Record<DemoKey, string>;
  let fjordbyen = '';
  let nordlys = '';
  let lise = '';
  let per = '';
  const q = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) => (await server.database.owner.query(text, params)).rows as T[];
  const stored = () => q(`SELECT day::text, metric, dimension, value::int FROM clinic_daily_stats WHERE clinic_id = $1 AND day = $2 ORDER BY metric, dimension`, [fjordbyen, DAY]);
  const statistics = async (who: Browser, clinicId: string, from = '2026-11-09', to = '2026-11-15') => {
    const res = await who.fetch(`/api/admin/statistics?clinicId=${clinicId}&from=${from}&to=${to}`);
    return { status: res.status, body: await res.json() };
  };

  const appointment = async (practitioner: string, patient: string, type: string, status: string, startsAt: string) => {
    const [row] = await q<{ id: string }>(
      `INSERT INTO appointments (clinic_id, practitioner_id, patient_id, booked_by, visit_type, starts_at, ends_at, blocked_until, status)
       VALUES ($1, $2, $3, $3, $4, $5::timestamptz, $5::timestamptz + interval '15 minutes', $5::timestamptz + interval '15 minutes', $6) RETURNING id`,
      [fjordbyen, practitioner, patient, type, startsAt, status],
    );
    return row!.id;
  };
  const econsultCase = (submitted: string, answered: string | null) =>
    q(
      `INSERT INTO econsult_cases (clinic_id, patient_id, submitted_by, status, screening_version, reason_id, patient_age, submitted_at, due_at, first_response_at, closed_at, outcome)
       VALUES ($1, $2, $2, 'closed', 1, 'rash', 68, $3, $3::timestamptz + interval '1 day', $4, coalesce($4, $3::timestamptz + interval '2 days'), 'advice')`,
      [fjordbyen, ids.ola, submitted, answered],
    );
  const thread = async (kind: string, patient: string, createdAt: string, messages: Array<[string, string, string]>) => {
    const [t] = await q<{ id: string }>(
      `INSERT INTO message_threads (clinic_id, patient_id, kind, subject, created_by, created_at, last_message_at) VALUES ($1, $2, $3, 'Spørsmål', $2, $4, $4) RETURNING id`,
      [fjordbyen, patient, kind, createdAt],
    );
    for (const [author, role, when] of messages) {
      await q(`INSERT INTO thread_messages (thread_id, author_id, author_role, body, created_at) VALUES ($1, $2, $3, 'Tekst', $4)`, [t!.id, author, role, when]);
    }
  };

  beforeAll(async () => {
    server = await startTestServer({ RATE_LIMIT_PER_MINUTE: '100000' });
    // The server's own daily roll-up runs once at start; let it finish first, or it races with the tests' own days.
    for (const t0 = Date.now(); ; ) {
      const pending = await q(`SELECT 1 FROM pgboss.job WHERE name = $1 AND state IN ('created', 'retry', 'active') AND start_after <= now()`, [ROLLUP_QUEUE]);
      if (pending.length === 0) break;
      if (Date.now() - t0 > 30_000) throw new Error('the start-up statistics roll-up did not finish within 30 s');
      await new Promise((r) => setTimeout(r, 100));
    }
    ({ b, ids } = await logInDemoPeople(server));
    fjordbyen = await demoClinicId(server.database.owner, 'Fjordbyen legekontor');
    nordlys = await demoClinicId(server.database.owner, 'Nordlys nettklinikk');
    lise = await demoPractitionerId(server.database.owner, 'Lise Berg');
    per = await demoPractitionerId(server.database.owner, 'Per Olsen');

    // Appointments: three at the office (one a no-show, one at 00:30 Oslo time, still the 9th in UTC), two by video,
    // one by phone cancelled.
    await appointment(lise, ids.ola, 'clinic', 'completed', at('08:00'));
    await appointment(lise, ids.kari, 'clinic', 'no_show', at('09:00'));
    const video1 = await appointment(per, ids.ingrid, 'video', 'completed', at('08:00'));
    const video2 = await appointment(lise, ids.jonas, 'video', 'completed', at('12:00'));
    await appointment(per, ids.ola, 'phone', 'cancelled', at('10:00'));
    await appointment(per, ids.kari, 'clinic', 'completed', at('23:30', '2026-11-09'));
    // Video: both calls started, one ended as completed, the other never properly ended.
    await q(`INSERT INTO video_rooms (appointment_id, clinic_id, appointment_version, started_at, ended_at, ended_reason) VALUES ($1, $2, 1, $3, $4, 'completed')`, [video1, fjordbyen, at('08:01'), at('08:20')]);
    await q(`INSERT INTO video_rooms (appointment_id, clinic_id, appointment_version, started_at) VALUES ($1, $2, 1, $3)`, [video2, fjordbyen, at('12:02')]);
    // Drop-in: waits of 3, 8, 12, 25 and 200 minutes.
    for (const [i, wait] of [3, 8, 12, 25, 200].entries()) {
      const taken = `${DAY}T${String(9 + i).padStart(2, '0')}:30:00Z`;
      await q(`INSERT INTO dropin_entries (clinic_id, patient_id, joined_by, visit_type, status, joined_at, taken_at, taken_by) VALUES ($1, $2, $2, 'video', 'taken', $3::timestamptz - make_interval(mins => $4), $3, $5)`, [fjordbyen, ids.ola, taken, wait, lise]);
    }
    // E-consultations: in at 10:00 answered at 14:00; in at 19:00 answered the next morning; in at 20:30 (after the
    // cut-off); and one purged already, in at 11:00 and answered at 12:00.
    await econsultCase(at('09:00'), at('13:00'));
    await econsultCase(at('18:00'), at('07:00', '2026-11-11'));
    await econsultCase(at('19:30'), at('08:00', '2026-11-11'));
    await q(`INSERT INTO econsult_statistics (clinic_id, reason_id, submitted_at, first_response_at, closed_at, outcome, photo_count) VALUES ($1, 'rash', $2, $3, $3, 'advice', 0)`, [fjordbyen, at('10:00'), at('11:00')]);
    // Messages: answered after 3 hours by reception, after 21 hours by a clinician; a letter is no answer.
    await thread('admin', ids.ola, at('08:00'), [[ids.ola, 'patient', at('08:00')], [ids.tone, 'office', at('11:00')], [ids.tone, 'office', at('12:00')]]);
    await thread('clinical', ids.kari, at('10:00', '2026-11-09'), [[ids.kari, 'patient', at('10:00', '2026-11-09')], [ids.lise, 'clinician', at('07:00')]]);
    await thread('letter', ids.ingrid, at('09:00'), [[ids.per, 'office', at('09:00')]]);
  });
  afterAll(async () => server?.stop());

  it('rolls a day up into anonymous counts, and the same rollup twice leaves the same rows', async () => {
    await rollupDay(server.database.db, fjordbyen, DAY);
    const first = await stored();
    expect(first).toEqual([
      { day: DAY, metric: 'appointments', dimension: 'clinic:completed', value: 2 },
      { day: DAY, metric: 'appointments', dimension: 'clinic:no_show', value: 1 },
      { day: DAY, metric: 'appointments', dimension: 'phone:cancelled', value: 1 },
      { day: DAY, metric: 'appointments', dimension: 'video:completed', value: 2 },
      { day: DAY, metric: 'dropin.wait', dimension: '10', value: 1 },
      { day: DAY, metric: 'dropin.wait', dimension: '15', value: 1 },
      { day: DAY, metric: 'dropin.wait', dimension: '240', value: 1 },
      { day: DAY, metric: 'dropin.wait', dimension: '30', value: 1 },
      { day: DAY, metric: 'dropin.wait', dimension: '5', value: 1 },
      { day: DAY, metric: 'econsult.same_day', dimension: '', value: 2 },
      { day: DAY, metric: 'econsult.submitted', dimension: 'after_cutoff', value: 1 },
      { day: DAY, metric: 'econsult.submitted', dimension: 'before_cutoff', value: 3 },
      { day: DAY, metric: 'messages.answer', dimension: '24', value: 1 },
      { day: DAY, metric: 'messages.answer', dimension: '4', value: 1 },
      { day: DAY, metric: 'rollup.done', dimension: '', value: 1 },
      { day: DAY, metric: 'video.completed', dimension: '', value: 1 },
      { day: DAY, metric: 'video.started', dimension: '', value: 2 },
    ]);
    // Counts only: no column could hold a person or a text.
    const columns = await q<{ column_name: string }>(`SELECT column_name FROM information_schema.columns WHERE table_name = 'clinic_daily_stats' ORDER BY ordinal_position`);
    expect(columns.map((c) => c.column_name)).toEqual(['clinic_id', 'day', 'metric', 'dimension', 'value', 'rolled_up_at']);
    await rollupDay(server.database.db, fjordbyen, DAY);
    expect(await stored()).toEqual(first);
  });

  it('gives the clinic admin the week: bookings per visit type, no-shows, drop-in p50/p90, same-day answers, video and messages', async () => {
    const res = await statistics(b.per, fjordbyen);
    expect(res.status).toBe(200);
    expect(res.body.weeks).toHaveLength(1);
    expect(res.body.weeks[0]).toEqual({
      week: '2026-W46',
      monday: '2026-11-09',
      bookings: { clinic: 3, video: 2, phone: 0 },
      cancelled: 1,
      noShows: 1,
      noShowRate: 0.2,
      dropinTaken: 5,
      dropinWaitP50: 15,
      dropinWaitP90: 240,
      econsultSubmitted: 4,
      econsultDueSameDay: 3,
      econsultAnsweredSameDay: 2,
      videoStarted: 2,
      videoCompleted: 1,
      messagesAnswered: 2,
      messageAnswerMedianHours: 4,
    });
  });

  it('keeps the statistics when the day’s communication is deleted, and the daily job does not redo a rolled-up day', async () => {
    const before = await statistics(b.per, fjordbyen);
    const ofTheDay = `clinic_id = $1 AND created_at < '2026-11-12'`;
    await q(`DELETE FROM thread_reads WHERE thread_id IN (SELECT id FROM message_threads WHERE ${ofTheDay})`, [fjordbyen]);
    await q(`DELETE FROM thread_messages WHERE thread_id IN (SELECT id FROM message_threads WHERE ${ofTheDay})`, [fjordbyen]);
    await q(`DELETE FROM message_threads WHERE ${ofTheDay}`, [fjordbyen]);
    await q(`DELETE FROM econsult_cases WHERE clinic_id = $1 AND submitted_at < '2026-11-12'`, [fjordbyen]);
    await q(`DELETE FROM econsult_statistics WHERE clinic_id = $1`, [fjordbyen]);
    await q(`DELETE FROM video_rooms WHERE clinic_id = $1 AND started_at < '2026-11-12'`, [fjordbyen]);
    await q(`DELETE FROM dropin_entries WHERE clinic_id = $1 AND taken_at < '2026-11-12'`, [fjordbyen]);
    expect(await statistics(b.per, fjordbyen)).toEqual(before);

    // The clinic has existed since 1 November: the job rolls up the days missing before 12 November, not the 10th again.
    await q(`UPDATE clinics SET created_at = '2026-11-01T12:00:00Z' WHERE id = $1`, [fjordbyen]);
    expect(await rollupDue(server.database.db, new Date('2026-11-12T02:00:00Z'))).toBe(10);
    expect(await rollupDue(server.database.db, new Date('2026-11-12T02:00:00Z'))).toBe(0);
    expect(await statistics(b.per, fjordbyen)).toEqual(before);
    const days = await q<{ n: number }>(`SELECT count(*)::int AS n FROM clinic_daily_stats WHERE clinic_id = $1 AND metric = 'rollup.done'`, [fjordbyen]);
    expect(days[0]!.n).toBe(11);
  });

  it('runs the daily job once per date: a second chain finds its date taken and sends no next run', async () => {
    const jobs = new JobQueue(server.databaseUrl, pino({ level: 'silent' }), false);
    defineStatsJobs(jobs, { db: server.database.db, log: pino({ level: 'silent' }) });
    await jobs.start();
    try {
      const deps = { db: server.database.db, jobs, log: pino({ level: 'silent' }) };
      expect(await runDaily(deps, '2026-11-12', new Date('2026-11-12T02:00:00Z'))).toBe('ran');
      expect(await runDaily(deps, '2026-11-12', new Date('2026-11-12T02:00:00Z'))).toBe('taken');
      const next = await q<{ data: { runDate: string }; start_after: Date }>(`SELECT data, start_after FROM pgboss.job WHERE name = $1 AND data->>'runDate' = '2026-11-13'`, [ROLLUP_QUEUE]);
      expect(next).toEqual([{ data: { runDate: '2026-11-13' }, start_after: new Date('2026-11-13T02:00:00Z') }]);
    } finally {
      await jobs.stop();
    }
  });

  it('starts the daily chain at startup from the job queue: today’s run is made, and tomorrow’s is sent', async () => {
    const log = pino({ level: 'silent' });
    const jobs = new JobQueue(server.databaseUrl, log);
    defineStatsJobs(jobs, { db: server.database.db, log });
    await jobs.start();
    try {
      const today = new Date().toISOString().slice(0, 10);
      await scheduleStatsRollup(jobs);
      for (let i = 0; i < 100 && (await q(`SELECT 1 FROM stats_rollup_runs WHERE run_date = $1`, [today])).length === 0; i++) await new Promise((r) => setTimeout(r, 100));
      expect(await q(`SELECT run_date::text FROM stats_rollup_runs WHERE run_date = $1`, [today])).toEqual([{ run_date: today }]);
      const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      expect(await q(`SELECT 1 FROM pgboss.job WHERE name = $1 AND data->>'runDate' = $2`, [ROLLUP_QUEUE, tomorrow])).toHaveLength(1);
    } finally {
      await jobs.stop();
    }
  });

  it('refuses a clinician who is not admin, a patient, and another clinic’s admin', async () => {
    expect((await statistics(b.lise, fjordbyen)).status).toBe(403);
    expect((await statistics(b.ola, fjordbyen)).status).toBe(403);
    expect((await statistics(b.anna, fjordbyen)).status).toBe(404);
    expect((await statistics(b.per, nordlys)).status).toBe(404);
    expect((await b.per.fetch(`/api/admin/statistics?clinicId=${fjordbyen}&from=2024-01-01&to=2026-11-15`)).status).toBe(400);
  });

  it('a visit marked a no-show after its day was rolled up moves its count, in the same transaction', async () => {
    const count = async (dimension: string) => (await q<{ value: number }>(`SELECT value::int FROM clinic_daily_stats WHERE clinic_id = $1 AND day = $2 AND metric = 'appointments' AND dimension = $3`, [fjordbyen, DAY, dimension]))[0]?.value ?? 0;
    const before = { completed: await count('clinic:completed'), noShow: await count('clinic:no_show') };
    const [visit] = await q<{ id: string }>(`SELECT id FROM appointments WHERE clinic_id = $1 AND visit_type = 'clinic' AND status = 'completed' AND (starts_at AT TIME ZONE 'Europe/Oslo')::date = $2 LIMIT 1`, [fjordbyen, DAY]);
    await q(`UPDATE appointments SET status = 'no_show' WHERE id = $1`, [visit!.id]);
    expect({ completed: await count('clinic:completed'), noShow: await count('clinic:no_show') }).toEqual({ completed: before.completed - 1, noShow: before.noShow + 1 });
    // The same rollup again agrees with the moved counts.
    await rollupDay(server.database.db, fjordbyen, DAY);
    expect({ completed: await count('clinic:completed'), noShow: await count('clinic:no_show') }).toEqual({ completed: before.completed - 1, noShow: before.noShow + 1 });
    await q(`UPDATE appointments SET status = 'completed' WHERE id = $1`, [visit!.id]);
    expect({ completed: await count('clinic:completed'), noShow: await count('clinic:no_show') }).toEqual(before);
  });
});
