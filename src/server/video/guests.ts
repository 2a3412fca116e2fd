// Guests of a video consultation: an interpreter or a relative invited by the clinician with a one-time link, who
// waits like everyone else, holds a guest credential instead of a session, and may come back while the call lasts.
import type { SessionInfo } from '../platform/http/access.ts';
import { Conflict, DomainError, Forbidden, NotFound } from '../platform/http/errors.ts';
import { appointmentDetails } from '../booking/service.ts';
import type { GuestInvitation, GuestRole, RoomEntry } from '../../shared/video-api.ts';
import { appointmentChange, closesAt, cleanDisplayName, hashToken, newToken } from './domain.ts';
import { appointment, clinicianChange, entryOf, publish, reconcile, requireOpen, stateOf, type VideoDeps } from './service.ts';
import * as store from './store.ts';

/** A one-time link for an interpreter or a relative, who will wait like everyone else. */
export async function invite(deps: VideoDeps, session: SessionInfo, requestId: string, appointmentId: string, role: GuestRole, rawName: string): Promise<GuestInvitation> {
  const displayName = cleanDisplayName(rawName);
  if (!displayName) throw new DomainError('invalid', 'problem.invalid', { detail: 'displayName must have 1 to 80 characters' });
  const { token, hash } = newToken();
  return clinicianChange(deps, session, requestId, appointmentId, 'video.invite', async (tx, a) => {
    const expiresAt = closesAt({ endsAt: a.ends_at });
    const p = await store.insertParticipant(tx, { appointmentId: a.id, role, personId: null, joinedBy: null, displayName, state: 'invited' });
    await store.insertInvitation(tx, { participantId: p.id, tokenHash: hash, createdBy: session.personId, expiresAt });
    return { appointmentId: a.id, participantId: p.id, role, displayName, url: `${deps.publicUrl}/video/guest#${token}`, token, expiresAt: expiresAt.toISOString() };
  });
}

/** A guest opens their invitation: used up at once; they get a guest credential (for their cookie) and wait. */
export async function acceptInvitation(deps: VideoDeps, token: string, now = new Date()): Promise<{ entry: RoomEntry; guestToken: string; expiresAt: Date }> {
  if (token.length > 100) throw Forbidden('problem.video-invitation-invalid');
  const guest = newToken();
  const result = await deps.db.transaction().execute(async (tx) => {
    const used = await store.consumeInvitation(tx, hashToken(token));
    if (!used) throw Forbidden('problem.video-invitation-invalid');
    const p = (await store.participant(tx, used.participant_id))!;
    const a = await appointmentDetails(tx, p.appointment_id);
    if (!a) throw NotFound();
    // Thrown inside the transaction: the invitation is not used up by a guest who came too early.
    requireOpen(a, now);
    const room = await store.lockRoom(tx, a.id);
    if (!room || room.ended_at || appointmentChange(stateOf(a), room.appointment_version)) throw Conflict('problem.video-room-closed');
    const row = await store.setState(tx, p.id, ['invited'], 'waiting', { guestTokenHash: guest.hash });
    if (!row) throw Forbidden('problem.video-invitation-invalid');
    return { entry: entryOf(row), expiresAt: closesAt({ endsAt: a.ends_at }), appointment: a };
  });
  await publish(deps, result.appointment, 'entered');
  return { entry: result.entry, expiresAt: result.expiresAt, guestToken: guest.token };
}

/** The guest a cookie token names, while still let in. */
export async function guestOfToken(deps: VideoDeps, token: string | undefined): Promise<{ participantId: string; appointmentId: string } | null> {
  if (!token || token.length > 100) return null;
  const row = await store.guestByTokenHash(deps.db, hashToken(token));
  if (!row || !(await store.guestsStillIn(deps.db, [row.id])).has(row.id)) return null;
  return { participantId: row.id, appointmentId: row.appointment_id };
}

/** A guest who left comes back: they wait again (the clinician admits them again). */
export async function guestEnter(deps: VideoDeps, participantId: string, now = new Date()): Promise<RoomEntry> {
  const p = await store.participant(deps.db, participantId);
  if (!p) throw NotFound();
  const a = await appointment(deps, p.appointment_id);
  requireOpen(a, now);
  await reconcile(deps, a);
  const row = await deps.db.transaction().execute(async (tx) => {
    await store.lockRoom(tx, a.id);
    const current = (await store.participant(tx, participantId))!;
    if (current.state !== 'left') return current;
    if (current.left_reason !== 'left') throw Forbidden();
    return (await store.setState(tx, participantId, ['left'], 'waiting')) ?? current;
  });
  await publish(deps, a, 'entered');
  return entryOf(row);
}
