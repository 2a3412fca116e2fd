// SQL for schedules: clinicians' weekly rules, their exceptions, and the booked appointments a change touches. No decisions.
import { sql } from 'kysely';
import type { Db, Tx } from '../platform/db/database.ts';
import { Invalid } from '../platform/http/errors.ts';
import type { ExceptionKind, WeeklyRule } from './domain.ts';

/** A clinician of this clinic, or undefined (also for clinicians of other clinics). */
export async function clinicianAt(db: Db | Tx, clinicId: string, practitionerId: string) {
  return db
    .selectFrom('practitioners as pr')
    .innerJoin('staff_roles as s', 's.person_id', 'pr.person_id')
    .select(['pr.id', 'pr.person_id'])
    .where('pr.id', '=', practitionerId)
    .where('s.clinic_id', '=', clinicId)
    .where('s.role', '=', 'clinician')
    .executeTakeFirst();
}

export async function clinicZone(db: Db | Tx, clinicId: string): Promise<string> {
  const row = await db.selectFrom('clinics').select('time_zone').where('id', '=', clinicId).executeTakeFirstOrThrow();
  return row.time_zone;
}

/** A check constraint of the schedule tables refused the rows: the caller's input, not our fault. */
function checkToInvalid(err: unknown): never {
  const e = err as { code?: string; constraint?: string };
  if (e.code === '23514') throw Invalid('problem.invalid', { detail: `the schedule breaks the rule ${e.constraint ?? 'of the database'}` });
  throw err;
}

export async function replaceRules(tx: Tx, clinicId: string, practitionerId: string, rules: WeeklyRule[]): Promise<void> {
  await tx.deleteFrom('availability_rules').where('clinic_id', '=', clinicId).where('practitioner_id', '=', practitionerId).execute();
  if (rules.length === 0) return;
  await tx
    .insertInto('availability_rules')
    .values(rules.map((r) => ({
      clinic_id: clinicId,
      practitioner_id: practitionerId,
      weekday: r.weekday,
      start_time: r.startTime,
      end_time: r.endTime,
      break_start: r.breakStart,
      break_end: r.breakEnd,
      visit_types: r.visitTypes,
      slot_minutes: r.slotMinutes,
      buffer_minutes: r.bufferMinutes,
      valid_from: r.validFrom,
      valid_to: r.validTo,
    })))
    .execute()
    .catch(checkToInvalid);
}

export async function cliniciansWithRules(db: Db | Tx, clinicId: string, practitionerId?: string) {
  let q = db
    .selectFrom('practitioners as pr')
    .innerJoin('staff_roles as s', 's.person_id', 'pr.person_id')
    .innerJoin('persons as p', 'p.id', 'pr.person_id')
    .select(['pr.id', 'p.name', 'pr.profession'])
    .where('s.clinic_id', '=', clinicId)
    .where('s.role', '=', 'clinician');
  if (practitionerId) q = q.where('pr.id', '=', practitionerId);
  const clinicians = await q.orderBy('p.name').execute();
  const ids = clinicians.map((c) => c.id);
  if (ids.length === 0) return { clinicians, rules: [], exceptions: [] };
  const rules = await db.selectFrom('availability_rules').selectAll().where('clinic_id', '=', clinicId).where('practitioner_id', 'in', ids).orderBy('weekday').orderBy('start_time').execute();
  const exceptions = await db
    .selectFrom('availability_exceptions')
    .select(['id', 'practitioner_id', 'starts_at', 'ends_at', 'kind'])
    .where('practitioner_id', 'in', ids)
    .where('ends_at', '>', sql<Date>`now()`)
    .orderBy('starts_at')
    .execute();
  return { clinicians, rules, exceptions };
}

/** Booked appointments of the clinician at this clinic not yet over that overlap [from, to), with the patient's name. */
export async function bookedBetween(db: Db | Tx, clinicId: string, practitionerId: string, from: Date, to: Date | null, now: Date) {
  let q = db
    .selectFrom('appointments as a')
    .innerJoin('persons as p', 'p.id', 'a.patient_id')
    .select(['a.id', 'a.patient_id', 'a.starts_at', 'a.ends_at', 'a.visit_type', 'p.name as patient_name'])
    .where('a.clinic_id', '=', clinicId)
    .where('a.practitioner_id', '=', practitionerId)
    .where('a.status', '=', 'booked')
    .where('a.ends_at', '>', from > now ? from : now);
  if (to) q = q.where('a.starts_at', '<', to);
  return q.orderBy('a.starts_at').limit(2000).execute();
}

export type BookedRow = Awaited<ReturnType<typeof bookedBetween>>[number];

export async function insertException(tx: Tx, e: { practitionerId: string; startsAt: Date; endsAt: Date; kind: ExceptionKind; createdBy: string }) {
  return tx
    .insertInto('availability_exceptions')
    .values({ practitioner_id: e.practitionerId, starts_at: e.startsAt, ends_at: e.endsAt, kind: e.kind, created_by: e.createdBy })
    .returning(['id', 'practitioner_id', 'starts_at', 'ends_at', 'kind'])
    .executeTakeFirstOrThrow()
    .catch(checkToInvalid);
}

export async function exception(db: Db | Tx, id: string) {
  return db.selectFrom('availability_exceptions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function deleteException(tx: Tx, id: string): Promise<boolean> {
  const r = await tx.deleteFrom('availability_exceptions').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
