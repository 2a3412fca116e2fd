// HTTP for clinic schedules: weekly availability rules and one-off exceptions, with their effect shown before saving.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { CapabilityOptions } from '../capability.ts';
import { VISIT_TYPES } from '../booking/domain.ts';
import { EXCEPTION_KINDS, type ExceptionKind, type RuleInput } from './domain.ts';
import * as service from './service.ts';
import { refundOnCancel } from '../money/appointment-payments.ts';
import { affectedListSchema, exceptionSchema, ruleSchema, scheduleSchema } from './views.ts';

const uuid = { type: 'string', format: 'uuid' } as const;
const time = { type: 'string', pattern: '^\\d{2}:\\d{2}(:\\d{2})?$' } as const;
const date = { type: 'string', format: 'date' } as const;
const practitionerParams = { type: 'object', required: ['practitionerId'], properties: { practitionerId: uuid } } as const;
/** Reception reads schedules; clinicians change their own, clinic admins anyone's (checked per clinician in the service). */
const READ = { access: { kind: 'staff' as const } };
const WRITE = { access: { kind: 'staff' as const, roles: ['clinician' as const, 'clinic_admin' as const] } };

const periodProperties = {
  startsAt: { type: 'string', format: 'date-time' },
  endsAt: { type: 'string', format: 'date-time' },
  kind: { type: 'string', enum: [...EXCEPTION_KINDS] },
} as const;

const ruleBody = {
  type: 'object',
  additionalProperties: false,
  required: ['rules'],
  properties: {
    rules: {
      type: 'array',
      maxItems: 50,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['weekday', 'startTime', 'endTime', 'visitTypes'],
        properties: {
          weekday: { type: 'integer', minimum: 1, maximum: 7 },
          startTime: time,
          endTime: time,
          breakStart: { anyOf: [time, { type: 'null' }] },
          breakEnd: { anyOf: [time, { type: 'null' }] },
          visitTypes: { type: 'array', minItems: 1, maxItems: 3, items: { type: 'string', enum: [...VISIT_TYPES] } },
          slotMinutes: { type: 'integer', minimum: 5, maximum: 240 },
          bufferMinutes: { type: 'integer', minimum: 0, maximum: 120 },
          validFrom: date,
          validTo: { anyOf: [date, { type: 'null' }] },
        },
      },
    },
  },
} as const;

function actorOf(req: FastifyRequest): service.ScheduleActor {
  const s = req.session!;
  return { personId: s.personId, clinicId: s.clinicId!, roles: s.roles, requestId: req.id };
}

interface PeriodBody {
  startsAt: string;
  endsAt: string;
  kind: ExceptionKind;
}

const period = (b: PeriodBody) => ({ startsAt: new Date(b.startsAt), endsAt: new Date(b.endsAt), kind: b.kind });

export async function scheduleRoutes(app: FastifyInstance, ctx: CapabilityOptions): Promise<void> {
  const deps: service.ScheduleDeps = {
    db: ctx.db,
    jobs: ctx.jobs,
    bus: ctx.bus,
    notifications: ctx.notifications,
    log: ctx.log,
    // An appointment the clinic cancels (an exception over it) gives a card payment back, as any cancellation does.
    afterCancel: refundOnCancel(ctx.payments),
  };

  app.get<{ Querystring: { practitionerId?: string } }>(
    '/api/staff/schedule',
    {
      config: READ,
      schema: {
        querystring: { type: 'object', additionalProperties: false, properties: { practitionerId: uuid } },
        response: { 200: scheduleSchema },
      },
    },
    async (req) => service.scheduleOf(ctx.db, actorOf(req), req.query.practitionerId),
  );

  app.put<{ Params: { practitionerId: string }; Body: { rules: RuleInput[] } }>(
    '/api/staff/schedule/:practitionerId/rules',
    {
      config: WRITE,
      schema: {
        params: practitionerParams,
        body: ruleBody,
        response: { 200: { type: 'object', properties: { rules: { type: 'array', items: ruleSchema }, outsideHours: affectedListSchema } } },
      },
    },
    async (req) => service.replaceRules(deps, actorOf(req), req.params.practitionerId, req.body.rules),
  );

  app.post<{ Params: { practitionerId: string }; Body: PeriodBody }>(
    '/api/staff/schedule/:practitionerId/exceptions/preview',
    {
      config: WRITE,
      schema: {
        params: practitionerParams,
        body: { type: 'object', additionalProperties: false, required: ['startsAt', 'endsAt', 'kind'], properties: periodProperties },
        response: { 200: { type: 'object', properties: { affected: affectedListSchema } } },
      },
    },
    async (req) => service.previewException(deps, actorOf(req), req.params.practitionerId, period(req.body)),
  );

  app.post<{ Params: { practitionerId: string }; Body: PeriodBody & { confirmAffected: number } }>(
    '/api/staff/schedule/:practitionerId/exceptions',
    {
      config: WRITE,
      schema: {
        params: practitionerParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['startsAt', 'endsAt', 'kind', 'confirmAffected'],
          properties: { ...periodProperties, confirmAffected: { type: 'integer', minimum: 0 } },
        },
        response: { 201: { type: 'object', properties: { exception: exceptionSchema, cancelled: affectedListSchema } } },
      },
    },
    async (req, reply) => {
      const result = await service.addException(deps, actorOf(req), req.params.practitionerId, { ...period(req.body), confirmAffected: req.body.confirmAffected });
      return reply.code(201).send(result);
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/api/staff/schedule/exceptions/:id',
    { config: WRITE, schema: { params: { type: 'object', required: ['id'], properties: { id: uuid } } } },
    async (req, reply) => {
      await service.removeException(deps, actorOf(req), req.params.id);
      return reply.code(204).send();
    },
  );
}
