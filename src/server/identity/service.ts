// Identity use cases: log in through OIDC (patient or staff), switch whom a parent acts for, contact details.
import type { Db } from '../platform/db/database.ts';
import { DomainError } from '../platform/http/errors.ts';
import { recordAccess } from '../platform/audit.ts';
import { parseNationalId } from '../../shared/national-id.ts';
import { localDate } from '../../shared/time.ts';
import { OidcRelyingParty } from './oidc.ts';
import { canActFor, proxyAccess, staffLoginAllowed } from './domain.ts';
import { createSession, setActingFor, type SessionTimeouts } from './sessions.ts';
import * as people from './people.ts';

export type LoginKind = 'patient' | 'staff';

export interface IdentityDeps {
  db: Db;
  timeouts: SessionTimeouts;
  relyingParties: Record<LoginKind, OidcRelyingParty>;
}

const SAFE_RETURN = /^\/[a-zA-Z0-9\-/]*$/;

export async function beginLogin(deps: IdentityDeps, kind: LoginKind, returnTo: string | undefined): Promise<URL> {
  const checks = OidcRelyingParty.newChecks();
  const target = returnTo && SAFE_RETURN.test(returnTo) && !returnTo.startsWith('//') ? returnTo : kind === 'staff' ? '/ansatt' : '/min-side';
  await deps.db
    .insertInto('login_states')
    .values({ state: checks.state, nonce: checks.nonce, code_verifier: checks.codeVerifier, kind, return_to: target })
    .execute();
  return deps.relyingParties[kind].authorizationUrl(checks);
}

export interface CompletedLogin {
  token: string;
  redirectTo: string;
  personId: string;
}

export async function completeLogin(deps: IdentityDeps, callbackUrl: URL): Promise<CompletedLogin> {
  const state = callbackUrl.searchParams.get('state') ?? '';
  // One use only: taking the row out makes a replayed callback fail.
  const pending = await deps.db.deleteFrom('login_states').where('state', '=', state).returningAll().executeTakeFirst();
  if (!pending || Date.now() - new Date(pending.created_at).getTime() > 15 * 60_000) {
    throw new DomainError('invalid', 'problem.login-expired');
  }
  let identity;
  try {
    identity = await deps.relyingParties[pending.kind].complete(callbackUrl, {
      state: pending.state,
      nonce: pending.nonce,
      codeVerifier: pending.code_verifier,
    });
  } catch {
    throw new DomainError('unauthenticated', 'problem.login-failed');
  }
  const nationalId = parseNationalId(identity.pid, new Date());
  if (!nationalId) throw new DomainError('unauthenticated', 'problem.invalid-national-id');

  if (pending.kind === 'patient') {
    const person = await people.upsertPersonByNationalId(deps.db, nationalId, identity.name);
    const token = await createSession(deps.db, deps.timeouts, { personId: person.id, kind: 'patient', clinicId: null, language: person.preferred_language });
    return { token, redirectTo: pending.return_to, personId: person.id };
  }

  const person = await people.findPersonByNationalId(deps.db, nationalId.value);
  const memberships = person ? await people.staffMembershipsOf(deps.db, person.id) : [];
  const clinicId = memberships[0]?.clinic_id;
  const roles = memberships.filter((m) => m.clinic_id === clinicId).map((m) => m.role);
  if (!person || !clinicId || !staffLoginAllowed(roles, memberships[0]?.hpr_number ?? null, identity.hprNumber)) {
    throw new DomainError('forbidden', 'problem.not-staff');
  }
  const token = await createSession(deps.db, deps.timeouts, { personId: person.id, kind: 'staff', clinicId, language: person.preferred_language });
  return { token, redirectTo: pending.return_to, personId: person.id };
}

/** A parent switches to act for a child under 16 (or back to themself); the switch is recorded. */
export async function actFor(db: Db, session: { id: string; personId: string }, childId: string | null, requestId: string): Promise<void> {
  if (childId === null || childId === session.personId) {
    await setActingFor(db, session.id, null);
    return;
  }
  const child = await people.getPerson(db, childId);
  const related = child ? await people.isGuardianOf(db, session.personId, childId) : false;
  if (!child || !canActFor(related, child.birth_date, localDate(new Date()))) {
    throw new DomainError('forbidden', 'problem.cannot-act-for');
  }
  await setActingFor(db, session.id, childId);
  await recordAccess(db, {
    actorPersonId: session.personId,
    actorKind: 'guardian',
    subjectPersonId: childId,
    action: 'proxy.start',
    reason: 'parent acting for child',
    requestId,
  });
}

const PHONE = /^(\+47[49]\d{7}|[49]\d{7}|\+467\d{8}|07\d{8})$/;
const EMAIL = /^[^\s@<>]{1,64}@[^\s@<>]{1,190}\.[a-z]{2,}$/i;

export function normalisePhone(raw: string): string {
  const p = raw.replace(/[\s-]/g, '');
  if (!PHONE.test(p)) throw new DomainError('invalid', 'problem.invalid-phone');
  if (p.startsWith('+')) return p;
  return p.startsWith('07') ? `+46${p.slice(1)}` : `+47${p}`;
}

export function normaliseEmail(raw: string): string {
  const e = raw.trim();
  if (!EMAIL.test(e)) throw new DomainError('invalid', 'problem.invalid-email');
  return e;
}


/** The patients a logged-in person may act for today: themself and their children under 16. */
export async function patientsActorMayActFor(db: Db, personId: string): Promise<string[]> {
  const today = localDate(new Date());
  const children = await people.childrenOf(db, personId);
  return [personId, ...children.filter((c) => canActFor(true, c.birth_date, today)).map((c) => c.id)];
}

/**
 * For what DOMAIN.md keeps from parents once a child is 12 (the journal, who has read it): the session's own, or a
 * child it has full access for (under 12). The access rule has already checked that the session may act for the subject.
 */
export async function requireFullAccess(db: Db, sessionPersonId: string, subjectId: string): Promise<void> {
  if (subjectId === sessionPersonId) return;
  const child = await people.getPerson(db, subjectId);
  if (!child || proxyAccess(true, child.birth_date, localDate(new Date())) !== 'full') throw new DomainError('forbidden', 'problem.proxy-limited');
}

/** The patient a request is about: the actor, or a child under 16 the actor acts for; anyone else is refused. */
export async function subjectFor(db: Db, actorId: string, patientId: string | undefined): Promise<string> {
  if (!patientId || patientId === actorId) return actorId;
  if (!(await patientsActorMayActFor(db, actorId)).includes(patientId)) throw new DomainError('forbidden', 'problem.cannot-act-for');
  return patientId;
}

export async function mayActFor(db: Db, personId: string, patientId: string): Promise<boolean> {
  return (await patientsActorMayActFor(db, personId)).includes(patientId);
}
