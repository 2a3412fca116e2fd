// SQL for booking: clinics' booking settings, availability, appointments. Plain rows out, no decisions.
import { sql, type Insertable } from 'kysely';
import type { Db, Tx } from '../platform/db/database.ts';
import type { AppointmentTable, VisitType } from '../platform/db/schema.ts';
import { DomainError } from '../platform/http/errors.ts';
import type { AvailabilityRule, Busy } from './domain.ts';

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
  return db
    .selectFrom('staff_roles as s')
    .innerJoin('practitioners as pr', 'pr.person_id', 's.person_id')
    .innerJoin('persons as p', 'p.id', 's.person_id')
    .select(['pr.id', 'p.name', 'pr.profession'])
    .where('s.clinic_id', '=', clinicId)
    .where('s.role', '=', 'clinician')
    .orderBy('p.name')
    .execute();
}

/** The clinic where this practitioner sees patients, if they are a clinician anywhere. */
export async function clinicOfClinician(db: Db | Tx, practitionerId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('staff_roles as s')
    .innerJoin('practitioners as p', 'p.person_id', 's.person_id')
    .select('s.clinic_id')
    .where('p.id', '=', practitionerId)
    .where('s.role', '=', 'clinician')
    .executeTakeFirst();
  return row?.clinic_id;
}

export async function rules(db: Db | Tx, clinicId: string, practitionerId?: string): Promise<AvailabilityRule[]> {
  let q = db.selectFrom('availability_rules').selectAll().where('clinic_id', '=', clinicId);
  if (practitionerId) q = q.where('practitioner_id', '=', practitionerId);
  const rows = await q.orderBy('weekday').orderBy('start_time').execute();
  return rows.map((r) => ({
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
  }));
}

export async function exceptionsBusy(db: Db | Tx, practitionerIds: string[], from: Date, to: Date): Promise<Busy[]> {
  if (practitionerIds.length === 0) return [];
  const rows = await db
    .selectFrom('availability_exceptions')
    .select(['practitioner_id', 'starts_at', 'ends_at'])
    .where('practitioner_id', 'in', practitionerIds)
    .where('starts_at', '<', to)
    .where('ends_at', '>', from)
    .execute();
  return rows.map((r) => ({ practitionerId: r.practitioner_id, start: r.starts_at, end: r.ends_at }));
}

export async function appointmentsBusy(db: Db | Tx, practitionerIds: string[], from: Date, to: Date): Promise<Busy[]> {
  if (practitionerIds.length === 0) return [];
  const rows = await db
    .selectFrom('appointments')
    .select(['practitioner_id', 'starts_at', 'blocked_until'])
    .where('practitioner_id', 'in', practitionerIds)
    .where('status', '=', 'booked')
    .where('starts_at', '<', to)
    .where('blocked_until', '>', from)
    .execute();
  return rows.map((r) => ({ practitionerId: r.practitioner_id, start: r.starts_at, end: r.blocked_until }));
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

/** Appointments of these patients with clinic and clinician names, newest first. */
export async function appointmentsOf(db: Db, patientIds: string[]) {
  if (patientIds.length === 0) return [];
  return listing(db).where('a.patient_id', 'in', patientIds).orderBy('a.starts_at', 'desc').limit(500).execute();
}

export async function appointmentListing(db: Db | Tx, id: string) {
  return listing(db).where('a.id', '=', id).executeTakeFirst();
}

export async function dayList(db: Db, clinicId: string, from: Date, to: Date, practitionerId?: string) {
  let q = listing(db).where('a.clinic_id', '=', clinicId).where('a.starts_at', '>=', from).where('a.starts_at', '<', to);
  if (practitionerId) q = q.where('a.practitioner_id', '=', practitionerId);
  return q.orderBy('a.starts_at').execute();
}

function listing(db: Db | Tx) {
  return db
    .selectFrom('appointments as a')
    .innerJoin('clinics as c', 'c.id', 'a.clinic_id')
    .innerJoin('practitioners as pr', 'pr.id', 'a.practitioner_id')
    .innerJoin('persons as doc', 'doc.id', 'pr.person_id')
    .innerJoin('persons as pat', 'pat.id', 'a.patient_id')
    .selectAll('a')
    .select(['c.name as clinic_name', 'c.time_zone', 'c.phone as clinic_phone', 'c.cancel_cutoff_hours', 'c.address as clinic_address', 'doc.name as practitioner_name', 'pat.name as patient_name']);
}

export type AppointmentListing = Awaited<ReturnType<typeof appointmentsOf>>[number];

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
