// Drop-in queue use cases: join, leave, my place, the staff waiting list, take the next patient. Each change is published.
import type { Logger } from 'pino';
import type { Db } from '../platform/db/database.ts';
import type { EventBus } from '../platform/events/bus.ts';
import { Conflict, DomainError, Forbidden, NotFound } from '../platform/http/errors.ts';
import { recordAccess } from '../platform/audit.ts';
import { mayActFor } from '../identity/service.ts';
import type { TakenPatient } from '../../shared/dropin-api.ts';
import { startAppointmentNow } from '../booking/service.ts';
import { DROPIN_APPOINTMENT_MINUTES, queueOpenFor, type DropinVisitType } from './domain.ts';
import { queueParameters } from './estimate.ts';
import * as store from './store.ts';
import { placeView, queueView, type PlaceView, type QueueView } from './views.ts';

export interface DropinDeps {
  db: Db;
  bus: EventBus;
  log: Logger;
}

export interface Actor {
  personId: string;
  /** The staff member's clinic; null for patients. */
  clinicId: string | null;
  requestId: string;
}

/** The bus topic every instance listens to; the payload only says what changed, listeners recompute from the database. */
export const queueTopic = (clinicId: string) => `dropin:${clinicId}`;

// A place taken or left longer ago than this is history, not "your place".
const PLACE_MEMORY_MS = 12 * 3600_000;

async function publish(deps: DropinDeps, clinicId: string, change: 'joined' | 'left' | 'taken'): Promise<void> {
  // The change is committed; a bus hiccup must not turn it into an error (the live sockets recompute everything on the heartbeat after a failed publish).
  await deps.bus.publish(queueTopic(clinicId), { clinicId, change }).catch((err: Error) => deps.log.warn({ err: err.message, clinicId }, 'dropin event not published'));
}

/** The patient acted on: the one asked for, else the session's subject; a parent only for a child they may act for. */
export async function patientFor(db: Db, actor: Actor, subjectId: string, requested: string | undefined): Promise<{ patientId: string; relation: 'self' | 'guardian' }> {
  const patientId = requested ?? subjectId;
  if (patientId === actor.personId) return { patientId, relation: 'self' };
  if (await mayActFor(db, actor.personId, patientId)) return { patientId, relation: 'guardian' };
  throw new DomainError('forbidden', 'problem.cannot-act-for');
}

export async function clinicExists(db: Db, clinicId: string): Promise<boolean> {
  return Boolean(await store.clinic(db, clinicId));
}

async function openClinic(db: Db, clinicId: string) {
  const clinic = await store.clinic(db, clinicId);
  if (!clinic) throw NotFound();
  return clinic;
}

export async function myPlace(deps: DropinDeps, clinicId: string, patientId: string, now = new Date()): Promise<PlaceView> {
  const clinic = await openClinic(deps.db, clinicId);
  const row = await store.place(deps.db, clinicId, patientId, new Date(now.getTime() - PLACE_MEMORY_MS));
  return placeView(clinicId, patientId, row, await queueParameters(deps.db, clinicId, clinic.dropin_visit_types, now));
}

export async function joinQueue(deps: DropinDeps, actor: Actor, clinicId: string, patient: { patientId: string; relation: 'self' | 'guardian' }, visitType: DropinVisitType): Promise<PlaceView> {
  const clinic = await openClinic(deps.db, clinicId);
  if (!queueOpenFor(visitType, clinic.dropin_visit_types)) throw Conflict('problem.queue-closed');
  await deps.db.transaction().execute(async (tx) => {
    await store.insertEntry(tx, { clinicId, patientId: patient.patientId, joinedBy: actor.personId, visitType });
    if (patient.relation === 'guardian') {
      await recordAccess(tx, { actorPersonId: actor.personId, actorKind: 'guardian', subjectPersonId: patient.patientId, clinicId, action: 'dropin.join', reason: 'parent acting for child', requestId: actor.requestId });
    }
  });
  await publish(deps, clinicId, 'joined');
  return myPlace(deps, clinicId, patient.patientId);
}

/** Leaving frees the place at once; leaving when not waiting changes nothing and answers the current place. */
export async function leaveQueue(deps: DropinDeps, actor: Actor, clinicId: string, patient: { patientId: string; relation: 'self' | 'guardian' }): Promise<PlaceView> {
  await openClinic(deps.db, clinicId);
  const left = await deps.db.transaction().execute(async (tx) => {
    const row = await store.leave(tx, clinicId, patient.patientId);
    if (row && patient.relation === 'guardian') {
      await recordAccess(tx, { actorPersonId: actor.personId, actorKind: 'guardian', subjectPersonId: patient.patientId, clinicId, action: 'dropin.leave', reason: 'parent acting for child', requestId: actor.requestId });
    }
    return row;
  });
  if (left) await publish(deps, clinicId, 'left');
  return myPlace(deps, clinicId, patient.patientId);
}

/**
 * The waiting list of the staff member's clinic. Showing a patient to staff is an access to their data:
 * `audited` holds the patients already written to the audit log for this viewer (a live view audits each once).
 */
export async function staffQueue(deps: DropinDeps, actor: Actor, audited: Set<string> = new Set(), now = new Date()): Promise<QueueView> {
  const clinicId = actor.clinicId;
  if (!clinicId) throw Forbidden();
  const clinic = await openClinic(deps.db, clinicId);
  const rows = await store.waiting(deps.db, clinicId);
  for (const r of rows) {
    if (audited.has(r.patient_id)) continue;
    await recordAccess(deps.db, { actorPersonId: actor.personId, actorKind: 'staff', subjectPersonId: r.patient_id, clinicId, action: 'dropin.queue.read', reason: 'drop-in queue', requestId: actor.requestId });
    audited.add(r.patient_id);
  }
  return queueView(clinicId, rows, await queueParameters(deps.db, clinicId, clinic.dropin_visit_types, now), now);
}

export type { TakenPatient };

/**
 * A clinician takes the longest-waiting patient and gets an appointment with them starting now, in one transaction:
 * if the clinician is already busy, the take is rolled back and the patient keeps their place.
 */
export async function takeNext(deps: DropinDeps, actor: Actor): Promise<TakenPatient> {
  const clinicId = actor.clinicId;
  if (!clinicId) throw Forbidden();
  const practitioner = await store.practitionerOfPerson(deps.db, actor.personId);
  if (!practitioner) throw Forbidden();
  const taken = await deps.db.transaction().execute(async (tx) => {
    const entry = await store.takeNext(tx, clinicId, practitioner.id);
    if (!entry) throw Conflict('problem.queue-empty');
    const appointment = await startAppointmentNow(tx, { clinicId, practitionerId: practitioner.id, patientId: entry.patient_id, bookedBy: actor.personId, visitType: entry.visit_type, minutes: DROPIN_APPOINTMENT_MINUTES });
    await store.linkAppointment(tx, entry.id, appointment.id);
    await recordAccess(tx, { actorPersonId: actor.personId, actorKind: 'staff', subjectPersonId: entry.patient_id, clinicId, action: 'dropin.take', reason: 'drop-in consultation', requestId: actor.requestId });
    return {
      entryId: entry.id,
      patientId: entry.patient_id,
      patientName: await store.personName(tx, entry.patient_id),
      visitType: entry.visit_type,
      joinedAt: entry.joined_at.toISOString(),
      takenAt: entry.taken_at!.toISOString(),
      appointment: { id: appointment.id, startsAt: appointment.starts_at.toISOString(), endsAt: appointment.ends_at.toISOString(), visitType: entry.visit_type },
    };
  });
  await publish(deps, clinicId, 'taken');
  return taken;
}
