// SQL of the video capability: rooms, participants and invitations. Plain rows out; no decisions here.
import { sql } from 'kysely';
import type { Db, Tx } from '../platform/db/database.ts';
import type { LeftReason, RoomEndedReason, VideoRole } from '../../shared/video-api.ts';
import type { VideoTables } from './schema.ts';

const v = (db: Db | Tx) => db.withTables<VideoTables>();

export const CHECK_VIOLATION = '23514';
export const UNIQUE_VIOLATION = '23505';
export const errorCode = (err: unknown) => (err as { code?: string }).code;

/** The room of an appointment, made on first use. */
export async function ensureRoom(db: Db | Tx, r: { appointmentId: string; clinicId: string; version: number }) {
  await v(db)
    .insertInto('video_rooms')
    .values({ appointment_id: r.appointmentId, clinic_id: r.clinicId, appointment_version: r.version })
    .onConflict((oc) => oc.column('appointment_id').doNothing())
    .execute();
}

export async function room(db: Db | Tx, appointmentId: string) {
  return v(db).selectFrom('video_rooms').selectAll().where('appointment_id', '=', appointmentId).executeTakeFirst();
}

/** Holds the room until the transaction ends: changes to one room's people happen one at a time. */
export async function lockRoom(tx: Tx, appointmentId: string) {
  return v(tx).selectFrom('video_rooms').selectAll().where('appointment_id', '=', appointmentId).forUpdate().executeTakeFirst();
}

export async function participants(db: Db | Tx, appointmentId: string) {
  return v(db).selectFrom('video_participants').selectAll().where('appointment_id', '=', appointmentId).orderBy('created_at').execute();
}

export async function participant(db: Db | Tx, id: string) {
  return v(db).selectFrom('video_participants').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The live (not left) row of a known person in a room: the patient (entered by themself or a parent) or the clinician. */
export async function liveRowOfPerson(db: Db | Tx, appointmentId: string, personId: string) {
  return v(db)
    .selectFrom('video_participants')
    .selectAll()
    .where('appointment_id', '=', appointmentId)
    .where('person_id', '=', personId)
    .where('state', '<>', 'left')
    .executeTakeFirst();
}

/** The newest row of a session's person in a room: their own, or the child's they entered for. */
export async function latestRowOfSession(db: Db | Tx, appointmentId: string, personId: string) {
  return v(db)
    .selectFrom('video_participants')
    .selectAll()
    .where('appointment_id', '=', appointmentId)
    .where((eb) => eb.or([eb('person_id', '=', personId), eb.and([eb('role', '=', 'patient'), eb('joined_by', '=', personId)])]))
    .orderBy(sql`state = 'left'`)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function insertParticipant(
  tx: Tx,
  p: { appointmentId: string; role: VideoRole; personId: string | null; joinedBy: string | null; displayName: string; state: 'invited' | 'waiting' | 'admitted' },
) {
  return v(tx)
    .insertInto('video_participants')
    .values({
      appointment_id: p.appointmentId,
      role: p.role,
      person_id: p.personId,
      joined_by: p.joinedBy,
      display_name: p.displayName,
      state: p.state,
      waiting_since: p.state === 'invited' ? null : sql<Date>`now()`,
      admitted_at: p.state === 'admitted' ? sql<Date>`now()` : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Moves a participant from one of `from` to `to`; the admitted-count trigger refuses a fifth admitted (23514). */
export async function setState(tx: Tx, id: string, from: Array<'invited' | 'waiting' | 'admitted' | 'left'>, to: 'waiting' | 'admitted', extra: { guestTokenHash?: string; joinedBy?: string } = {}) {
  return v(tx)
    .updateTable('video_participants')
    .set({
      state: to,
      ...(to === 'waiting' ? { waiting_since: sql<Date>`now()`, admitted_at: null } : { admitted_at: sql<Date>`now()` }),
      left_at: null,
      left_reason: null,
      ...(extra.guestTokenHash ? { guest_token_hash: extra.guestTokenHash } : {}),
      ...(extra.joinedBy ? { joined_by: extra.joinedBy } : {}),
    })
    .where('id', '=', id)
    .where('state', 'in', from)
    .returningAll()
    .executeTakeFirst();
}

export async function leave(tx: Tx, id: string, reason: LeftReason) {
  return v(tx)
    .updateTable('video_participants')
    .set({ state: 'left', left_reason: reason, left_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('state', '<>', 'left')
    .returningAll()
    .executeTakeFirst();
}

/** Everyone still in (or invited to) the room leaves with the reason; returns how many did. */
export async function emptyRoom(tx: Tx, appointmentId: string, reason: LeftReason): Promise<number> {
  const rows = await v(tx)
    .updateTable('video_participants')
    .set({ state: 'left', left_reason: reason, left_at: sql<Date>`now()` })
    .where('appointment_id', '=', appointmentId)
    .where('state', '<>', 'left')
    .returning('id')
    .execute();
  return rows.length;
}

export async function endRoom(tx: Tx, appointmentId: string, reason: RoomEndedReason) {
  await v(tx).updateTable('video_rooms').set({ ended_at: sql<Date>`now()`, ended_reason: reason }).where('appointment_id', '=', appointmentId).where('ended_at', 'is', null).execute();
}

export async function setRoomVersion(tx: Tx, appointmentId: string, version: number) {
  await v(tx).updateTable('video_rooms').set({ appointment_version: version }).where('appointment_id', '=', appointmentId).execute();
}

export async function setLate(db: Db, appointmentId: string, minutes: number) {
  await v(db).updateTable('video_rooms').set({ late_minutes: minutes, late_set_at: sql<Date>`now()` }).where('appointment_id', '=', appointmentId).execute();
}

export async function recordIdentityCheck(tx: Tx, appointmentId: string, by: string) {
  await v(tx).updateTable('video_rooms').set({ identity_checked_at: sql<Date>`now()`, identity_checked_by: by }).where('appointment_id', '=', appointmentId).execute();
}

export async function recordPhoneRequest(tx: Tx, appointmentId: string, by: string, phone: string | null) {
  await v(tx).updateTable('video_rooms').set({ phone_requested_at: sql<Date>`now()`, phone_requested_by: by, phone_number: phone }).where('appointment_id', '=', appointmentId).execute();
}

export async function insertInvitation(tx: Tx, i: { participantId: string; tokenHash: string; createdBy: string; expiresAt: Date }) {
  await v(tx).insertInto('video_invitations').values({ participant_id: i.participantId, token_hash: i.tokenHash, created_by: i.createdBy, expires_at: i.expiresAt }).execute();
}

/** Uses up an invitation: only the first caller gets its participant back. */
export async function consumeInvitation(tx: Tx, tokenHash: string) {
  return v(tx)
    .updateTable('video_invitations')
    .set({ consumed_at: sql<Date>`now()` })
    .where('token_hash', '=', tokenHash)
    .where('consumed_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .returning(['participant_id'])
    .executeTakeFirst();
}

export async function guestByTokenHash(db: Db | Tx, hash: string) {
  return v(db).selectFrom('video_participants').selectAll().where('guest_token_hash', '=', hash).executeTakeFirst();
}

/** Of these guests, those whose room has not ended nor their invitation's time run out, and who were not removed (having left, they may come back). */
export async function guestsStillIn(db: Db, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await v(db)
    .selectFrom('video_participants as p')
    .innerJoin('video_rooms as r', 'r.appointment_id', 'p.appointment_id')
    .innerJoin('video_invitations as i', 'i.participant_id', 'p.id')
    .select('p.id')
    .where(sql<boolean>`p.id = ANY(${ids}::uuid[])`)
    .where('r.ended_at', 'is', null)
    .where('i.expires_at', '>', sql<Date>`now()`)
    .where((eb) => eb.or([eb('p.state', '<>', 'left'), eb('p.left_reason', '=', 'left')]))
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** The sender (by participant id, or by a session's person) and the target, both admitted in the room; null if not. */
export async function admittedPair(db: Db, appointmentId: string, sender: { participantId: string } | { personId: string }, targetId: string) {
  return v(db)
    .selectFrom('video_participants as s')
    .innerJoin('video_participants as t', (j) => j.onRef('t.appointment_id', '=', 's.appointment_id').on('t.id', '=', targetId).on('t.state', '=', 'admitted'))
    .select(['s.id as from_id'])
    .where('s.appointment_id', '=', appointmentId)
    .where('s.state', '=', 'admitted')
    .where((eb) =>
      'participantId' in sender
        ? eb('s.id', '=', sender.participantId)
        : eb.or([eb('s.person_id', '=', sender.personId), eb.and([eb('s.role', '=', 'patient'), eb('s.joined_by', '=', sender.personId)])]),
    )
    .executeTakeFirst();
}

/** The admitted participants of a room, when the sender is one of them. */
export async function admittedWithSender(db: Db, appointmentId: string, sender: { participantId: string } | { personId: string }) {
  const rows = await v(db).selectFrom('video_participants').selectAll().where('appointment_id', '=', appointmentId).where('state', '=', 'admitted').execute();
  const from = rows.find((r) => ('participantId' in sender ? r.id === sender.participantId : r.person_id === sender.personId || (r.role === 'patient' && r.joined_by === sender.personId)));
  return from ? { from, everyone: rows } : null;
}

export async function practitionerPersonId(db: Db | Tx, practitionerId: string): Promise<string | null> {
  const row = await db.selectFrom('practitioners').select('person_id').where('id', '=', practitionerId).executeTakeFirst();
  return row?.person_id ?? null;
}

export async function personName(db: Db | Tx, personId: string): Promise<string | null> {
  const row = await db.selectFrom('persons').select('name').where('id', '=', personId).executeTakeFirst();
  return row?.name ?? null;
}

/** The practitioner a staff member is, if they are one. */
export async function practitionerOfPerson(db: Db | Tx, personId: string): Promise<string | undefined> {
  const row = await db.selectFrom('practitioners').select('id').where('person_id', '=', personId).executeTakeFirst();
  return row?.id;
}

/** Who waits in the rooms of a clinician's video appointments that are still on (from an hour before to their end). */
export async function waitingForPractitioner(db: Db | Tx, practitionerId: string, now: Date) {
  return v(db)
    .selectFrom('appointments as a')
    .innerJoin('video_participants as p', 'p.appointment_id', 'a.id')
    .select(['a.id as appointment_id', 'a.starts_at', 'a.patient_id', 'p.id as participant_id', 'p.display_name', 'p.role', 'p.waiting_since'])
    .where('a.practitioner_id', '=', practitionerId)
    .where('a.visit_type', '=', 'video')
    .where('a.status', '=', 'booked')
    .where('a.ends_at', '>', sql<Date>`${now}::timestamptz - interval '30 minutes'`)
    .where('a.starts_at', '<', sql<Date>`${now}::timestamptz + interval '1 hour'`)
    .where('p.state', '=', 'waiting')
    .orderBy('a.starts_at')
    .orderBy('p.waiting_since')
    .execute();
}
