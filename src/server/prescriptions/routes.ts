// HTTP for prescriptions: the patient's list, renewal requests, locking and the access block; the clinic's open
// requests, a patient's prescriptions (audited by the access rule) and the decision on a request.
import type { FastifyInstance } from 'fastify';
import type { CapabilityOptions } from '../capability.ts';
import { bundledCatalogue } from './catalogue.ts';
import { approveRenewal, declineRenewal, openRequests, prescriptionsForStaff } from './clinic.ts';
import type { PrescriptionDeps } from './deps.ts';
import { localRegistry } from './local-registry.ts';
import { lockPrescription, myPrescriptions, requestRenewal, setAccessBlock, subjectFor } from './patient.ts';
import { pharmacyRoutes } from './pharmacy.ts';

const str = { type: 'string' } as const;
const nstr = { type: ['string', 'null'] } as const;
const int = { type: 'integer' } as const;
const bool = { type: 'boolean' } as const;
const uuid = { type: 'string', format: 'uuid' } as const;
const idParams = { type: 'object', required: ['id'], properties: { id: uuid } } as const;

const prescriptionProps = {
  id: str,
  drug: {
    type: 'object',
    properties: { id: str, name: str, brand: nstr, form: str, atc: str, prescriptionClass: str, antibiotic: bool, hormonalContraceptive: bool },
  },
  strength: str,
  dosageText: str,
  type: str,
  issuedOn: str,
  validUntil: str,
  withdrawalsLeft: int,
  status: str,
  locked: bool,
  referenceNumber: nstr,
  prescriber: { type: 'object', properties: { name: nstr, profession: str } },
  clinic: { type: 'object', properties: { id: str, name: str } },
  replacesId: nstr,
  renewedById: nstr,
  renewal: str,
} as const;
const prescriptionSchema = { type: 'object', properties: prescriptionProps } as const;
const staffPrescriptionSchema = { type: 'object', properties: { ...prescriptionProps, prescribedByMe: bool } } as const;
const itemProps = {
  id: str,
  prescriptionId: str,
  drugName: str,
  strength: str,
  status: str,
  declineRule: nstr,
  declineReason: nstr,
  decidedAt: nstr,
  decidedByName: nstr,
  newPrescriptionId: nstr,
} as const;
const requestProps = {
  id: str,
  patient: { type: 'object', properties: { id: str, name: nstr } },
  clinic: { type: 'object', properties: { id: str, name: str } },
  note: nstr,
  createdAt: str,
  status: str,
  items: { type: 'array', items: { type: 'object', properties: itemProps } },
} as const;
const requestSchema = { type: 'object', properties: requestProps } as const;
const staffRequestSchema = {
  type: 'object',
  properties: { ...requestProps, items: { type: 'array', items: { type: 'object', properties: { ...itemProps, prescription: staffPrescriptionSchema } } } },
} as const;
const blockSchema = { type: 'object', properties: { blocked: bool, since: nstr } } as const;

const PATIENT = { access: { kind: 'patient' as const } };
const CLINICIAN = { access: { kind: 'staff' as const, roles: ['clinician' as const] } };

export async function prescriptionRoutes(app: FastifyInstance, ctx: Pick<CapabilityOptions, 'db' | 'notifications' | 'config'>): Promise<void> {
  const registry = localRegistry(ctx.db, bundledCatalogue);
  const deps: PrescriptionDeps = { db: ctx.db, catalogue: bundledCatalogue, registry, notifications: ctx.notifications };

  app.get(
    '/api/prescriptions',
    {
      config: PATIENT,
      schema: {
        response: {
          200: { type: 'object', properties: { prescriptions: { type: 'array', items: prescriptionSchema }, renewalRequests: { type: 'array', items: requestSchema }, accessBlock: blockSchema } },
        },
      },
    },
    async (req) => myPrescriptions(deps, req.session!, req.subjectId!),
  );

  app.post<{ Body: { prescriptionIds: string[]; note?: string; patientId?: string } }>(
    '/api/prescriptions/renewal-requests',
    {
      config: PATIENT,
      schema: {
        headers: { type: 'object', properties: { 'idempotency-key': { type: 'string', minLength: 8, maxLength: 200 } } },
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['prescriptionIds'],
          properties: { prescriptionIds: { type: 'array', minItems: 1, maxItems: 20, items: uuid }, note: { type: 'string', maxLength: 1000 }, patientId: uuid },
        },
        response: { 201: requestSchema, 200: requestSchema },
      },
    },
    async (req, reply) => {
      const subject = await subjectFor(deps, req.session!, req.subjectId!, req.body.patientId);
      const result = await requestRenewal(deps, req.session!, subject, req.body, { idempotencyKey: req.headers['idempotency-key'] as string | undefined, requestId: req.id });
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(result.status).send(result.body);
    },
  );

  app.post<{ Params: { id: string } }>('/api/prescriptions/:id/lock', { config: PATIENT, schema: { params: idParams, response: { 200: prescriptionSchema } } }, async (req) =>
    lockPrescription(deps, req.session!, req.subjectId!, req.params.id, req.id),
  );

  app.put<{ Body: { blocked: boolean } }>(
    '/api/prescriptions/access-block',
    { config: PATIENT, schema: { body: { type: 'object', additionalProperties: false, required: ['blocked'], properties: { blocked: bool } }, response: { 200: blockSchema } } },
    async (req) => setAccessBlock(deps, req.session!, req.subjectId!, req.body.blocked, req.id),
  );

  app.get(
    '/api/staff/prescriptions/renewal-requests',
    { config: CLINICIAN, schema: { response: { 200: { type: 'object', properties: { requests: { type: 'array', items: staffRequestSchema } } } } } },
    async (req) => ({ requests: await openRequests(deps, req.session!, req.id) }),
  );

  app.get<{ Params: { patientId: string } }>(
    '/api/staff/patients/:patientId/prescriptions',
    {
      config: { access: { kind: 'staffOfPatient', param: 'patientId', action: 'prescriptions.read', roles: ['clinician'] } },
      schema: {
        params: { type: 'object', required: ['patientId'], properties: { patientId: uuid } },
        response: {
          200: {
            type: 'object',
            properties: {
              patient: { type: 'object', properties: { id: str, name: nstr } },
              accessBlocked: bool,
              prescriptions: { type: 'array', items: staffPrescriptionSchema },
              renewalRequests: { type: 'array', items: requestSchema },
            },
          },
        },
      },
    },
    async (req) => prescriptionsForStaff(deps, req.session!, req.params.patientId),
  );

  app.post<{ Params: { id: string }; Body: { antibioticConfirmed?: boolean } | undefined }>(
    '/api/staff/prescriptions/renewal-requests/:id/approve',
    {
      config: CLINICIAN,
      schema: { params: idParams, body: { type: 'object', additionalProperties: false, properties: { antibioticConfirmed: bool } }, response: { 200: staffRequestSchema } },
    },
    async (req) => approveRenewal(deps, req.session!, req.params.id, { antibioticConfirmed: req.body?.antibioticConfirmed === true }, req.id),
  );

  app.post<{ Params: { id: string }; Body: { reason: string } }>(
    '/api/staff/prescriptions/renewal-requests/:id/decline',
    {
      config: CLINICIAN,
      schema: {
        params: idParams,
        body: { type: 'object', additionalProperties: false, required: ['reason'], properties: { reason: { type: 'string', minLength: 1, maxLength: 1000, pattern: '\\S' } } },
        response: { 200: staffRequestSchema },
      },
    },
    async (req) => declineRenewal(deps, req.session!, req.params.id, req.body.reason, req.id),
  );

  // The pharmacy's stand-in exists only where dev tools are on, as the dev outbox does.
  if (ctx.config.devOutbox) await app.register(pharmacyRoutes, { lookup: registry, publicUrl: ctx.config.publicUrl });
}
