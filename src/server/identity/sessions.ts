// Server-side sessions: an opaque cookie token, stored hashed, with idle and absolute timeouts.
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../platform/db/database.ts';
import type { SessionInfo } from '../platform/http/access.ts';
import type { StaffRole } from '../platform/db/schema.ts';
import { LANGUAGES } from '../platform/http/messages.ts';

export const SESSION_COOKIE = 'nettlege_session';

const hash = (token: string) => createHash('sha256').update(token).digest('base64url');

export interface SessionTimeouts {
  idleMinutes: number;
  absoluteHours: number;
}

export async function createSession(
  db: Db,
  t: SessionTimeouts,
  s: { personId: string; kind: 'patient' | 'staff'; clinicId: string | null; language: string },
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db
    .insertInto('sessions')
    .values({
      id: hash(token),
      person_id: s.personId,
      kind: s.kind,
      clinic_id: s.clinicId,
      acting_for_id: null,
      csrf_token: randomBytes(24).toString('base64url'),
      language: s.language,
      absolute_expires_at: new Date(Date.now() + t.absoluteHours * 3600_000),
    })
    .execute();
  return token;
}

/** Touching a session more often than this buys nothing but a write per request. */
const TOUCH_EVERY_MS = 60_000;
/** Shared by every session without staff roles (never changed: a session's roles are read anew each request). */
const NO_ROLES = Object.freeze([]) as unknown as StaffRole[];

/** The live session for a cookie token, or null; touching it keeps it alive until the idle timeout. */
export async function loadSession(db: Db, t: SessionTimeouts, token: string | undefined): Promise<SessionInfo | null> {
  if (!token || token.length > 100) return null;
  const row = await db
    .selectFrom('sessions')
    .selectAll()
    .where('id', '=', hash(token))
    .where('ended_at', 'is', null)
    .where('absolute_expires_at', '>', sql<Date>`now()`)
    .where('last_seen_at', '>', sql<Date>`now() - make_interval(mins => ${t.idleMinutes})`)
    .executeTakeFirst();
  if (!row) return null;
  if (Date.now() - new Date(row.last_seen_at).getTime() > TOUCH_EVERY_MS) {
    await db.updateTable('sessions').set({ last_seen_at: sql`now()` }).where('id', '=', row.id).execute();
  }
  let roles: StaffRole[] = NO_ROLES;
  if (row.kind === 'staff' && row.clinic_id) {
    const r = await db.selectFrom('staff_roles').select('role').where('person_id', '=', row.person_id).where('clinic_id', '=', row.clinic_id).execute();
    roles = r.map((x) => x.role);
  }
  return {
    id: row.id,
    personId: row.person_id,
    // Literals, not the driver's fresh strings: a session is kept with every live socket.
    kind: row.kind === 'staff' ? 'staff' : 'patient',
    actingForId: row.acting_for_id,
    clinicId: row.clinic_id,
    roles,
    csrfToken: row.csrf_token,
    language: LANGUAGES.find((l) => l === row.language) ?? row.language,
  };
}

export async function endSession(db: Db, sessionId: string): Promise<void> {
  await db.updateTable('sessions').set({ ended_at: sql`now()` }).where('id', '=', sessionId).execute();
}

export async function setActingFor(db: Db, sessionId: string, personId: string | null): Promise<void> {
  await db.updateTable('sessions').set({ acting_for_id: personId }).where('id', '=', sessionId).execute();
}

export async function setSessionLanguage(db: Db, sessionId: string, language: string): Promise<void> {
  await db.updateTable('sessions').set({ language }).where('id', '=', sessionId).execute();
}

export async function purgeOldLoginStates(db: Db): Promise<void> {
  await db.deleteFrom('login_states').where('created_at', '<', sql<Date>`now() - interval '15 minutes'`).execute();
}
