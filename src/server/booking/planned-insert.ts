// The insert of a booking planned before its transaction: under the clinician's shared lock, only if the schedule it
// was planned from still stands, never over another booking (the exclusion constraints), in a transaction or a pipeline.
import { sql, type RawBuilder, type Selectable } from 'kysely';
import type { Db, Tx } from '../platform/db/database.ts';
import type { AppointmentTable } from '../platform/db/schema.ts';
import { DomainError } from '../platform/http/errors.ts';
import { clinicianLock } from './store.ts';

/**
 * Inserts a new booking planned before the clinician's lock was taken (call it under the shared lock): only if no
 * exception has covered the time since, and the clinician's rules are still the rows it was planned from
 * (`rulesVersion`). This statement's snapshot is taken after the lock, so an exception saved a moment ago is seen.
 * 'changed' when the schedule changed (the caller checks the slot again). A time someone else holds is the user's 409:
 * the insert does nothing on a conflict (ON CONFLICT DO NOTHING waits for a racing insert of the same time to end and
 * never deadlocks with it, as two plain inserts into an exclusion constraint can), and the constraints stay the guarantee.
 */
export async function insertPlannedAppointment(tx: Tx, a: Selectable<AppointmentTable>, rulesVersion: string[]): Promise<'booked' | 'changed'> {
  const { rows } = await plannedInsert(a, rulesVersion, sql`(SELECT ok FROM fits) AS fits, EXISTS (SELECT 1 FROM booked) AS booked`).execute(tx);
  const r = rows[0] as { fits: boolean; booked: boolean };
  if (r.booked) return 'booked';
  if (!r.fits) return 'changed';
  throw (await takenProblem(tx, a))!;
}

/** A pipelined booking failed because the time is held by someone else (or the patient is busy then). */
export const TAKEN = 'NB409';
/** A pipelined booking failed because the clinician's schedule changed since it was planned. */
export const CHANGED = 'NB412';

/**
 * The statements that book a planned appointment in a pipeline (see insertPlannedAppointment): the clinician's shared
 * lock, then the insert, which fails with TAKEN or CHANGED (migration 0027) when it booked nothing, so the statements
 * after it in the pipeline are not run.
 */
export function plannedBookingStatements(db: Db, a: Selectable<AppointmentTable>, rulesVersion: string[]) {
  return [clinicianLock(a.practitioner_id, 'SHARE').compile(db), plannedInsert(a, rulesVersion, sql`booking_outcome((SELECT ok FROM fits), EXISTS (SELECT 1 FROM booked))`).compile(db)];
}

function plannedInsert(a: Selectable<AppointmentTable>, rulesVersion: string[], outcome: RawBuilder<unknown>) {
  return sql`
    WITH fits AS (
      SELECT NOT EXISTS (SELECT 1 FROM availability_exceptions e WHERE e.practitioner_id = ${a.practitioner_id} AND e.starts_at < ${a.blocked_until} AND e.ends_at > ${a.starts_at})
         AND ARRAY(SELECT r.id || ':' || r.xmin FROM availability_rules r WHERE r.clinic_id = ${a.clinic_id} AND r.practitioner_id = ${a.practitioner_id} ORDER BY 1)
           = ARRAY(SELECT v FROM unnest(${rulesVersion}::text[]) v ORDER BY 1) AS ok
    ), booked AS (
      INSERT INTO appointments (id, clinic_id, practitioner_id, patient_id, booked_by, visit_type, starts_at, ends_at, blocked_until, status, reason, interpreter_language, care_category, video_declined, source, version)
      SELECT ${a.id}::uuid, ${a.clinic_id}::uuid, ${a.practitioner_id}::uuid, ${a.patient_id}::uuid, ${a.booked_by}::uuid, ${a.visit_type}, ${a.starts_at}::timestamptz, ${a.ends_at}::timestamptz,
             ${a.blocked_until}::timestamptz, ${a.status}, ${a.reason}, ${a.interpreter_language}, ${a.care_category}, ${a.video_declined}::boolean, ${a.source}, ${a.version}::int
      FROM fits WHERE fits.ok
      ON CONFLICT DO NOTHING
      RETURNING id
    )
    SELECT ${outcome}`;
}

/**
 * The 409 for a planned booking that found its time held: the patient's own other appointment, or someone else's. With
 * `keyUsed`, in the same query: undefined when that key was used meanwhile (a repeat of this very request won the time).
 */
export async function takenProblem(db: Db | Tx, a: Pick<Selectable<AppointmentTable>, 'patient_id' | 'starts_at' | 'ends_at'>, keyUsed?: RawBuilder<boolean>): Promise<DomainError | undefined> {
  const { rows } = await sql<{ busy: boolean; key_used: boolean }>`
    SELECT EXISTS (SELECT 1 FROM appointments WHERE patient_id = ${a.patient_id} AND status = 'booked'
                     AND tstzrange(starts_at, ends_at) && tstzrange(${a.starts_at}, ${a.ends_at})) AS busy,
           ${keyUsed ?? sql`false`} AS key_used`.execute(db);
  if (rows[0]!.key_used) return undefined;
  return new DomainError('conflict', rows[0]!.busy ? 'problem.patient-busy' : 'problem.slot-taken');
}
