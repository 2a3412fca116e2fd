// Who may call a route: every route declares one rule in its config; this file enforces it in one place.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../db/database.ts';
import type { StaffRole } from '../db/schema.ts';
import { DomainError, Forbidden, NotFound, Unauthenticated } from './errors.ts';
import { recordAccess } from '../audit.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type Access =
  /** Anyone, logged in or not. */
  | { kind: 'public' }
  /** Any logged-in person, patient or staff. */
  | { kind: 'authenticated' }
  /** A patient acting for themself or for a child they may act for (request.subjectId). */
  | { kind: 'patient' }
  /** A patient (as for 'patient') or staff of the session's clinic (as for 'staff'); the use case checks the object. */
  | { kind: 'patientOrStaff'; roles?: StaffRole[] }
  /** Staff of the session's clinic, optionally only some roles. */
  | { kind: 'staff'; roles?: StaffRole[] }
  /** Staff of a clinic the patient in `param` belongs to; every access is written to the audit log. */
  | { kind: 'staffOfPatient'; param: string; action: string; roles?: StaffRole[] }
  /** Development tools (dev outbox), only where they are switched on. */
  | { kind: 'dev' }
  /** The operator's tools (metrics): `Authorization: Bearer <METRICS_TOKEN>`; absent where no token is set. */
  | { kind: 'operator' };

export interface AccessSettings {
  devToolsEnabled: boolean;
  /** METRICS_TOKEN: the operator's bearer token; undefined switches the operator routes off. */
  operatorToken: string | undefined;
}

/** Compares secrets in constant time. */
export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface SessionInfo {
  id: string;
  personId: string;
  kind: 'patient' | 'staff';
  actingForId: string | null;
  clinicId: string | null;
  roles: StaffRole[];
  csrfToken: string;
  language: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with its access rule, for the authorization tests and the API description. */
    accessTable: RouteRule[];
  }
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    session: SessionInfo | null;
    /** The patient a patient route acts on: the logged-in patient, or the child they act for. */
    subjectId: string | null;
  }
}

export function accessOf(request: FastifyRequest): Access | undefined {
  return request.routeOptions.config.access;
}

export interface RouteRule {
  method: string;
  url: string;
  access: Access;
}

/** Refuses a route without a rule at startup, so none can be forgotten; returns the table of all rules. */
export function requireAccessRules(app: FastifyInstance): RouteRule[] {
  const table: RouteRule[] = [];
  app.addHook('onRoute', (route) => {
    const access = (route.config as { access?: Access } | undefined)?.access;
    if (!access) throw new Error(`route ${String(route.method)} ${route.url} declares no access rule`);
    for (const method of [route.method].flat()) table.push({ method: String(method), url: route.url, access });
  });
  return table;
}

export async function enforceAccess(request: FastifyRequest, db: Db, settings: AccessSettings): Promise<void> {
  const access = accessOf(request);
  // The not-found handler has no route and no rule: it answers 404 to everyone.
  if (!access && request.is404) return;
  if (!access) throw Forbidden();
  const session = request.session;
  switch (access.kind) {
    case 'public':
      return;
    case 'dev':
      if (!settings.devToolsEnabled) throw NotFound();
      return;
    case 'operator': {
      if (!settings.operatorToken) throw NotFound();
      const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
      if (!bearer || !sameToken(bearer, settings.operatorToken)) throw Unauthenticated();
      return;
    }
    case 'authenticated':
      if (!session) throw Unauthenticated();
      return;
    case 'patient':
      if (!session) throw Unauthenticated();
      if (session.kind !== 'patient') throw new DomainError('forbidden', 'problem.not-a-patient-session');
      request.subjectId = session.actingForId ?? session.personId;
      return;
    case 'patientOrStaff':
      if (!session) throw Unauthenticated();
      if (session.kind === 'patient') {
        request.subjectId = session.actingForId ?? session.personId;
        return;
      }
      if (!session.clinicId) throw Forbidden();
      if (access.roles && !access.roles.some((r) => session.roles.includes(r))) throw Forbidden();
      return;
    case 'staff':
      if (!session) throw Unauthenticated();
      if (session.kind !== 'staff' || !session.clinicId) throw Forbidden();
      if (access.roles && !access.roles.some((r) => session.roles.includes(r))) throw Forbidden();
      return;
    case 'staffOfPatient': {
      if (!session) throw Unauthenticated();
      if (session.kind !== 'staff' || !session.clinicId) throw Forbidden();
      if (access.roles && !access.roles.some((r) => session.roles.includes(r))) throw Forbidden();
      const patientId = (request.params as Record<string, string | undefined>)[access.param];
      if (!patientId || !UUID.test(patientId)) throw NotFound();
      const related = await db
        .selectFrom('patient_clinics')
        .select('patient_id')
        .where('patient_id', '=', patientId)
        .where('clinic_id', '=', session.clinicId)
        .executeTakeFirst();
      // 404, not 403: staff elsewhere must not learn that the patient exists.
      if (!related) throw NotFound();
      request.subjectId = patientId;
      await recordAccess(db, {
        actorPersonId: session.personId,
        actorKind: 'staff',
        subjectPersonId: patientId,
        clinicId: session.clinicId,
        action: access.action,
        reason: String(request.headers['x-access-reason'] ?? 'treatment').slice(0, 200),
        requestId: request.id,
      });
      return;
    }
  }
}
