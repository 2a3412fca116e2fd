// Video consultation use cases: join links, entering the waiting room, admitting, the clinician's actions, leaving,
// ending the call (guests are in guests.ts). Each change is committed first, then published on the room's bus topic.
import type { Logger } from 'pino';
import type { Db, Tx } from '../platform/db/database.ts';
import type { EventBus } from '../platform/events/bus.ts';
import type { SessionInfo } from '../platform/http/access.ts';
import { Conflict, DomainError, Forbidden, NotFound } from '../platform/http/errors.ts';
import { recordAccess } from '../platform/audit.ts';
import { mayActFor } from '../identity/service.ts';
import { appointmentDetails, completeWithin } from '../booking/service.ts';
import type { JoinLink, RoomEntry } from '../../shared/video-api.ts';
import { appointmentChange, closesAt, roomOpen, signLink, verifyLink, type AppointmentState } from './domain.ts';
import * as store from './store.ts';
import { appointmentTopic } from '../booking/topics.ts';

export interface VideoDeps {
  db: Db;
  bus: EventBus;
  log: Logger;
  publicUrl: string;
  linkSecret: string;
}

/** Who acts: a logged-in person, or a guest known only by their participant row. */
export type Viewer = { kind: 'session'; session: SessionInfo; requestId: string } | { kind: 'guest'; participantId: string; requestId: string };

/**
 * To whom signals and chat for one participant are addressed on the appointment's topic: their person (survives
 * re-entering), or a guest's participant id (both are random UUIDs, so one never stands for the other).
 */
export const addressOf = (row: { id: string; person_id: string | null }) => row.person_id ?? row.id;

export type Appointment = NonNullable<Awaited<ReturnType<typeof appointmentDetails>>>;

export const stateOf = (a: Appointment): AppointmentState => ({ status: a.status, visitType: a.visit_type, version: a.version, startsAt: a.starts_at, endsAt: a.ends_at });

/** Every room of one clinician: their waiting list across appointments listens here. */
export const practitionerRoomsTopic = (practitionerId: string) => `video:practitioner:${practitionerId}`;

export async function publish(deps: VideoDeps, a: { id: string; practitioner_id: string }, change: string): Promise<void> {
  // The change is committed; a bus hiccup must not turn it into an error (the live sockets recompute everything on the heartbeat after a failed publish).
  const event = { appointmentId: a.id, change };
  // The room's sockets listen on the appointment's own topic, with booking's changes to it.
  for (const topic of [appointmentTopic(a.id), practitionerRoomsTopic(a.practitioner_id)]) {
    await deps.bus.publish(topic, event).catch((err: Error) => deps.log.warn({ err: err.message, appointmentId: a.id }, 'video event not published'));
  }
}

export async function appointment(deps: VideoDeps, appointmentId: string): Promise<Appointment> {
  const a = await appointmentDetails(deps.db, appointmentId);
  if (!a) throw NotFound();
  return a;
}

/** Whether the session's person is the clinician of the appointment, at its clinic. */
export async function isClinicianOf(deps: VideoDeps, session: SessionInfo, a: Appointment): Promise<boolean> {
  return session.kind === 'staff' && session.clinicId === a.clinic_id && (await store.practitionerPersonId(deps.db, a.practitioner_id)) === session.personId;
}

/** Whether the session is the patient of the appointment, or a parent who may act for them (under 16). */
export async function isPatientOf(deps: VideoDeps, session: SessionInfo, a: Appointment): Promise<'self' | 'guardian' | null> {
  if (session.kind !== 'patient') return null;
  if (session.personId === a.patient_id) return 'self';
  return (await mayActFor(deps.db, session.personId, a.patient_id)) ? 'guardian' : null;
}

/** The clinician's appointment, or 404 for anyone else (staff elsewhere must not learn it exists). */
export async function asClinician(deps: VideoDeps, session: SessionInfo, appointmentId: string): Promise<Appointment> {
  const a = await appointment(deps, appointmentId);
  if (!(await isClinicianOf(deps, session, a))) throw NotFound();
  return a;
}

export function requireOpen(a: Appointment, now: Date): void {
  if (a.visit_type !== 'video') throw new DomainError('invalid', 'problem.video-only');
  if (a.status !== 'booked') throw Conflict('problem.video-room-closed');
  if (now.getTime() >= closesAt({ endsAt: a.ends_at }).getTime()) throw Conflict('problem.video-room-closed');
  if (!roomOpen(stateOf(a), now)) throw Conflict('problem.video-room-not-open');
}

/**
 * Brings the room in line with its appointment: cancelled, changed, completed or moved means everyone leaves with
 * that reason. Every view runs it first, so the room is right even if the appointment's event was missed.
 */
export async function reconcile(deps: VideoDeps, a: Appointment): Promise<void> {
  const room = await store.room(deps.db, a.id);
  if (!room || (room.ended_at && a.status !== 'booked')) return;
  if (!appointmentChange(stateOf(a), room.appointment_version)) return;
  const changed = await deps.db.transaction().execute(async (tx) => {
    const locked = await store.lockRoom(tx, a.id);
    const change = locked && !locked.ended_at ? appointmentChange(stateOf(a), locked.appointment_version) : null;
    if (!change) return false;
    const left = await store.emptyRoom(tx, a.id, change.leftReason);
    if (change.endRoom) await store.endRoom(tx, a.id, change.endRoom);
    else await store.setRoomVersion(tx, a.id, a.version);
    return left > 0 || Boolean(change.endRoom);
  });
  if (changed) await publish(deps, a, 'appointment-changed');
}

async function openRoom(deps: VideoDeps, a: Appointment): Promise<void> {
  await store.ensureRoom(deps.db, { appointmentId: a.id, clinicId: a.clinic_id, version: a.version });
  await reconcile(deps, a);
}

export const entryOf = (row: { id: string; appointment_id: string; role: RoomEntry['role']; state: RoomEntry['state'] }): RoomEntry => ({
  appointmentId: row.appointment_id,
  participantId: row.id,
  role: row.role,
  state: row.state,
});

/** The patient's join link for a video appointment, valid until it ends (plus grace) and only for its current time. */
export async function joinLink(deps: VideoDeps, session: SessionInfo, appointmentId: string, now = new Date()): Promise<JoinLink> {
  const a = await appointment(deps, appointmentId);
  if (!(await isPatientOf(deps, session, a))) throw NotFound();
  if (a.visit_type !== 'video') throw new DomainError('invalid', 'problem.video-only');
  if (a.status !== 'booked' || now.getTime() >= closesAt({ endsAt: a.ends_at }).getTime()) throw Conflict('problem.video-room-closed');
  const expiresAt = closesAt({ endsAt: a.ends_at });
  const token = signLink(deps.linkSecret, { appointmentId: a.id, role: 'patient', personId: a.patient_id, version: a.version, expiresAt });
  return { appointmentId: a.id, url: `${deps.publicUrl}/video/join#${token}`, token, expiresAt: expiresAt.toISOString() };
}

/** A person enters (or is already in) the room: one live row per person, made under the room's lock. */
async function enterAsPerson(deps: VideoDeps, a: Appointment, p: { role: 'patient' | 'clinician'; personId: string; joinedBy: string; displayName: string }): Promise<RoomEntry> {
  const row = await deps.db
    .transaction()
    .execute(async (tx) => {
      await store.lockRoom(tx, a.id);
      const live = await store.liveRowOfPerson(tx, a.id, p.personId);
      if (live) return live;
      return store.insertParticipant(tx, { appointmentId: a.id, role: p.role, personId: p.personId, joinedBy: p.joinedBy, displayName: p.displayName, state: p.role === 'clinician' ? 'admitted' : 'waiting' });
    })
    .catch((err: unknown) => {
      if (store.errorCode(err) === store.CHECK_VIOLATION) throw Conflict('problem.video-room-full');
      throw err;
    });
  await publish(deps, a, 'entered');
  return entryOf(row);
}

/** The patient (or a parent for a child under 16) enters the waiting room with their session and the link. */
export async function joinWithLink(deps: VideoDeps, session: SessionInfo, requestId: string, token: string, now = new Date()): Promise<RoomEntry> {
  const claims = verifyLink(deps.linkSecret, token, now);
  if (!claims) throw Forbidden('problem.video-link-invalid');
  const a = await appointmentDetails(deps.db, claims.appointmentId);
  if (!a || a.patient_id !== claims.personId) throw Forbidden('problem.video-link-invalid');
  const relation = await isPatientOf(deps, session, a);
  if (!relation) throw Forbidden('problem.video-link-other-patient');
  if (a.status !== 'booked' || a.visit_type !== 'video' || a.version !== claims.version) throw Conflict('problem.video-room-closed');
  requireOpen(a, now);
  await openRoom(deps, a);
  if (relation === 'guardian') {
    await recordAccess(deps.db, { actorPersonId: session.personId, actorKind: 'guardian', subjectPersonId: a.patient_id, clinicId: a.clinic_id, action: 'video.join', reason: 'parent acting for child', requestId });
  }
  return enterAsPerson(deps, a, { role: 'patient', personId: a.patient_id, joinedBy: session.personId, displayName: a.patient_name ?? '—' });
}

/** The clinician of the appointment enters from their session, admitted at once. */
export async function clinicianEnter(deps: VideoDeps, session: SessionInfo, requestId: string, appointmentId: string, now = new Date()): Promise<RoomEntry> {
  const a = await asClinician(deps, session, appointmentId);
  requireOpen(a, now);
  await openRoom(deps, a);
  await recordAccess(deps.db, { actorPersonId: session.personId, actorKind: 'staff', subjectPersonId: a.patient_id, clinicId: a.clinic_id, action: 'video.enter', reason: 'video consultation', requestId });
  return enterAsPerson(deps, a, { role: 'clinician', personId: session.personId, joinedBy: session.personId, displayName: a.practitioner_name ?? '—' });
}

export async function clinicianChange<T>(deps: VideoDeps, session: SessionInfo, requestId: string, appointmentId: string, action: string, work: (tx: Tx, a: Appointment) => Promise<T>, now = new Date()): Promise<T> {
  const a = await asClinician(deps, session, appointmentId);
  requireOpen(a, now);
  await openRoom(deps, a);
  const result = await deps.db
    .transaction()
    .execute(async (tx) => {
      await store.lockRoom(tx, a.id);
      const r = await work(tx, a);
      await recordAccess(tx, { actorPersonId: session.personId, actorKind: 'staff', subjectPersonId: a.patient_id, clinicId: a.clinic_id, action, reason: 'video consultation', requestId });
      return r;
    })
    .catch((err: unknown) => {
      if (store.errorCode(err) === store.CHECK_VIOLATION) throw Conflict('problem.video-room-full');
      throw err;
    });
  await publish(deps, a, action);
  return result;
}

async function participantIn(tx: Tx, appointmentId: string, participantId: string) {
  const p = await store.participant(tx, participantId);
  if (!p || p.appointment_id !== appointmentId) throw NotFound();
  return p;
}

/** Lets a waiting participant in; the database refuses a fifth admitted participant, whoever admits at the same time. */
export async function admit(deps: VideoDeps, session: SessionInfo, requestId: string, appointmentId: string, participantId: string): Promise<RoomEntry> {
  return clinicianChange(deps, session, requestId, appointmentId, 'video.admit', async (tx) => {
    const p = await participantIn(tx, appointmentId, participantId);
    if (p.state === 'admitted') return entryOf(p);
    const row = await store.setState(tx, participantId, ['waiting'], 'admitted');
    if (!row) throw Conflict('problem.video-not-waiting');
    return entryOf(row);
  });
}

export async function remove(deps: VideoDeps, session: SessionInfo, requestId: string, appointmentId: string, participantId: string): Promise<RoomEntry> {
  return clinicianChange(deps, session, requestId, appointmentId, 'video.remove', async (tx) => {
    const p = await participantIn(tx, appointmentId, participantId);
    if (p.role === 'clinician') throw Conflict('problem.video-cannot-remove-clinician');
    return entryOf((await store.leave(tx, participantId, 'removed')) ?? p);
  });
}

/** "The clinician is running N minutes late", shown to everyone waiting; 0 clears it. */
export async function setLate(deps: VideoDeps, session: SessionInfo, appointmentId: string, minutes: number): Promise<void> {
  const a = await asClinician(deps, session, appointmentId);
  requireOpen(a, new Date());
  await openRoom(deps, a);
  await store.setLate(deps.db, a.id, minutes);
  await publish(deps, a, 'late');
}

/** The clinician saw the patient's photo ID on camera; kept with the appointment's room and in the audit log. */
export async function recordIdentityCheck(deps: VideoDeps, session: SessionInfo, requestId: string, appointmentId: string): Promise<void> {
  await clinicianChange(deps, session, requestId, appointmentId, 'video.identity-check', async (tx, a) => store.recordIdentityCheck(tx, a.id, session.personId));
}

/** The viewer's own row in the room (the newest), or null. */
export async function rowOf(deps: VideoDeps, viewer: Viewer, appointmentId: string) {
  if (viewer.kind === 'guest') {
    const p = await store.participant(deps.db, viewer.participantId);
    return p && p.appointment_id === appointmentId ? p : null;
  }
  return (await store.liveRowOfPerson(deps.db, appointmentId, viewer.session.personId)) ?? (await store.latestRowOfSession(deps.db, appointmentId, viewer.session.personId)) ?? null;
}

export async function leave(deps: VideoDeps, viewer: Viewer, appointmentId: string): Promise<RoomEntry> {
  const row = await rowOf(deps, viewer, appointmentId);
  if (!row) throw NotFound();
  const left = await deps.db.transaction().execute((tx) => store.leave(tx, row.id, 'left'));
  if (left) await publish(deps, await appointment(deps, appointmentId), 'left');
  return entryOf(left ?? row);
}

/** "Call me on the phone instead": recorded with the room and shown to the clinician at once. */
export async function requestPhone(deps: VideoDeps, session: SessionInfo, requestId: string, appointmentId: string, phone: string | null): Promise<void> {
  const a = await appointment(deps, appointmentId);
  const relation = await isPatientOf(deps, session, a);
  if (!relation) throw NotFound();
  requireOpen(a, new Date());
  await openRoom(deps, a);
  await deps.db.transaction().execute(async (tx) => {
    await store.recordPhoneRequest(tx, a.id, session.personId, phone);
    if (relation === 'guardian') {
      await recordAccess(tx, { actorPersonId: session.personId, actorKind: 'guardian', subjectPersonId: a.patient_id, clinicId: a.clinic_id, action: 'video.phone-instead', reason: 'parent acting for child', requestId });
    }
  });
  await publish(deps, a, 'phone-requested');
}

/** The clinician ends the call: the appointment is completed and everyone leaves the room. */
export async function endCall(deps: VideoDeps, session: SessionInfo, requestId: string, appointmentId: string): Promise<void> {
  const a = await asClinician(deps, session, appointmentId);
  if (a.status !== 'booked') throw Conflict('problem.appointment-not-active');
  await openRoom(deps, a);
  await deps.db.transaction().execute(async (tx) => {
    await store.lockRoom(tx, a.id);
    if (!(await completeWithin(tx, a.id))) throw Conflict('problem.appointment-not-active');
    await store.emptyRoom(tx, a.id, 'ended');
    await store.endRoom(tx, a.id, 'completed');
    await recordAccess(tx, { actorPersonId: session.personId, actorKind: 'staff', subjectPersonId: a.patient_id, clinicId: a.clinic_id, action: 'video.end', reason: 'video consultation', requestId });
  });
  await publish(deps, a, 'ended');
  await deps.bus.publish(appointmentTopic(a.id), { type: 'completed', appointmentId: a.id }).catch((err: Error) => deps.log.warn({ err: err.message }, 'appointment event not published'));
}
