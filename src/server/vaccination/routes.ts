// HTTP for seasonal vaccination: campaigns and their free times (patients), booking, moving and cancelling a vaccine
// time (patients and parents, with an Idempotency-Key), publishing a campaign (clinic admins), and the day's list and
// "given" (the clinic's staff).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../platform/db/database.ts';
import type { NewCampaign } from './api.ts';
import { TARGET_GROUPS, type TargetGroup } from './domain.ts';
import { book, campaigns, cancel, createCampaign, dayList, markGiven, move, myBookings, slotsOn } from './service.ts';

const uuid = { type: 'string', format: 'uuid' } as const;
const date = { type: 'string', format: 'date' } as const;
const time = { type: 'string', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' } as const;
const anyObject = { type: 'object', additionalProperties: true } as const;
const idParams = { type: 'object', required: ['id'], properties: { id: uuid } } as const;
const PATIENT = { access: { kind: 'patient' as const } };
const ADMIN = { access: { kind: 'staff' as const, roles: ['clinic_admin' as const] } };
const STAFF = { access: { kind: 'staff' as const, roles: ['reception' as const, 'clinician' as const, 'clinic_admin' as const] } };

const actorOf = (req: FastifyRequest) => ({ personId: req.session!.personId, requestId: req.id });
const staffOf = (req: FastifyRequest) => ({ personId: req.session!.personId, clinicId: req.session!.clinicId!, requestId: req.id });

export async function vaccinationRoutes(app: FastifyInstance, opts: { db: Db }): Promise<void> {
  const { db } = opts;

  app.get<{ Querystring: { clinicId?: string } }>('/api/vaccination/campaigns', { config: PATIENT, schema: { querystring: { type: 'object', additionalProperties: false, properties: { clinicId: uuid } }, response: { 200: anyObject } } }, async (req) => ({
    campaigns: await campaigns(db, req.query.clinicId),
  }));

  app.get<{ Params: { id: string }; Querystring: { date: string } }>(
    '/api/vaccination/campaigns/:id/slots',
    { config: PATIENT, schema: { params: idParams, querystring: { type: 'object', additionalProperties: false, required: ['date'], properties: { date } }, response: { 200: anyObject } } },
    async (req) => ({ slots: await slotsOn(db, req.params.id, req.query.date) }),
  );

  app.get('/api/vaccination/bookings', { config: PATIENT, schema: { response: { 200: anyObject } } }, async (req) => ({ bookings: await myBookings(db, actorOf(req)) }));

  app.post<{ Body: { campaignId: string; start: string; patientId?: string; targetGroup?: TargetGroup } }>(
    '/api/vaccination/bookings',
    {
      config: PATIENT,
      schema: {
        headers: { type: 'object', properties: { 'idempotency-key': { type: 'string', minLength: 8, maxLength: 200 } } },
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['campaignId', 'start'],
          properties: { campaignId: uuid, start: { type: 'string', format: 'date-time' }, patientId: uuid, targetGroup: { type: 'string', enum: [...TARGET_GROUPS] } },
        },
        response: { 201: anyObject },
      },
    },
    async (req, reply) => {
      const r = await book(db, actorOf(req), { ...req.body, patientId: req.body.patientId ?? req.subjectId ?? undefined }, req.headers['idempotency-key'] as string | undefined);
      if (r.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(r.status).send(r.body);
    },
  );

  app.post<{ Params: { id: string }; Body: { start: string } }>(
    '/api/vaccination/bookings/:id/move',
    { config: PATIENT, schema: { params: idParams, body: { type: 'object', additionalProperties: false, required: ['start'], properties: { start: { type: 'string', format: 'date-time' } } }, response: { 200: anyObject } } },
    async (req) => move(db, actorOf(req), req.params.id, req.body.start),
  );

  app.post<{ Params: { id: string } }>('/api/vaccination/bookings/:id/cancel', { config: PATIENT, schema: { params: idParams, response: { 200: anyObject } } }, async (req) => cancel(db, actorOf(req), req.params.id));

  app.post<{ Body: NewCampaign }>(
    '/api/admin/vaccination/campaigns',
    {
      config: ADMIN,
      schema: {
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['vaccine', 'startsOn', 'endsOn', 'dayStart', 'dayEnd', 'slotMinutes', 'capacityPerSlot', 'groups'],
          properties: {
            vaccine: { type: 'string', minLength: 2, maxLength: 120 },
            startsOn: date,
            endsOn: date,
            dayStart: time,
            dayEnd: time,
            slotMinutes: { type: 'integer', minimum: 5, maximum: 60 },
            capacityPerSlot: { type: 'integer', minimum: 1, maximum: 200 },
            groups: {
              type: 'array',
              minItems: 1,
              maxItems: 4,
              items: { type: 'object', additionalProperties: false, required: ['group', 'priceOre'], properties: { group: { type: 'string', enum: [...TARGET_GROUPS] }, priceOre: { type: 'integer', minimum: 0, maximum: 1_000_000 } } },
            },
          },
        },
        response: { 201: anyObject },
      },
    },
    async (req, reply) => reply.code(201).send(await createCampaign(db, staffOf(req), req.body)),
  );

  app.get<{ Querystring: { date: string } }>('/api/staff/vaccination/bookings', { config: STAFF, schema: { querystring: { type: 'object', additionalProperties: false, required: ['date'], properties: { date } }, response: { 200: anyObject } } }, async (req) => ({
    bookings: await dayList(db, staffOf(req), req.query.date),
  }));

  app.post<{ Params: { id: string } }>('/api/staff/vaccination/bookings/:id/given', { config: STAFF, schema: { params: idParams, response: { 200: anyObject } } }, async (req) => markGiven(db, staffOf(req), req.params.id));
}
