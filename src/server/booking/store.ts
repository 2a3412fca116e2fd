// SQL for booking: clinics' booking settings, availability, appointments. Plain rows out, no decisions.
import { sql, type Insertable } from 'kysely';
import { preparedQuery, type Db, type Tx } from '../platform/db/database.ts';
import type { AppointmentTable, VisitType } from '../platform/db/schema.ts';
import { DomainError } from '../platform/http/errors.ts';
import type { AvailabilityRule, Busy } from './domain.ts';
import { cliniciansOf } from '../identity/people.ts';

export async function bookingClinic(db: Db | Tx, clinicId: string) {
  return db
    .selectFrom('clinics')
    .select(['id', 'name', 'kind', 'time_zone', 'phone', 'cancel_cutoff_hours', 'reminder_offsets_minutes', 'services', 'dropin_visit_types', 'address'])
    .where('id', '=', clinicId)
    .executeTakeFirst();
}

export async function clinics(db: Db) {
  return db
    .selectFrom('clinics')
    .select(['id', 'name', 'kind', 'country', 'time_zone', 'municipality', 'address', 'phone', 'services', 'cancel_cutoff_hours', 'dropin_visit_types'])
    .orderBy('name')
    .execute();
}

export async function practitionersOf(db: Db | Tx, clinicId: string) {
  return (await cliniciansOf(db, clinicId)).map((c) => ({ id: c.practitioner_id, name: c.name, profession: c.profession }));
}

/** A rule row, from a query or as JSON (times 'HH:MM:SS', dates 'YYYY-MM-DD' either way). */
export interface RuleRow {
  id: string;
  practitioner_id: string;
  weekday: number;
  start_time: string;
  end_time: string;
  break_start: string | null;
  break_end: string | null;
  visit_types: VisitType[];
  slot_minutes: number;
  buffer_minutes: number;
  valid_from: string;
  valid_to: string | null;
}

export function toRule(r: RuleRow): AvailabilityRule & { id: string } {
  return {
    id: r.id,
    practitionerId: r.practitioner_id,
    weekday: r.weekday,
    startTime: r.start_time,
    endTime: r.end_time,
    breakStart: r.break_start,
    breakEnd: r.break_end,
    visitTypes: r.visit_types,
    slotMinutes: r.slot_minutes,
    bufferMinutes: r.buffer_minutes,
    validFrom: r.valid_from,
    validTo: r.valid_to,
  };
}

/** [practitioner id, start ms, end ms] as the availability query sends busy times. */
type BusyJson = [string, number, number];
const toBusy = ([practitionerId, start, end]: BusyJson): Busy => ({ practitionerId, start: new Date(start), end: new Date(end) });

/**
 * Everything free times are computed from, in one round trip: the clinic's zone, its weekly rules (of one clinician
 * or all), and the exceptions and, unless `withBooked` is false, the booked appointments of those clinicians in the range.
 */
export async function availabilityInputs(
  db: Db | Tx,
  q: { clinicId: string; practitionerId?: string | undefined; from: Date; to: Date; withBooked: boolean },
): Promise<{ timeZone: string; rules: AvailabilityRule[]; busy: Busy[] } | undefined> {
  const [row] = await availabilityRows(db as Db, q.clinicId, q.practitionerId ?? '', q.from.toISOString(), q.to.toISOString(), String(q.withBooked));
  if (!row) return undefined;
  return { timeZone: row.time_zone, rules: row.rules.map(toRule), busy: [...row.exceptions.map(toBusy), ...row.booked.map(toBusy)] };
}

/** availabilityInputs's query, planned once per connection; no clinician ('') means all of the clinic's. */
const availabilityRows = preparedQuery('availability-inputs', (db, clinicId: string, practitionerId: string, from: string, to: string, withBooked: string) =>
  sql<{ time_zone: string; rules: RuleRow[]; exceptions: BusyJson[]; booked: BusyJson[] }>`
    WITH r AS (SELECT * FROM availability_rules WHERE clinic_id = ${clinicId}::uuid AND (nullif(${practitionerId}::text, '') IS NULL OR practitioner_id = nullif(${practitionerId}::text, '')::uuid))
    SELECT c.time_zone,
      (SELECT coalesce(json_agg(r ORDER BY r.weekday, r.start_time), '[]') FROM r) AS rules,
      (SELECT coalesce(json_agg(json_build_array(e.practitioner_id, extract(epoch FROM e.starts_at) * 1000, extract(epoch FROM e.ends_at) * 1000)), '[]')
         FROM availability_exceptions e
        WHERE e.practitioner_id IN (SELECT practitioner_id FROM r) AND e.starts_at < ${to}::timestamptz AND e.ends_at > ${from}::timestamptz) AS exceptions,
      (SELECT coalesce(json_agg(json_build_array(a.practitioner_id, extract(epoch FROM a.starts_at) * 1000, extract(epoch FROM a.blocked_until) * 1000)), '[]')
         FROM appointments a
        WHERE ${withBooked}::boolean AND a.practitioner_id IN (SELECT practitioner_id FROM r) AND a.status = 'booked'
          AND tstzrange(a.starts_at, a.blocked_until) && tstzrange(${from}::timestamptz, ${to}::timestamptz)) AS booked
    FROM clinics c WHERE c.id = ${clinicId}::uuid`,
);


/** The database refuses overlaps; this turns its refusal into the user's 409. */
export function overlapToConflict(err: unknown, clinicianBusy: 'problem.slot-taken' | 'problem.clinician-busy' = 'problem.slot-taken'): never {
  const e = err as { code?: string; constraint?: string };
  if (e.code === '23P01') {
    throw new DomainError('conflict', e.constraint === 'appointments_patient_no_overlap' ? 'problem.patient-busy' : clinicianBusy);
  }
  throw err;
}

export type NewAppointment = Insertable<AppointmentTable>;

/**
 * The clinician's row, held until the transaction ends. Exclusively ('UPDATE') by what changes the clinician's schedule
 * (exceptions, moves, inserts that are not planned bookings); shared ('SHARE') by planned bookings, which do not wait for
 * each other (the exclusion constraint decides between them) but do wait for a schedule change, and it for them. Its
 * own statement, so the next statement's snapshot sees a change committed while this one waited. The exclusion
 * constraints stay the guarantee.
 */
export const clinicianLock = (practitionerId: string, strength: 'UPDATE' | 'SHARE') =>
  sql`SELECT id FROM practitioners WHERE id = ${practitionerId} FOR ${sql.raw(strength)}`;

export async function lockPractitioner(tx: Tx, practitionerId: string, strength: 'UPDATE' | 'SHARE' = 'UPDATE'): Promise<void> {
  await clinicianLock(practitionerId, strength).execute(tx);
}

export async function insertAppointment(tx: Tx, a: NewAppointment, clinicianBusy?: 'problem.clinician-busy') {
  await lockPractitioner(tx, a.practitioner_id);
  return tx
    .insertInto('appointments')
    .values(a)
    .returningAll()
    .executeTakeFirstOrThrow()
    .catch((err: unknown) => overlapToConflict(err, clinicianBusy));
}

export async function appointment(db: Db | Tx, id: string) {
  return db.selectFrom('appointments').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function cancelAppointment(tx: Tx, id: string, by: string) {
  return tx
    .updateTable('appointments')
    .set({ status: 'cancelled', cancelled_at: sql`now()`, cancelled_by: by, version: sql`version + 1` })
    .where('id', '=', id)
    .where('status', '=', 'booked')
    .returningAll()
    .executeTakeFirst();
}

export async function moveAppointment(tx: Tx, id: string, practitionerId: string, startsAt: Date, endsAt: Date, blockedUntil: Date) {
  await lockPractitioner(tx, practitionerId);
  return tx
    .updateTable('appointments')
    .set({ starts_at: startsAt, ends_at: endsAt, blocked_until: blockedUntil, version: sql`version + 1` })
    .where('id', '=', id)
    .where('status', '=', 'booked')
    .returningAll()
    .executeTakeFirst()
    .catch(overlapToConflict);
}

/**
 * A person's own appointments and their children's, with clinic and clinician names, newest first, in one round
 * trip; each row carries its patient's birth date, for the caller to apply the age rule (which children a parent may
 * still act for). The person and their children are one list of ids for the patient index (an OR of the two is served
 * by no index, so it scans the whole table).
 */
export const appointmentsOfSelfAndChildren = preparedQuery('appointments-of-self-and-children', (db, personId: string) => {
  const them = db.selectNoFrom(sql<string>`${personId}::uuid`.as('id')).unionAll(db.selectFrom('guardian_relations').select('child_id as id').where('guardian_id', '=', personId));
  return named(db)
    .select(VIEW_COLUMNS)
    .select(NAMES)
    .select('pat.birth_date as patient_birth_date')
    .where('a.patient_id', 'in', them)
    .orderBy('a.starts_at', 'desc')
    .limit(500);
});

export async function appointmentListing(db: Db | Tx, id: string) {
  return listing(db).where('a.id', '=', id).executeTakeFirst();
}

export async function dayList(db: Db, clinicId: string, from: Date, to: Date, practitionerId?: string) {
  let q = listing(db).where('a.clinic_id', '=', clinicId).where('a.starts_at', '>=', from).where('a.starts_at', '<', to);
  if (practitionerId) q = q.where('a.practitioner_id', '=', practitionerId);
  return q.orderBy('a.starts_at').execute();
}

/** The appointment's columns an appointment's view shows (appointmentView), by name (see preparedQuery). */
const VIEW_COLUMNS = [
  'a.id', 'a.clinic_id', 'a.practitioner_id', 'a.patient_id', 'a.booked_by', 'a.visit_type', 'a.starts_at', 'a.ends_at', 'a.status', 'a.reason',
  'a.interpreter_language', 'a.care_category', 'a.video_declined', 'a.source', 'a.version',
] as const;

/** What a listing says of the clinic, the clinician and the patient. */
const NAMES = ['c.name as clinic_name', 'c.time_zone', 'c.phone as clinic_phone', 'c.cancel_cutoff_hours', 'doc.name as practitioner_name', 'pat.name as patient_name'] as const;

/** Appointments with their clinic, clinician and patient, to name them. */
function named(db: Db | Tx) {
  return db
    .selectFrom('appointments as a')
    .innerJoin('clinics as c', 'c.id', 'a.clinic_id')
    .innerJoin('practitioners as pr', 'pr.id', 'a.practitioner_id')
    .innerJoin('persons as doc', 'doc.id', 'pr.person_id')
    .innerJoin('persons as pat', 'pat.id', 'a.patient_id');
}

function listing(db: Db | Tx) {
  return named(db).selectAll('a').select(NAMES).select('c.address as clinic_address');
}

export type AppointmentListing = NonNullable<Awaited<ReturnType<typeof appointmentListing>>>;
/** What an appointment's view is made from (VIEW_COLUMNS and NAMES): a listing row has it, a patient's list row is it. */
export type ViewRow = Omit<Awaited<ReturnType<typeof appointmentsOfSelfAndChildren>>[number], 'patient_birth_date'>;

/** A booked, coming video appointment becomes another visit type; the time, and the reminders keyed by its version, stay. */
export async function changeVideoVisitType(tx: Tx, appointmentId: string, visitType: Exclude<VisitType, 'video'>) {
  return tx
    .updateTable('appointments')
    .set({ visit_type: visitType })
    .where('id', '=', appointmentId)
    .where('status', '=', 'booked')
    .where('visit_type', '=', 'video')
    .where('starts_at', '>', sql<Date>`now()`)
    .returningAll()
    .executeTakeFirst();
}
