// Booking use cases: book, cancel, reschedule, decline video. Each runs in one transaction; overlaps are refused by the database.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { retryingTransaction, type Db, type Tx } from '../platform/db/database.ts';
import type { CareCategory, StaffRole } from '../platform/db/schema.ts';
import type { EventBus } from '../platform/events/bus.ts';
import type { JobQueue } from '../platform/jobs/queue.ts';
import { DomainError, Forbidden, Invalid, NotFound } from '../platform/http/errors.ts';
import { recordAccess } from '../platform/audit.ts';
import { idempotent, type IdempotentResult } from '../platform/idempotency.ts';
import type { NotificationService } from '../notifications/service.ts';
import { mayActFor } from '../identity/service.ts';
import { localDate } from '../../shared/time.ts';
import { canActFor } from '../identity/domain.ts';
import { MAX_REASON_LENGTH, patientMayChange, slotAt, slotSearchEnd, type Slot, type VisitType } from './domain.ts';
import { offeredSlot } from './availability.ts';
import { notifyPatient, recipientAmong, scheduleReminders } from './reminders.ts';
import { bookingContext } from './context.ts';
import { insertPlannedAppointment } from './planned-insert.ts';
import { BOOK_SCOPE, bookInOneTrip, bookingAccess } from './one-trip.ts';
import * as store from './store.ts';
import { appointmentView, type AppointmentView } from './views.ts';
import { appointmentTopic } from './topics.ts';

export interface BookingDeps {
  db: Db;
  jobs: JobQueue;
  bus: EventBus;
  notifications: NotificationService;
  log: Logger;
  /** The patient's signed join link of a video appointment, for its notices (video capability); absent: the login page. */
  videoJoinUrl?: (a: { id: string; patient_id: string; version: number; ends_at: Date }) => string;
  /** In the booking's transaction, when staff book for a patient (the messages capability's appointment letter). */
  afterStaffBooking?: (tx: Tx, a: { id: string; clinic_id: string; practitioner_id: string; patient_id: string; visit_type: VisitType; starts_at: Date; ends_at: Date; version: number }, staff: Actor) => Promise<void>;
  /** In the transaction that cancelled an appointment, however it was cancelled (the money capability gives a card payment back). */
  afterCancel?: (tx: Tx, appointmentId: string, byPersonId: string) => Promise<void>;
}

export interface Actor {
  personId: string;
  kind: 'patient' | 'staff';
  clinicId: string | null;
  roles: StaffRole[];
  requestId: string;
}

export interface BookInput {
  practitionerId: string;
  start: Date;
  visitType: VisitType;
  reason: string;
  patientId: string;
  interpreterLanguage?: string | null;
  /** What kind of care it is, where that frees the visit (the patient's word; the clinic can correct it). */
  careCategory?: CareCategory | null;
  source?: 'web' | 'reception' | 'sms' | 'dropin';
}

/** Who the actor is to this patient: themself, a parent, or staff of the clinic (audited). */
async function authorise(db: Db | Tx, actor: Actor, patientId: string, clinicId: string): Promise<'self' | 'guardian' | 'staff'> {
  if (actor.kind === 'staff') {
    if (actor.clinicId !== clinicId) throw NotFound();
    return 'staff';
  }
  if (patientId === actor.personId) return 'self';
  if (await mayActFor(db as Db, actor.personId, patientId)) return 'guardian';
  throw new DomainError('forbidden', 'problem.cannot-act-for');
}

async function listingOf(tx: Tx | Db, id: string, now: Date): Promise<AppointmentView> {
  return appointmentView((await store.appointmentListing(tx, id))!, now);
}

/**
 * Books in one transaction: the slot, the answer, the reminders and the confirmation are planned from one read before
 * the transaction. A patient's planned booking is then written in one round trip (one-trip.ts); staff bookings, and
 * what that round trip leaves (the schedule changed, a repeat of the key), go through a transaction that writes them
 * first and then, under the clinician's shared lock (bookings do not wait for each other, a schedule change waits for
 * them), inserts, checking exceptions and rules again itself. A failed insert rolls everything back.
 */
export async function bookAppointment(deps: BookingDeps, actor: Actor, input: BookInput, idempotencyKey: string | undefined, now = new Date()): Promise<IdempotentResult<AppointmentView>> {
  if (input.reason.length > MAX_REASON_LENGTH) throw Invalid('problem.invalid', { detail: `reason is longer than ${MAX_REASON_LENGTH} characters` });
  const interpreter = input.interpreterLanguage?.trim();
  if (interpreter && interpreter.length < 2) throw Invalid('problem.invalid', { detail: 'interpreterLanguage must name a language (at least 2 characters)' });
  const ctx = await bookingContext(deps.db, { practitionerId: input.practitionerId, patientId: input.patientId, bookedBy: actor.personId, from: input.start, to: slotSearchEnd(input.start), idempotencyKey });
  if (!ctx) throw NotFound();
  const { clinic } = ctx;
  const relation = await authorise(deps.db, actor, input.patientId, clinic.id);

  const plan = (slot: Slot, id: string) => ({
    id,
    clinic_id: clinic.id,
    practitioner_id: input.practitionerId,
    patient_id: input.patientId,
    booked_by: actor.personId,
    visit_type: input.visitType,
    starts_at: slot.start,
    ends_at: slot.end,
    blocked_until: new Date(slot.end.getTime() + slot.bufferMinutes * 60_000),
    status: 'booked' as const,
    reason: input.reason.trim(),
    interpreter_language: interpreter || null,
    care_category: input.careCategory ?? null,
    video_declined: false,
    source: input.source ?? (actor.kind === 'staff' ? 'reception' : 'web'),
    version: 1,
    created_at: now,
    cancelled_at: null,
    cancelled_by: null,
  });
  const slot = slotAt({ rules: ctx.rules, busy: [], timeZone: clinic.time_zone, visitType: input.visitType, start: input.start, now });
  const planned = slot && plan(slot, randomUUID());
  // Taken already, as seen a moment ago: answered without a transaction. Not a guarantee (the constraint is), just a
  // cheap early 409 for the common loser of a race; a repeat of a key already used goes the whole way to its replay.
  if (planned && !ctx.keyUsed && overlapsAny(planned.starts_at, planned.blocked_until, ctx.clinicianBooked) && !overlapsAny(planned.starts_at, planned.ends_at, ctx.patientBooked)) {
    throw new DomainError('conflict', 'problem.slot-taken');
  }
  const names = (id: string) => ctx.people.find((p) => p.id === id)?.name ?? null;
  const answer = planned && {
    status: 201,
    body: appointmentView(
      { ...planned, clinic_name: clinic.name, time_zone: clinic.time_zone, clinic_phone: clinic.phone, cancel_cutoff_hours: clinic.cancel_cutoff_hours, practitioner_name: ctx.practitionerName, patient_name: names(input.patientId) },
      now,
    ),
  };
  const audience = { timeZone: clinic.time_zone, to: planned && recipientAmong(planned, ctx.people) };

  const request = { ...input, start: input.start.toISOString() };
  const access = relation === 'self' ? undefined : bookingAccess(actor, relation, input.patientId, clinic.id);
  if (actor.kind === 'patient' && planned && answer && !ctx.keyUsed) {
    const done = await bookInOneTrip(deps, { planned, answer, request, key: idempotencyKey, access, rulesVersion: ctx.rulesVersion, reminderOffsets: clinic.reminder_offsets_minutes, audience, now });
    if (done) return done;
  }
  return idempotent(deps.db, { personId: actor.personId, scope: BOOK_SCOPE, key: idempotencyKey, request, answer }, async (tx) => {
    if (access) await recordAccess(tx, access);
    if (planned) {
      await scheduleReminders(deps, tx, planned, now, clinic.reminder_offsets_minutes);
      await notifyPatient(deps, tx, planned, 'appointment-booked', undefined, audience);
    }
    // Under the clinician's shared lock an exception saved a moment ago is seen, so no booking lands inside it.
    await store.lockPractitioner(tx, input.practitionerId, 'SHARE');
    if (planned && answer && (await insertPlannedAppointment(tx, planned, ctx.rulesVersion)) === 'booked') {
      if (actor.kind === 'staff') await deps.afterStaffBooking?.(tx, planned, actor);
      return answer;
    }
    // The schedule changed since it was read: look again, now under the lock.
    const fresh = await offeredSlot(tx, clinic.id, input.practitionerId, input.visitType, input.start, now);
    if (!fresh) throw new DomainError('conflict', 'problem.not-available');
    const row = await store.insertAppointment(tx, plan(fresh, planned?.id ?? randomUUID()));
    if (!planned) {
      await scheduleReminders(deps, tx, row, now, clinic.reminder_offsets_minutes);
      await notifyPatient(deps, tx, row, 'appointment-booked');
    }
    if (actor.kind === 'staff') await deps.afterStaffBooking?.(tx, row, actor);
    return { status: 201, body: await listingOf(tx, row.id, now) };
  });
}

const overlapsAny = (start: Date, end: Date, busy: Array<{ start: Date; end: Date }>) => busy.some((b) => b.start < end && start < b.end);

/** Holds the clinician's bookings until the caller's transaction ends (schedule changes take it before they look). */
export const holdClinician = store.lockPractitioner;

/** Cancels inside the caller's transaction and tells the patient; false when it was no longer booked. */
export async function cancelWithin(deps: BookingDeps, tx: Tx, appointmentId: string, byPersonId: string): Promise<boolean> {
  const row = await store.cancelAppointment(tx, appointmentId, byPersonId);
  if (!row) return false;
  await deps.afterCancel?.(tx, appointmentId, byPersonId);
  await notifyPatient(deps, tx, row, 'appointment-cancelled');
  return true;
}

/** The patient declined video: reception makes it a clinic or phone visit, inside its transaction, and the patient is told. */
export async function convertVideoWithin(deps: BookingDeps, tx: Tx, appointmentId: string, visitType: 'clinic' | 'phone', noticeKey: string) {
  const a = await store.changeVideoVisitType(tx, appointmentId, visitType);
  if (!a) throw new DomainError('conflict', 'problem.appointment-not-active');
  await notifyPatient(deps, tx, a, 'appointment-changed', noticeKey);
  return a;
}

/** One appointment with its clinic, clinician and patient names, for capabilities built on appointments (video). */
export const appointmentDetails = store.appointmentListing;

/** The consultation took place (the clinician ended the video call): completed inside the caller's transaction; null when no longer booked. */
export async function completeWithin(tx: Tx, appointmentId: string) {
  return tx.updateTable('appointments').set({ status: 'completed' }).where('id', '=', appointmentId).where('status', '=', 'booked').returningAll().executeTakeFirst();
}

/** A consultation starting now (drop-in), inside the caller's transaction; a busy clinician or patient is a 409. */
export async function startAppointmentNow(tx: Tx, a: { clinicId: string; practitionerId: string; patientId: string; bookedBy: string; visitType: VisitType; minutes: number }) {
  const start = new Date();
  const end = new Date(start.getTime() + a.minutes * 60_000);
  return store.insertAppointment(
    tx,
    { clinic_id: a.clinicId, practitioner_id: a.practitionerId, patient_id: a.patientId, booked_by: a.bookedBy, visit_type: a.visitType, starts_at: start, ends_at: end, blocked_until: end, source: 'dropin' },
    'problem.clinician-busy',
  );
}

/** Loads an appointment the actor may change; patients only before the clinic's cut-off. */
async function changeable(deps: BookingDeps, actor: Actor, id: string, now: Date) {
  const a = await store.appointment(deps.db, id);
  if (!a) throw NotFound();
  const relation = await authorise(deps.db, actor, a.patient_id, a.clinic_id).catch(() => {
    throw NotFound();
  });
  if (a.status !== 'booked') throw new DomainError('conflict', 'problem.appointment-not-active');
  if (a.starts_at.getTime() <= now.getTime()) throw new DomainError('conflict', 'problem.appointment-past');
  const clinic = (await store.bookingClinic(deps.db, a.clinic_id))!;
  if (relation !== 'staff' && !patientMayChange(a.starts_at, now, clinic.cancel_cutoff_hours)) {
    throw new DomainError('conflict', 'problem.past-cutoff', { hours: clinic.cancel_cutoff_hours, phone: clinic.phone ?? '' });
  }
  return { a, relation };
}

export async function cancelAppointment(deps: BookingDeps, actor: Actor, id: string, now = new Date()): Promise<AppointmentView> {
  const { a, relation } = await changeable(deps, actor, id, now);
  const view = await retryingTransaction(deps.db, async (tx) => {
    const row = await store.cancelAppointment(tx, id, actor.personId);
    if (!row) throw new DomainError('conflict', 'problem.appointment-not-active');
    await deps.afterCancel?.(tx, id, actor.personId);
    if (relation !== 'self') await recordAccess(tx, { actorPersonId: actor.personId, actorKind: relation, subjectPersonId: a.patient_id, clinicId: a.clinic_id, action: 'appointment.cancel', reason: 'cancelled on the patient\'s behalf', requestId: actor.requestId });
    await notifyPatient(deps, tx, row, 'appointment-cancelled');
    return listingOf(tx, id, now);
  });
  await deps.bus.publish(appointmentTopic(id), { type: 'cancelled', appointmentId: id });
  return view;
}

export async function rescheduleAppointment(deps: BookingDeps, actor: Actor, id: string, start: Date, now = new Date()): Promise<AppointmentView> {
  const { a, relation } = await changeable(deps, actor, id, now);
  const view = await retryingTransaction(deps.db, async (tx) => {
    await store.lockPractitioner(tx, a.practitioner_id);
    const slot = await offeredSlot(tx, a.clinic_id, a.practitioner_id, a.visit_type, start, now);
    if (!slot) throw new DomainError('conflict', 'problem.not-available');
    const row = await store.moveAppointment(tx, id, a.practitioner_id, slot.start, slot.end, new Date(slot.end.getTime() + slot.bufferMinutes * 60_000));
    if (!row) throw new DomainError('conflict', 'problem.appointment-not-active');
    if (relation !== 'self') await recordAccess(tx, { actorPersonId: actor.personId, actorKind: relation, subjectPersonId: a.patient_id, clinicId: a.clinic_id, action: 'appointment.reschedule', reason: 'moved on the patient\'s behalf', requestId: actor.requestId });
    await scheduleReminders(deps, tx, row, now);
    await notifyPatient(deps, tx, row, 'appointment-changed');
    return listingOf(tx, id, now);
  });
  await deps.bus.publish(appointmentTopic(id), { type: 'moved', appointmentId: id });
  return view;
}

/** The patient does not want video: reception gets a request to convert or agree another way. */
export async function declineVideo(deps: BookingDeps, actor: Actor, id: string, now = new Date()): Promise<AppointmentView> {
  const a = await store.appointment(deps.db, id);
  if (!a) throw NotFound();
  const relation = await authorise(deps.db, actor, a.patient_id, a.clinic_id).catch(() => {
    throw NotFound();
  });
  if (relation === 'staff') throw Forbidden();
  if (a.visit_type !== 'video') throw new DomainError('invalid', 'problem.video-only');
  if (a.status !== 'booked') throw new DomainError('conflict', 'problem.appointment-not-active');
  if (a.starts_at.getTime() <= now.getTime()) throw new DomainError('conflict', 'problem.appointment-past');
  return deps.db.transaction().execute(async (tx) => {
    await tx.updateTable('appointments').set({ video_declined: true }).where('id', '=', id).execute();
    await tx
      .insertInto('booking_requests')
      .values({ clinic_id: a.clinic_id, patient_id: a.patient_id, appointment_id: id, kind: 'not_video', message: '' })
      .onConflict((oc) => oc.doNothing())
      .execute();
    return listingOf(tx, id, now);
  });
}

/** The patient's own appointments and those of the children they act for. */
/** A patient's list: their own appointments and those of the children they may act for (by today's age rule). */
export async function appointmentsOfPatientAndChildren(deps: BookingDeps, personId: string, now = new Date()): Promise<AppointmentView[]> {
  const today = localDate(now);
  const rows = await store.appointmentsOfSelfAndChildren(deps.db, personId);
  return rows.filter((r) => r.patient_id === personId || canActFor(true, r.patient_birth_date, today)).map((r) => appointmentView(r, now));
}
