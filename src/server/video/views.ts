// One viewer's view of a video room (REST and the live topic alike), and the ICE servers an admitted participant gets.
import { randomUUID } from 'node:crypto';
import { recordAccess } from '../platform/audit.ts';
import { DomainError, NotFound } from '../platform/http/errors.ts';
import type { IceServers, RosterEntry, RoomView } from '../../shared/video-api.ts';
import type { VideoConfig } from './config.ts';
import { CONNECTION_TEST_TTL_SECONDS, turnCredentials } from './domain.ts';
import { appointment, isClinicianOf, isPatientOf, reconcile, rowOf, type VideoDeps, type Viewer } from './service.ts';
import * as store from './store.ts';

type Row = Awaited<ReturnType<typeof store.participants>>[number];

const rosterEntry = (p: Row, since: Date | null): RosterEntry => ({ participantId: p.id, role: p.role, displayName: p.display_name, state: p.state, since: since?.toISOString() ?? null });

/**
 * The room as this viewer may see it: their own state always; the roster once admitted; the clinician also the waiting
 * and the invited. Staff seeing the patient is an access: `audited` holds the viewers already written to the audit log.
 */
export async function roomView(deps: VideoDeps, viewer: Viewer, appointmentId: string, audited: { done: boolean } = { done: false }): Promise<RoomView> {
  const a = await appointment(deps, appointmentId);
  const clinician = viewer.kind === 'session' && (await isClinicianOf(deps, viewer.session, a));
  if (viewer.kind === 'session' && !clinician && !(await isPatientOf(deps, viewer.session, a))) throw NotFound();
  await reconcile(deps, a);
  const me = await rowOf(deps, viewer, appointmentId);
  if (viewer.kind === 'guest' && !me) throw NotFound();
  if (clinician && !audited.done && viewer.kind === 'session') {
    await recordAccess(deps.db, { actorPersonId: viewer.session.personId, actorKind: 'staff', subjectPersonId: a.patient_id, clinicId: a.clinic_id, action: 'video.room.read', reason: 'video consultation', requestId: viewer.requestId });
    audited.done = true;
  }
  const room = await store.room(deps.db, appointmentId);
  const rows = room ? await store.participants(deps.db, appointmentId) : [];
  const seesRoster = clinician || me?.state === 'admitted';
  return {
    appointmentId,
    startsAt: a.starts_at.toISOString(),
    endsAt: a.ends_at.toISOString(),
    practitionerName: a.practitioner_name,
    patient: clinician ? { id: a.patient_id, name: a.patient_name } : null,
    me: me ? { participantId: me.id, role: me.role, state: me.state, leftReason: me.left_reason } : null,
    status: room?.ended_at || a.status !== 'booked' || a.visit_type !== 'video' ? 'ended' : 'open',
    endedReason: room?.ended_reason ?? (a.status === 'completed' ? 'completed' : a.status !== 'booked' ? 'cancelled' : a.visit_type !== 'video' ? 'changed' : null),
    lateMinutes: room?.late_minutes ?? 0,
    roster: seesRoster ? rows.filter((r) => r.state === 'admitted').map((r) => rosterEntry(r, r.admitted_at)) : [],
    waiting: clinician ? rows.filter((r) => r.state === 'waiting').sort((x, y) => (x.waiting_since?.getTime() ?? 0) - (y.waiting_since?.getTime() ?? 0)).map((r) => rosterEntry(r, r.waiting_since)) : [],
    invited: clinician ? rows.filter((r) => r.state === 'invited').map((r) => rosterEntry(r, null)) : [],
    identityCheckedAt: clinician ? (room?.identity_checked_at?.toISOString() ?? null) : null,
    phoneRequest: clinician && room?.phone_requested_at ? { at: room.phone_requested_at.toISOString(), phone: room.phone_number } : null,
  };
}

function iceServers(c: VideoConfig, user: string, ttlSeconds: number, now: Date): IceServers {
  const servers: IceServers['iceServers'] = [];
  if (c.stunUrls.length) servers.push({ urls: c.stunUrls });
  let expiresAt = new Date(now.getTime() + ttlSeconds * 1000);
  if (c.turnUrls.length && c.turnSecret) {
    const cred = turnCredentials(c.turnSecret, user, ttlSeconds, now);
    servers.push({ urls: c.turnUrls, username: cred.username, credential: cred.credential });
    expiresAt = cred.expiresAt;
  }
  return { iceServers: servers, expiresAt: expiresAt.toISOString(), ttlSeconds };
}

/** STUN and TURN for an admitted participant only: nobody gets a way to media before the clinician lets them in. */
export async function iceServersFor(deps: VideoDeps, c: VideoConfig, viewer: Viewer, appointmentId: string, now = new Date()): Promise<IceServers> {
  const row = await rowOf(deps, viewer, appointmentId);
  if (!row) throw NotFound();
  if (row.state !== 'admitted') throw new DomainError('forbidden', 'problem.video-not-admitted');
  return iceServers(c, row.id, c.turnTtlSeconds, now);
}

/** The device check's connection test before any appointment: the same servers, credentials good for five minutes. */
export function connectionTestServers(c: VideoConfig, now = new Date()): IceServers {
  return iceServers(c, `check-${randomUUID()}`, CONNECTION_TEST_TTL_SECONDS, now);
}
