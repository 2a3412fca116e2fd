// SQL for booking: clinics' booking settings, availability, appointments. Plain rows out, no decisions.
import { sql, type Insertable, type Selectable } from 'kysely';
import { preparedRows, type Db, type Tx } from '../platform/db/database.ts';
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
interface RuleRow {
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

function toRule(r: RuleRow): AvailabilityRule & { id: string } {
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
  const ofClinician = q.practitionerId ? sql`AND practitioner_id = ${q.practitionerId}` : sql``;
  const { rows } = await sql<{ time_zone: string; rules: RuleRow[]; exceptions: BusyJson[]; booked: BusyJson[] }>`
    WITH r AS (SELECT * FROM availability_rules WHERE clinic_id = ${q.clinicId} ${ofClinician})
    SELECT c.time_zone,
      (SELECT coalesce(json_agg(r ORDER BY r.weekday, r.start_time), '[]') FROM r) AS rules,
      (SELECT coalesce(json_agg(json_build_array(e.practitioner_id, extract(epoch FROM e.starts_at) * 1000, extract(epoch FROM e.ends_at) * 1000)), '[]')
         FROM availability_exceptions e
        WHERE e.practitioner_id IN (SELECT practitioner_id FROM r) AND e.starts_at < ${q.to} AND e.ends_at > ${q.from}) AS exceptions,
      (SELECT coalesce(json_agg(json_build_array(a.practitioner_id, extract(epoch FROM a.starts_at) * 1000, extract(epoch FROM a.blocked_until) * 1000)), '[]')
         FROM appointments a
        WHERE ${q.withBooked} AND a.practitioner_id IN (SELECT practitioner_id FROM r) AND a.status = 'booked'
          AND tstzrange(a.starts_at, a.blocked_until) && tstzrange(${q.from}, ${q.to})) AS booked
    FROM clinics c WHERE c.id = ${q.clinicId}`.execute(db);
  const row = rows[0];
  if (!row) return undefined;
  return { timeZone: row.time_zone, rules: row.rules.map(toRule), busy: [...row.exceptions.map(toBusy), ...row.booked.map(toBusy)] };
}

export interface BookingPerson {
  id: string;
  name: string | null;
  phone: string | null;
  email: string | null;
  preferred_language: string;
}

/** What booking with a clinician needs to know before it takes the clinician's lock. */
export interface BookingContext {
  clinic: { id: string; name: string; time_zone: string; phone: string | null; address: string | null; cancel_cutoff_hours: number; reminder_offsets_minutes: number[] };
  practitionerName: string | null;
  /** The patient and whoever books for them. */
  people: BookingPerson[];
  /** The clinician's weekly rules at this clinic. */
  rules: AvailabilityRule[];
  /** Which rule rows (id and row version) the rules are: the insert checks they are still the clinician's rules. */
  rulesVersion: string[];
  /** Booked times (buffers included) of the clinician, and of the patient, in the range asked about. */
  clinicianBooked: Array<{ start: Date; end: Date }>;
  patientBooked: Array<{ start: Date; end: Date }>;
  /** The booker has used this Idempotency-Key before. */
  keyUsed: boolean;
}

/**
 * One round trip for what booking reads before its transaction: the clinic where the practitioner sees patients
 * (undefined when they are no clinician), its settings, the clinician's rules, the people involved, and who is
 * booked from `from` to `to`.
 */
export async function bookingContext(
  db: Db | Tx,
  q: { practitionerId: string; patientId: string; bookedBy: string; from: Date; to: Date; idempotencyKey: string | undefined },
): Promise<BookingContext | undefined> {
  type Range = [number, number];
  const { rows } = await sql<{
    clinic_id: string; name: string; time_zone: string; phone: string | null; address: string | null; cancel_cutoff_hours: number; reminder_offsets_minutes: number[];
    practitioner_name: string | null; people: BookingPerson[]; rules: Array<RuleRow & { version: string }>; clinician_booked: Range[]; patient_booked: Range[]; key_used: boolean;
  }>`
    SELECT c.id AS clinic_id, c.name, c.time_zone, c.phone, c.address, c.cancel_cutoff_hours, c.reminder_offsets_minutes, doc.name AS practitioner_name,
      (SELECT coalesce(json_agg(json_build_object('id', p.id, 'name', p.name, 'phone', p.phone, 'email', p.email, 'preferred_language', p.preferred_language)), '[]')
         FROM persons p WHERE p.id IN (${q.patientId}, ${q.bookedBy})) AS people,
      (SELECT coalesce(json_agg(to_jsonb(r) || jsonb_build_object('version', r.id || ':' || r.xmin) ORDER BY r.weekday, r.start_time), '[]')
         FROM availability_rules r WHERE r.clinic_id = s.clinic_id AND r.practitioner_id = pr.id) AS rules,
      (SELECT coalesce(json_agg(json_build_array(extract(epoch FROM a.starts_at) * 1000, extract(epoch FROM a.blocked_until) * 1000)), '[]')
         FROM appointments a WHERE a.practitioner_id = pr.id AND a.status = 'booked' AND tstzrange(a.starts_at, a.blocked_until) && tstzrange(${q.from}, ${q.to})) AS clinician_booked,
      (SELECT coalesce(json_agg(json_build_array(extract(epoch FROM a.starts_at) * 1000, extract(epoch FROM a.ends_at) * 1000)), '[]')
         FROM appointments a WHERE a.patient_id = ${q.patientId} AND a.status = 'booked' AND tstzrange(a.starts_at, a.ends_at) && tstzrange(${q.from}, ${q.to})) AS patient_booked,
      EXISTS (SELECT 1 FROM idempotency_keys k WHERE k.person_id = ${q.bookedBy} AND k.scope = 'appointment.book' AND k.key = ${q.idempotencyKey ?? ''}) AS key_used
    FROM practitioners pr
    JOIN staff_roles s ON s.person_id = pr.person_id AND s.role = 'clinician'
    JOIN clinics c ON c.id = s.clinic_id
    JOIN persons doc ON doc.id = pr.person_id
    WHERE pr.id = ${q.practitionerId}
    LIMIT 1`.execute(db);
  const row = rows[0];
  if (!row) return undefined;
  const ranges = (r: Range[]) => r.map(([start, end]) => ({ start: new Date(start), end: new Date(end) }));
  return {
    clinic: { id: row.clinic_id, name: row.name, time_zone: row.time_zone, phone: row.phone, address: row.address, cancel_cutoff_hours: row.cancel_cutoff_hours, reminder_offsets_minutes: row.reminder_offsets_minutes },
    practitionerName: row.practitioner_name,
    people: row.people,
    rules: row.rules.map(toRule),
    rulesVersion: row.rules.map((r) => r.version),
    clinicianBooked: ranges(row.clinician_booked),
    patientBooked: ranges(row.patient_booked),
    keyUsed: row.key_used,
  };
}

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
 * Holds the clinician's row until the transaction ends. Bookings of one clinician then queue instead of racing inside
 * the exclusion constraint, where two inserts of the same slot can deadlock; schedule changes take the same lock.
 * The constraint stays the guarantee.
 */
export async function lockPractitioner(tx: Tx, practitionerId: string): Promise<void> {
  await sql`SELECT id FROM practitioners WHERE id = ${practitionerId} FOR UPDATE`.execute(tx);
}

/**
 * Inserts a new booking planned before the clinician's lock was taken (call it under that lock): only if no exception
 * has covered the time since, and the clinician's rules are still the rows it was planned from (`rulesVersion`).
 * This statement's snapshot is taken after the lock, so an exception saved under the lock a moment ago is seen.
 * False when the schedule changed: the caller checks the slot again. The exclusion constraints stay the guarantee.
 */
export async function insertPlannedAppointment(tx: Tx, a: Selectable<AppointmentTable>, rulesVersion: string[]): Promise<boolean> {
  const { rows } = await sql<{ id: string }>`
    INSERT INTO appointments (id, clinic_id, practitioner_id, patient_id, booked_by, visit_type, starts_at, ends_at, blocked_until, status, reason, interpreter_language, care_category, video_declined, source, version)
    SELECT ${a.id}, ${a.clinic_id}, ${a.practitioner_id}, ${a.patient_id}, ${a.booked_by}, ${a.visit_type}, ${a.starts_at}, ${a.ends_at}, ${a.blocked_until},
           ${a.status}, ${a.reason}, ${a.interpreter_language}, ${a.care_category}, ${a.video_declined}, ${a.source}, ${a.version}
    WHERE NOT EXISTS (SELECT 1 FROM availability_exceptions e WHERE e.practitioner_id = ${a.practitioner_id} AND e.starts_at < ${a.blocked_until} AND e.ends_at > ${a.starts_at})
      AND ARRAY(SELECT r.id || ':' || r.xmin FROM availability_rules r WHERE r.clinic_id = ${a.clinic_id} AND r.practitioner_id = ${a.practitioner_id} ORDER BY 1)
        = ARRAY(SELECT v FROM unnest(${rulesVersion}::text[]) v ORDER BY 1)
    RETURNING id`
    .execute(tx)
    .catch((err: unknown) => overlapToConflict(err));
  return rows.length === 1;
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
 * still act for).
 */
export async function appointmentsOfSelfAndChildren(db: Db, personId: string) {
  const query = listing(db)
    .select('pat.birth_date as patient_birth_date')
    .where((eb) =>
      eb.or([
        eb('a.patient_id', '=', personId),
        eb('a.patient_id', 'in', eb.selectFrom('guardian_relations').select('child_id').where('guardian_id', '=', personId)),
      ]),
    )
    .orderBy('a.starts_at', 'desc')
    .limit(500);
  return preparedRows(db, 'appointments-of-self-and-children', query);
}

export async function appointmentListing(db: Db | Tx, id: string) {
  return listing(db).where('a.id', '=', id).executeTakeFirst();
}

export async function dayList(db: Db, clinicId: string, from: Date, to: Date, practitionerId?: string) {
  let q = listing(db).where('a.clinic_id', '=', clinicId).where('a.starts_at', '>=', from).where('a.starts_at', '<', to);
  if (practitionerId) q = q.where('a.practitioner_id', '=', practitionerId);
  return q.orderBy('a.starts_at').execute();
}

/** Every column of an appointment, by name (see preparedRows). */
const APPOINTMENT_COLUMNS = [
  'a.id', 'a.clinic_id', 'a.practitioner_id', 'a.patient_id', 'a.booked_by', 'a.visit_type', 'a.starts_at', 'a.ends_at', 'a.blocked_until', 'a.status', 'a.reason',
  'a.interpreter_language', 'a.care_category', 'a.video_declined', 'a.source', 'a.version', 'a.created_at', 'a.cancelled_at', 'a.cancelled_by',
] as const;

function listing(db: Db | Tx) {
  return db
    .selectFrom('appointments as a')
    .innerJoin('clinics as c', 'c.id', 'a.clinic_id')
    .innerJoin('practitioners as pr', 'pr.id', 'a.practitioner_id')
    .innerJoin('persons as doc', 'doc.id', 'pr.person_id')
    .innerJoin('persons as pat', 'pat.id', 'a.patient_id')
    .select(APPOINTMENT_COLUMNS)
    .select(['c.name as clinic_name', 'c.time_zone', 'c.phone as clinic_phone', 'c.cancel_cutoff_hours', 'c.address as clinic_address', 'doc.name as practitioner_name', 'pat.name as patient_name']);
}

export type AppointmentListing = NonNullable<Awaited<ReturnType<typeof appointmentListing>>>;

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
