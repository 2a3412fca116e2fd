// HTTP for the patient's own page ("Min side"): who they are, whom they act for, contact details, access log
// (GET /api/access-log?from=YYYY-MM-DD&to=YYYY-MM-DD).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DateTime } from 'luxon';
import type { Db } from '../platform/db/database.ts';
import { ACCESS_LOG_LIMIT, accessLogFor } from '../platform/audit.ts';
import { Invalid } from '../platform/http/errors.ts';
import { DEFAULT_TIME_ZONE } from '../../shared/time.ts';
import { actFor, normaliseEmail, normalisePhone, requireFullAccess } from './service.ts';
import { meSchema, meView } from './views.ts';
import { updateContact } from './people.ts';

export interface MeRouteOptions {
  db: Db;
  /** Tells the person, content-free, that their contact details changed (through the notification core). */
  onContactChanged(personId: string, changed: { phone?: string; email?: string }, language: string): Promise<void>;
}

const PATIENT = { access: { kind: 'patient' as const } };

interface AccessLogQuerystring {
  from?: string;
  to?: string;
}

const date = { type: 'string', format: 'date' } as const;
const accessLogQuery = { type: 'object', additionalProperties: false, properties: { from: date, to: date } } as const;
const nstr = { type: ['string', 'null'] } as const;
const accessLogSchema = {
  type: 'object',
  properties: {
    /** The period asked for, as calendar days in Europe/Oslo, both inclusive (null: open). */
    from: nstr,
    to: nstr,
    /** More entries than ACCESS_LOG_LIMIT fell in the period: only the newest are here. */
    truncated: { type: 'boolean' },
    entries: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          at: { type: 'string' },
          actorKind: { type: 'string' },
          actorName: nstr,
          /** Staff only: their roles at the entry's clinic and their profession (null for a guardian, self or system). */
          actorRole: { type: ['object', 'null'], properties: { roles: { type: 'array', items: { type: 'string' } }, profession: nstr } },
          clinicName: nstr,
          action: { type: 'string' },
          reason: { type: 'string' },
        },
      },
    },
  },
} as const;

/** The first instant of a calendar day in Oslo, `days` later. */
function startOfDay(day: string, days = 0): Date {
  return DateTime.fromISO(day, { zone: DEFAULT_TIME_ZONE }).plus({ days }).startOf('day').toJSDate();
}

export async function meRoutes(app: FastifyInstance, opts: MeRouteOptions): Promise<void> {
  const { db } = opts;

  app.get('/api/me', { config: PATIENT, schema: { response: { 200: meSchema } } }, async (req) => {
    const s = req.session!;
    return meView(db, s.personId, s.actingForId);
  });

  app.put<{ Body: { personId: string | null } }>(
    '/api/me/acting-for',
    {
      config: PATIENT,
      schema: {
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['personId'],
          properties: { personId: { type: ['string', 'null'], format: 'uuid' } },
        },
        response: { 200: meSchema },
      },
    },
    async (req) => {
      const s = req.session!;
      await actFor(db, s, req.body.personId, req.id);
      const now = req.body.personId === s.personId ? null : req.body.personId;
      return meView(db, s.personId, now);
    },
  );

  app.put<{ Body: { phone?: string | null; email?: string | null } }>(
    '/api/me/contact',
    {
      config: PATIENT,
      schema: {
        body: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: {
            phone: { type: ['string', 'null'], maxLength: 20 },
            email: { type: ['string', 'null'], maxLength: 254 },
          },
        },
        response: { 200: meSchema },
      },
    },
    async (req) => {
      const s = req.session!;
      const phone = req.body.phone ? normalisePhone(req.body.phone) : req.body.phone;
      const email = req.body.email ? normaliseEmail(req.body.email) : req.body.email;
      // Contact details belong to the person logged in, also while acting for a child.
      await updateContact(db, s.personId, { phone, email });
      await opts.onContactChanged(s.personId, { ...(phone ? { phone } : {}), ...(email ? { email } : {}) }, s.language);
      return meView(db, s.personId, s.actingForId);
    },
  );

  // "Who has looked at my information": the session's subject's own log (themself, or the child they act for); never
  // another person's, as there is no id to ask for. /api/me/access-log is the older path of the same answer.
  const accessLogOptions = { config: PATIENT, schema: { querystring: accessLogQuery, response: { 200: accessLogSchema } } };
  const accessLog = async (req: FastifyRequest<{ Querystring: AccessLogQuerystring }>) => {
    const { from = null, to = null } = req.query;
    // Who has read a 12–15-year-old's journal is the child's own business, as the journal is.
    await requireFullAccess(db, req.session!.personId, req.subjectId!);
    if (from && to && from > to) throw Invalid('problem.invalid', { detail: 'from must be on or before to' });
    const rows = await accessLogFor(db, req.subjectId!, {
      ...(from ? { from: startOfDay(from) } : {}),
      ...(to ? { until: startOfDay(to, 1) } : {}),
      limit: ACCESS_LOG_LIMIT + 1,
    });
    return {
      from,
      to,
      truncated: rows.length > ACCESS_LOG_LIMIT,
      entries: rows.slice(0, ACCESS_LOG_LIMIT).map((r) => ({
        at: new Date(r.at).toISOString(),
        actorKind: r.actor_kind,
        actorName: r.actor_name,
        actorRole: r.actor_kind === 'staff' ? { roles: r.actor_roles, profession: r.actor_profession } : null,
        clinicName: r.clinic_name,
        action: r.action,
        reason: r.reason,
      })),
    };
  };
  app.get<{ Querystring: AccessLogQuerystring }>('/api/access-log', accessLogOptions, accessLog);
  app.get<{ Querystring: AccessLogQuerystring }>('/api/me/access-log', accessLogOptions, accessLog);
}
