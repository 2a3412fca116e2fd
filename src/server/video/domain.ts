// The video consultation's rules, pure: signed join links, TURN credentials, when a room is open, and what a changed
// appointment means for the people in it. The time is always a parameter.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { LeftReason, RoomEndedReason } from '../../shared/video-api.ts';

/** The waiting room opens this long before the appointment starts ("be ready early, test sound and picture"). */
export const OPENS_BEFORE_MS = 60 * 60_000;
/** Links, guests and the room keep working this long after the appointment's planned end: calls run over. */
export const GRACE_AFTER_END_MS = 30 * 60_000;
/** The connection test before a call gets TURN credentials this short-lived. */
export const CONNECTION_TEST_TTL_SECONDS = 300;

export interface LinkClaims {
  appointmentId: string;
  role: 'patient';
  /** The patient (a parent joins for a child under 16 with the child's link). */
  personId: string;
  /** The appointment's version when the link was made: a moved appointment has a new one, and old links stop. */
  version: number;
  expiresAt: Date;
}

const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64url');
const mac = (secret: string, body: string) => createHmac('sha256', secret).update(`video-link:${body}`).digest();

export function signLink(secret: string, c: LinkClaims): string {
  const body = b64(JSON.stringify({ a: c.appointmentId, r: c.role, p: c.personId, v: c.version, e: Math.floor(c.expiresAt.getTime() / 1000) }));
  return `${body}.${b64(mac(secret, body))}`;
}

/** The claims of an untampered, unexpired link, or null. */
export function verifyLink(secret: string, token: string, now: Date): LinkClaims | null {
  if (token.length > 600) return null;
  const [body, sig, ...rest] = token.split('.');
  if (!body || !sig || rest.length > 0) return null;
  const given = Buffer.from(sig, 'base64url');
  const expected = mac(secret, body);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const raw = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { a?: unknown; r?: unknown; p?: unknown; v?: unknown; e?: unknown };
    if (typeof raw.a !== 'string' || raw.r !== 'patient' || typeof raw.p !== 'string' || !Number.isInteger(raw.v) || !Number.isInteger(raw.e)) return null;
    const expiresAt = new Date((raw.e as number) * 1000);
    if (expiresAt.getTime() <= now.getTime()) return null;
    return { appointmentId: raw.a, role: 'patient', personId: raw.p, version: raw.v as number, expiresAt };
  } catch {
    return null;
  }
}

/** A random bearer token (guest invitation, guest cookie) and the hash kept of it. */
export function newToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/** coturn's TURN REST credentials (use-auth-secret): username = "<expiry unix>:<user>", credential = base64(HMAC-SHA1). */
export function turnCredentials(secret: string, user: string, ttlSeconds: number, now: Date): { username: string; credential: string; expiresAt: Date } {
  const expiry = Math.floor(now.getTime() / 1000) + ttlSeconds;
  const username = `${expiry}:${user}`;
  return { username, credential: createHmac('sha1', secret).update(username).digest('base64'), expiresAt: new Date(expiry * 1000) };
}

export interface AppointmentState {
  status: 'booked' | 'cancelled' | 'completed' | 'no_show';
  visitType: string;
  version: number;
  startsAt: Date;
  endsAt: Date;
}

/** Until when a link, a guest and the room work for this appointment. */
export const closesAt = (a: { endsAt: Date }) => new Date(a.endsAt.getTime() + GRACE_AFTER_END_MS);

/** Whether people may be in the room now: a booked video appointment, from an hour before until the grace after. */
export function roomOpen(a: AppointmentState, now: Date): boolean {
  return a.status === 'booked' && a.visitType === 'video' && now.getTime() >= a.startsAt.getTime() - OPENS_BEFORE_MS && now.getTime() < closesAt(a).getTime();
}

/**
 * What a change of the appointment means for the room, given the version the room last saw: everyone leaves with
 * the reason, and the room ends unless the appointment was only moved (it then opens again at the new time).
 */
export function appointmentChange(a: AppointmentState, roomVersion: number): { leftReason: LeftReason; endRoom: RoomEndedReason | null } | null {
  if (a.status === 'completed') return { leftReason: 'ended', endRoom: 'completed' };
  if (a.status !== 'booked') return { leftReason: 'cancelled', endRoom: 'cancelled' };
  if (a.visitType !== 'video') return { leftReason: 'changed', endRoom: 'changed' };
  if (a.version !== roomVersion) return { leftReason: 'moved', endRoom: null };
  return null;
}

/** The waiting room's first rule: a guest display name is a name, not a paragraph. */
export function cleanDisplayName(raw: string): string | null {
  const name = raw.replace(/\s+/g, ' ').trim();
  return name.length >= 1 && name.length <= 80 ? name : null;
}
