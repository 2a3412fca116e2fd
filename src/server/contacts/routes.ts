// HTTP for health contacts: the clinic's staff read a patient's contacts (audited), clinicians and clinic admins assign
// and end them. Each route states who may call it; the use cases keep to the session's clinic.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../platform/db/database.ts';
import { ASSIGNING_ROLES, HEALTH_CONTACT_ROLES, type HealthContactRole } from './domain.ts';
import * as service from './service.ts';

const uuid = { type: 'string', format: 'uuid' } as const;
const str = { type: 'string' } as const;
const nstr = { type: ['string', 'null'] } as const;
const patientParams = { type: 'object', required: ['patientId'], properties: { patientId: uuid } } as const;
const idParams = { type: 'object', required: ['id'], properties: { id: uuid } } as const;
const clinician = { practitionerId: str, name: nstr, profession: str } as const;
const view = {
  type: 'object',
  properties: {
    contacts: { type: 'array', items: { type: 'object', properties: { id: str, ...clinician, role: str, assignedAt: str, assignedBy: nstr } } },
    clinicians: { type: 'array', items: { type: 'object', properties: clinician } },
    mayAssign: { type: 'boolean' },
  },
} as const;
const roles = [...ASSIGNING_ROLES];

function staffOf(req: FastifyRequest): service.StaffActor {
  const s = req.session!;
  return { personId: s.personId, clinicId: s.clinicId!, roles: s.roles, requestId: req.id };
}

export async function contactsRoutes(app: FastifyInstance, opts: { db: Db }): Promise<void> {
  const { db } = opts;

  app.get<{ Params: { patientId: string } }>(
    '/api/staff/patients/:patientId/health-contacts',
    { config: { access: { kind: 'staffOfPatient', param: 'patientId', action: 'patient.health-contacts.read' } }, schema: { params: patientParams, response: { 200: view } } },
    async (req) => service.staffHealthContacts(db, staffOf(req), req.params.patientId),
  );

  app.post<{ Params: { patientId: string }; Body: { practitionerId: string; role: HealthContactRole } }>(
    '/api/staff/patients/:patientId/health-contacts',
    {
      config: { access: { kind: 'staffOfPatient', param: 'patientId', action: 'patient.health-contacts.assign', roles } },
      schema: {
        params: patientParams,
        body: { type: 'object', additionalProperties: false, required: ['practitionerId', 'role'], properties: { practitionerId: uuid, role: { type: 'string', enum: [...HEALTH_CONTACT_ROLES] } } },
        response: { 201: view },
      },
    },
    async (req, reply) => reply.code(201).send(await service.assignHealthContact(db, staffOf(req), req.params.patientId, req.body)),
  );

  app.post<{ Params: { id: string } }>(
    '/api/staff/health-contacts/:id/end',
    { config: { access: { kind: 'staff', roles } }, schema: { params: idParams, response: { 200: view } } },
    async (req) => service.endHealthContact(db, staffOf(req), req.params.id),
  );
}
