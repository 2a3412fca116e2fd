// HTTP for the patient's own page ("Min side"): who they are, whom they act for, contact details, access log.
import type { FastifyInstance } from 'fastify';
import type { Db } from '../platform/db/database.ts';
import { accessLogFor } from '../platform/audit.ts';
import { actFor, normaliseEmail, normalisePhone } from './service.ts';
import { meSchema, meView } from './views.ts';
import { updateContact } from './people.ts';

export interface MeRouteOptions {
  db: Db;
  /** Tells the person, content-free, that their contact details changed (through the notification core). */
  onContactChanged(personId: string, changed: { phone?: string; email?: string }, language: string): Promise<void>;
}

const PATIENT = { access: { kind: 'patient' as const } };

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

  app.get(
    '/api/me/access-log',
    {
      config: PATIENT,
      schema: {
        response: {
          200: {
            type: 'object',
            properties: {
              entries: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    at: { type: 'string' },
                    actorName: { type: ['string', 'null'] },
                    actorKind: { type: 'string' },
                    clinicName: { type: ['string', 'null'] },
                    action: { type: 'string' },
                    reason: { type: 'string' },
                  },
                },
              },
            },
          },
        },
      },
    },
    async (req) => {
      const rows = await accessLogFor(db, req.subjectId!);
      return {
        entries: rows.map((r) => ({
          at: new Date(r.at).toISOString(),
          actorName: r.actor_name,
          actorKind: r.actor_kind,
          clinicName: r.clinic_name,
          action: r.action,
          reason: r.reason,
        })),
      };
    },
  );
}
