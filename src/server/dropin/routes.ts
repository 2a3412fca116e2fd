// HTTP and WebSocket for the drop-in queue: join, leave, live position, and clinicians taking the next patient.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { CapabilityOptions } from '../capability.ts';
import { DROPIN_VISIT_TYPES, type DropinVisitType } from './domain.ts';
import { registerDropinTopics } from './live-topics.ts';
import * as service from './service.ts';
import { placeSchema, queueSchema, takenSchema } from './views.ts';

const uuid = { type: 'string', format: 'uuid' } as const;
const clinicParams = { type: 'object', required: ['clinicId'], properties: { clinicId: uuid } } as const;
const patientQuery = { type: 'object', additionalProperties: false, properties: { patientId: uuid } } as const;
const PATIENT = { access: { kind: 'patient' as const } };

type ClinicRoute = { Params: { clinicId: string }; Querystring: { patientId?: string } };

function actorOf(req: FastifyRequest): service.Actor {
  const s = req.session!;
  return { personId: s.personId, clinicId: s.kind === 'staff' ? s.clinicId : null, requestId: req.id };
}

export async function dropinRoutes(app: FastifyInstance, opts: CapabilityOptions): Promise<void> {
  const deps: service.DropinDeps = { db: opts.db, bus: opts.bus, log: opts.log };
  const patientOf = (req: FastifyRequest, requested: string | undefined) => service.patientFor(deps.db, actorOf(req), req.subjectId!, requested);

  registerDropinTopics(app.live, deps);

  app.post<{ Params: { clinicId: string }; Body: { visitType: DropinVisitType; patientId?: string } }>(
    '/api/dropin/:clinicId/join',
    {
      config: PATIENT,
      schema: {
        params: clinicParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['visitType'],
          properties: { visitType: { type: 'string', enum: [...DROPIN_VISIT_TYPES] }, patientId: uuid },
        },
        response: { 201: placeSchema },
      },
    },
    async (req, reply) => {
      const patient = await patientOf(req, req.body.patientId);
      return reply.code(201).send(await service.joinQueue(deps, actorOf(req), req.params.clinicId, patient, req.body.visitType));
    },
  );

  app.delete<ClinicRoute>(
    '/api/dropin/:clinicId/me',
    { config: PATIENT, schema: { params: clinicParams, querystring: patientQuery, response: { 200: placeSchema } } },
    async (req) => service.leaveQueue(deps, actorOf(req), req.params.clinicId, await patientOf(req, req.query.patientId)),
  );

  app.get<ClinicRoute>(
    '/api/dropin/:clinicId/me',
    { config: PATIENT, schema: { params: clinicParams, querystring: patientQuery, response: { 200: placeSchema } } },
    async (req) => service.myPlace(deps, req.params.clinicId, (await patientOf(req, req.query.patientId)).patientId),
  );

  app.get('/api/staff/dropin', { config: { access: { kind: 'staff' } }, schema: { response: { 200: queueSchema } } }, async (req) =>
    service.staffQueue(deps, actorOf(req)),
  );

  app.post(
    '/api/staff/dropin/take-next',
    { config: { access: { kind: 'staff', roles: ['clinician'] } }, schema: { response: { 200: takenSchema } } },
    async (req) => service.takeNext(deps, actorOf(req)),
  );
}
