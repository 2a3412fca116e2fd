// Reception's booking requests: the open list (audited), and booking, converting or rejecting one; the patient hears by SMS.
import { recordAccess } from '../platform/audit.ts';
import { Conflict, DomainError, NotFound } from '../platform/http/errors.ts';
import { bookAppointment, convertVideoWithin, type Actor, type BookingDeps } from '../booking/service.ts';
import { isoInZone } from '../booking/domain.ts';
import { maskNationalId } from '../../shared/national-id.ts';
import type { Tx } from '../platform/db/database.ts';
import type { VisitType } from '../platform/db/schema.ts';
import { replyLanguage, spacedPhone } from './domain.ts';
import * as store from './store.ts';
import { appointmentTopic } from '../booking/topics.ts';

export function requestView(r: store.OpenRequestRow) {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    receivedAt: isoInZone(r.created_at, r.time_zone),
    message: r.message,
    fromPhone: r.from_phone,
    patient: r.patient_id ? { id: r.patient_id, name: r.patient_name, maskedNationalId: r.national_id ? maskNationalId(r.national_id) : null } : null,
    appointment:
      r.appointment_id && r.starts_at
        ? { id: r.appointment_id, start: isoInZone(r.starts_at, r.time_zone), visitType: r.visit_type, status: r.appointment_status, practitionerName: r.practitioner_name }
        : null,
  };
}

export type BookingRequestView = ReturnType<typeof requestView>;

/** The open requests of the actor's clinic; each patient shown is an audited access. */
export async function openBookingRequests(deps: BookingDeps, actor: Actor): Promise<BookingRequestView[]> {
  const rows = await store.openRequests(deps.db, actor.clinicId!);
  for (const patientId of new Set(rows.flatMap((r) => (r.patient_id ? [r.patient_id] : [])))) {
    await recordAccess(deps.db, { actorPersonId: actor.personId, actorKind: 'staff', subjectPersonId: patientId, clinicId: actor.clinicId, action: 'booking-request.list.read', reason: 'booking requests', requestId: actor.requestId });
  }
  return rows.map(requestView);
}

async function openRequest(tx: Tx, actor: Actor, id: string, kind: 'sms' | 'not_video' | null) {
  // Another clinic's request does not exist for this actor.
  const r = await store.lockRequest(tx, id, actor.clinicId!);
  if (!r) throw NotFound();
  if (r.status !== 'open') throw Conflict('problem.booking-request-handled');
  if (kind && r.kind !== kind) throw Conflict('problem.booking-request-kind');
  return r;
}

export interface BookFromRequestInput {
  practitionerId: string;
  start: Date;
  visitType: VisitType;
  /** Defaults to the patient's own words from the SMS. */
  reason?: string;
}

/**
 * Books the requested appointment through booking's own use case and marks the request booked. The request's row
 * lock is held meanwhile, so two receptionists cannot book one request twice; the key makes a retry after a lost
 * answer return the same appointment. booking sends the confirmation SMS to the patient's number, the sender's.
 */
export async function bookFromRequest(deps: BookingDeps, actor: Actor, id: string, input: BookFromRequestInput, now = new Date()) {
  return deps.db.transaction().execute(async (tx) => {
    const r = await openRequest(tx, actor, id, 'sms');
    if (!r.patient_id) throw Conflict('problem.booking-request-kind');
    const booked = await bookAppointment(
      deps,
      actor,
      { practitionerId: input.practitionerId, start: input.start, visitType: input.visitType, reason: (input.reason ?? r.message).slice(0, 300), patientId: r.patient_id, source: 'sms' },
      `booking-request:${r.id}`,
      now,
    );
    await store.markHandled(tx, r.id, { status: 'booked', handledBy: actor.personId, appointmentId: booked.body.id });
    return { requestId: r.id, status: 'booked' as const, appointment: booked.body };
  });
}

/** The clinic will not book it: the sender gets a content-free "call the clinic"; the reason stays with reception. */
export async function rejectRequest(deps: BookingDeps, actor: Actor, id: string, reason: string | null) {
  return deps.db.transaction().execute(async (tx) => {
    const r = await openRequest(tx, actor, id, null);
    await store.markHandled(tx, r.id, { status: 'rejected', handledBy: actor.personId, note: reason?.trim().slice(0, 300) || null });
    const patient = r.patient_id ? await store.personContact(tx, r.patient_id) : undefined;
    if (patient) {
      await recordAccess(tx, { actorPersonId: actor.personId, actorKind: 'staff', subjectPersonId: patient.id, clinicId: r.clinic_id, action: 'booking-request.reject', reason: 'booking request', requestId: actor.requestId });
    }
    const to = r.from_phone ?? patient?.phone;
    const clinic = await store.clinic(tx, r.clinic_id);
    if (to) {
      await deps.notifications.notify({
        personId: patient?.id ?? null,
        channel: 'sms',
        to,
        template: 'sms-booking-rejected',
        language: replyLanguage(patient?.preferred_language, clinic.country),
        params: { clinic: clinic.name, phone: spacedPhone(clinic.phone) },
        idempotencyKey: `sms-booking-rejected:${r.id}`,
        tx,
      });
    }
    return { requestId: r.id, status: 'rejected' as const };
  });
}

/** The patient declined video: the appointment becomes a clinic or phone visit, and the patient is told it changed. */
export async function convertRequest(deps: BookingDeps, actor: Actor, id: string, visitType: 'clinic' | 'phone') {
  const result = await deps.db.transaction().execute(async (tx) => {
    const r = await openRequest(tx, actor, id, 'not_video');
    if (!r.appointment_id) throw new DomainError('conflict', 'problem.appointment-not-active');
    // Its own notice key: "changed" at this version may already have been sent for a move.
    const a = await convertVideoWithin(deps, tx, r.appointment_id, visitType, `appointment-changed:${r.appointment_id}:visit-type:${r.id}`);
    await store.markHandled(tx, r.id, { status: 'converted', handledBy: actor.personId });
    await recordAccess(tx, { actorPersonId: actor.personId, actorKind: 'staff', subjectPersonId: a.patient_id, clinicId: a.clinic_id, action: 'appointment.convert-visit-type', reason: 'patient declined video', requestId: actor.requestId });
    return { requestId: r.id, status: 'converted' as const, appointmentId: a.id, visitType: a.visit_type };
  });
  await deps.bus.publish(appointmentTopic(result.appointmentId), { type: 'changed', appointmentId: result.appointmentId }).catch((err: Error) => deps.log.warn({ err: err.message }, 'appointment event not published'));
  return result;
}
