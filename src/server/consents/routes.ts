// HTTP for consent: GET /api/consents (each kind with its text, what was answered, the version and when) and
// PUT /api/consents/{kind} {given} — the patient's own, or a parent's for a child under 16.
import type { FastifyInstance } from 'fastify';
import type { Db } from '../platform/db/database.ts';
import { consentsOf, setConsent } from './service.ts';
import { CONSENT_KINDS, type ConsentKind } from './texts.ts';

const uuid = { type: 'string', format: 'uuid' } as const;
const str = { type: 'string' } as const;
const nstr = { type: ['string', 'null'] } as const;
const consentSchema = { type: 'object', properties: { kind: str, given: { type: ['boolean', 'null'] }, version: nstr, changedAt: nstr, text: str, currentVersion: str } } as const;
const PATIENT = { access: { kind: 'patient' as const } };

export async function consentRoutes(app: FastifyInstance, opts: { db: Db }): Promise<void> {
  const { db } = opts;
  app.get<{ Querystring: { patientId?: string } }>(
    '/api/consents',
    { config: PATIENT, schema: { querystring: { type: 'object', additionalProperties: false, properties: { patientId: uuid } }, response: { 200: { type: 'object', properties: { consents: { type: 'array', items: consentSchema } } } } } },
    async (req) => ({ consents: await consentsOf(db, req.session!.personId, req.query.patientId ?? req.subjectId ?? undefined, req.session!.language) }),
  );
  app.put<{ Params: { kind: ConsentKind }; Body: { given: boolean; patientId?: string } }>(
    '/api/consents/:kind',
    {
      config: PATIENT,
      schema: {
        params: { type: 'object', required: ['kind'], properties: { kind: { type: 'string', enum: [...CONSENT_KINDS] } } },
        body: { type: 'object', additionalProperties: false, required: ['given'], properties: { given: { type: 'boolean' }, patientId: uuid } },
        response: { 200: consentSchema },
      },
    },
    async (req) => setConsent(db, req.session!.personId, req.body.patientId ?? req.subjectId ?? undefined, req.params.kind, req.body.given, req.session!.language),
  );
}
