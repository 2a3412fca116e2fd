// SQL for clinic statistics: reading one clinic's local day from the live tables (read only, counts and durations,
// never who or what), and writing and reading the anonymous daily counts. A reporting read across capabilities'
// tables, like the settlement's: going through each service would mean one round trip per row.
import { sql } from 'kysely';
import type { Db, Tx } from '../platform/db/database.ts';
import type { DailyCount } from './domain.ts';
import type { StatsTables } from './schema.ts';

type Conn = Db | Tx;
const t = (db: Conn) => db.withTables<StatsTables>();

export interface StatsClinic {
  id: string;
  timeZone: string;
  /** HH:MM:SS: e-consultations in before it are due the same day. */
  econsultCutoff: string;
  createdDay: string;
}

async function clinicRows(db: Conn, clinicId: string | null): Promise<StatsClinic[]> {
  const r = await sql<{ id: string; time_zone: string; econsult_cutoff: string; created_day: string }>`
    SELECT id, time_zone, econsult_cutoff::text AS econsult_cutoff, (created_at AT TIME ZONE time_zone)::date::text AS created_day
      FROM clinics WHERE ${clinicId}::uuid IS NULL OR id = ${clinicId}::uuid ORDER BY id`.execute(db);
  return r.rows.map((c) => ({ id: c.id, timeZone: c.time_zone, econsultCutoff: c.econsult_cutoff, createdDay: c.created_day }));
}

export const clinics = (db: Conn) => clinicRows(db, null);
export const clinic = async (db: Conn, clinicId: string): Promise<StatsClinic | undefined> => (await clinicRows(db, clinicId))[0];

/** The local day [start, end) as instants: DST days are 23 or 25 hours long. */
const bounds = (day: string, tz: string) => ({
  start: sql`(${day}::date::timestamp AT TIME ZONE ${tz})`,
  end: sql`((${day}::date + 1)::timestamp AT TIME ZONE ${tz})`,
});

/** Appointments starting that day, by visit type and status. */
export async function appointmentCounts(db: Conn, c: StatsClinic, day: string): Promise<Array<{ dimension: string; n: number }>> {
  const { start, end } = bounds(day, c.timeZone);
  const r = await sql<{ dimension: string; n: number }>`
    SELECT visit_type || ':' || status AS dimension, count(*)::int AS n FROM appointments
     WHERE clinic_id = ${c.id} AND starts_at >= ${start} AND starts_at < ${end} GROUP BY 1`.execute(db);
  return r.rows;
}

/** Minutes each drop-in patient taken that day had waited. */
export async function dropinWaits(db: Conn, c: StatsClinic, day: string): Promise<number[]> {
  const { start, end } = bounds(day, c.timeZone);
  const r = await sql<{ minutes: number }>`
    SELECT extract(epoch FROM taken_at - joined_at)::float8 / 60 AS minutes FROM dropin_entries
     WHERE clinic_id = ${c.id} AND taken_at >= ${start} AND taken_at < ${end}`.execute(db);
  return r.rows.map((x) => x.minutes);
}

/**
 * E-consultations submitted that day, live or already purged (their anonymous row): how many came in before the cut-off
 * and how many of those had the clinic's first answer before the day ended (the same-day promise).
 */
export async function econsultCounts(db: Conn, c: StatsClinic, day: string): Promise<{ beforeCutoff: number; afterCutoff: number; sameDay: number }> {
  const { start, end } = bounds(day, c.timeZone);
  const r = await sql<{ before_cutoff: number; after_cutoff: number; same_day: number }>`
    WITH cases AS (
      SELECT submitted_at, first_response_at FROM econsult_cases
       WHERE clinic_id = ${c.id} AND submitted_at >= ${start} AND submitted_at < ${end}
      UNION ALL
      SELECT submitted_at, first_response_at FROM econsult_statistics
       WHERE clinic_id = ${c.id} AND submitted_at >= ${start} AND submitted_at < ${end}
    ), marked AS (
      SELECT (submitted_at AT TIME ZONE ${c.timeZone})::time < ${c.econsultCutoff}::time AS before_cutoff, first_response_at FROM cases
    )
    SELECT count(*) FILTER (WHERE before_cutoff)::int AS before_cutoff,
           count(*) FILTER (WHERE NOT before_cutoff)::int AS after_cutoff,
           count(*) FILTER (WHERE before_cutoff AND first_response_at < ${end})::int AS same_day
      FROM marked`.execute(db);
  const row = r.rows[0]!;
  return { beforeCutoff: row.before_cutoff, afterCutoff: row.after_cutoff, sameDay: row.same_day };
}

/** Video rooms whose call started that day, and how many of those ended as completed. */
export async function videoCounts(db: Conn, c: StatsClinic, day: string): Promise<{ started: number; completed: number }> {
  const { start, end } = bounds(day, c.timeZone);
  const r = await sql<{ started: number; completed: number }>`
    SELECT count(*)::int AS started, count(*) FILTER (WHERE ended_reason = 'completed')::int AS completed FROM video_rooms
     WHERE clinic_id = ${c.id} AND started_at >= ${start} AND started_at < ${end}`.execute(db);
  return r.rows[0]!;
}

/** Hours from a patient's new thread to the clinic's first answer, for the threads first answered that day. */
export async function messageAnswerHours(db: Conn, c: StatsClinic, day: string): Promise<number[]> {
  const { start, end } = bounds(day, c.timeZone);
  const r = await sql<{ hours: number }>`
    SELECT extract(epoch FROM a.answered_at - t.created_at)::float8 / 3600 AS hours
      FROM message_threads t
      CROSS JOIN LATERAL (SELECT min(m.created_at) AS answered_at FROM thread_messages m
                           WHERE m.thread_id = t.id AND m.author_role IN ('office', 'clinician')) a
     WHERE t.clinic_id = ${c.id} AND t.kind <> 'letter' AND a.answered_at >= ${start} AND a.answered_at < ${end}
       AND (SELECT f.author_role FROM thread_messages f WHERE f.thread_id = t.id ORDER BY f.created_at, f.id LIMIT 1) IN ('patient', 'guardian')`.execute(db);
  return r.rows.map((x) => x.hours);
}

/** Replaces a clinic's counts of one day: the same rollup twice leaves the same rows. */
export async function replaceDay(tx: Tx, clinicId: string, day: string, rows: readonly DailyCount[]): Promise<void> {
  await t(tx).deleteFrom('clinic_daily_stats').where('clinic_id', '=', clinicId).where('day', '=', day).execute();
  if (rows.length === 0) return;
  await t(tx)
    .insertInto('clinic_daily_stats')
    .values(rows.map((r) => ({ clinic_id: clinicId, day: r.day, metric: r.metric, dimension: r.dimension, value: r.value })))
    .execute();
}

export async function countsBetween(db: Conn, clinicId: string, from: string, to: string): Promise<DailyCount[]> {
  const rows = await t(db)
    .selectFrom('clinic_daily_stats')
    .select(['day', 'metric', 'dimension', 'value'])
    .where('clinic_id', '=', clinicId)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .orderBy('day')
    .execute();
  return rows.map((r) => ({ day: r.day, metric: r.metric, dimension: r.dimension, value: Number(r.value) }));
}

/** The days in [from, to] a clinic has been rolled up for. */
export async function rolledUpDays(db: Conn, clinicId: string, from: string, to: string, doneMetric: string): Promise<Set<string>> {
  const rows = await t(db)
    .selectFrom('clinic_daily_stats')
    .select('day')
    .where('clinic_id', '=', clinicId)
    .where('metric', '=', doneMetric)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .execute();
  return new Set(rows.map((r) => r.day));
}

/** Claims a run date for the daily job; false when another chain has it already. */
export async function claimRun(db: Conn, runDate: string): Promise<boolean> {
  const r = await t(db).insertInto('stats_rollup_runs').values({ run_date: runDate }).onConflict((oc) => oc.doNothing()).returning('run_date').executeTakeFirst();
  return Boolean(r);
}
