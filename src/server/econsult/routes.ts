// HTTP for e-consultations: the patient's case from screening to outcome, photos, and the clinicians' work queue.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { QueueView, SubmitResult } from '../../shared/econsult-api.ts';
import { DomainError } from '../platform/http/errors.ts';
import { languageOf } from '../platform/http/problem.ts';
import { MAX_PHOTO_BYTES } from '../files/photos.ts';
import { emergencyAdvice } from '../../shared/econsult/questionnaire.ts';
import { questionnaire, reasons, screening } from './questionnaires/catalogue.ts';
import type { Actor, EconsultDeps } from './deps.ts';
import * as clinician from './clinician.ts';
import * as patient from './patient.ts';
import * as photos from './photos.ts';
import * as store from './store.ts';
import { registerEconsultTopics } from './live-topics.ts';
import { caseView, staffCaseView, summaryView } from './views.ts';

const uuid = { type: 'string', format: 'uuid' } as const;
const idParams = { type: 'object', required: ['id'], properties: { id: uuid } } as const;
const anyObject = { type: 'object', additionalProperties: true } as const;
const PATIENT = { access: { kind: 'patient' as const } };
const CLINICIAN = { access: { kind: 'staff' as const, roles: ['clinician' as const] } };
const text = (max: number) => ({ type: 'string', minLength: 1, maxLength: max }) as const;
const answerValue = { anyOf: [{ type: 'string', maxLength: 4000 }, { type: 'number' }, { type: 'boolean' }, { type: 'array', maxItems: 50, items: { type: 'string', maxLength: 200 } }] };

type Id = { Params: { id: string } };

function actorOf(req: FastifyRequest): Actor {
  const s = req.session!;
  return { personId: s.personId, requestId: req.id, clinicId: s.kind === 'staff' ? s.clinicId : null, language: languageOf(req) };
}

function staffOf(req: FastifyRequest): clinician.StaffActor {
  return { ...actorOf(req), clinicId: req.session!.clinicId! };
}

async function myPractitionerId(deps: EconsultDeps, a: clinician.StaffActor): Promise<string | undefined> {
  return (await store.clinicianAt(deps.db, a.personId, a.clinicId))?.id;
}

export async function econsultRoutes(app: FastifyInstance, opts: { deps: EconsultDeps }): Promise<void> {
  const { deps } = opts;
  registerEconsultTopics(app.live, deps);

  // Photos arrive as the file's own bytes (no multipart), under whatever type the browser guessed: what they are is decided
  // by their content, never by this header. Any type but JSON is read as bytes here; the JSON routes' schemas refuse bytes.
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_PHOTO_BYTES }, (_req, body, done) => done(null, body));

  app.get<{ Params: { clinicId: string } }>(
    '/api/econsult/clinics/:clinicId',
    { config: PATIENT, schema: { params: { type: 'object', required: ['clinicId'], properties: { clinicId: uuid } }, response: { 200: anyObject } } },
    async (req) => {
      const clinic = await patient.offeringClinic(deps, req.params.clinicId);
      const offered = reasons().filter((r) => !clinic.econsult_reasons || clinic.econsult_reasons.includes(r.reasonId));
      return {
        clinic: { id: clinic.id, name: clinic.name, country: clinic.country, phone: clinic.phone, timeZone: clinic.time_zone },
        reasons: offered,
        screening: screening(),
        emergency: emergencyAdvice(clinic.country),
      };
    },
  );

  // Every reason in the catalogue, for staff pages that name the reasons of cases (patients get their clinic's list above).
  app.get('/api/econsult/reasons', { config: { access: { kind: 'authenticated' } }, schema: { response: { 200: anyObject } } }, async () => ({ reasons: reasons() }));

  // A case is read with the questionnaire version it was answered in: `version` asks for that one, else the latest.
  app.get<{ Params: { reasonId: string }; Querystring: { version?: string } }>(
    '/api/econsult/questionnaires/:reasonId',
    {
      config: { access: { kind: 'authenticated' } },
      schema: {
        params: { type: 'object', required: ['reasonId'], properties: { reasonId: { type: 'string', pattern: '^[a-z0-9-]{1,40}$' } } },
        querystring: { type: 'object', additionalProperties: false, properties: { version: { type: 'string', pattern: '^[1-9][0-9]{0,3}$' } } },
        response: { 200: anyObject },
      },
    },
    async (req) => {
      const q = questionnaire(req.params.reasonId, req.query.version ? Number(req.query.version) : undefined);
      if (!q) throw new DomainError('not-found', 'problem.not-found');
      return q;
    },
  );

  app.post<{ Body: { clinicId: string; patientId?: string; screening: Record<string, boolean> } }>(
    '/api/econsult/cases',
    {
      config: PATIENT,
      schema: {
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['clinicId', 'screening'],
          properties: { clinicId: uuid, patientId: uuid, screening: { type: 'object', maxProperties: 40, additionalProperties: { type: 'boolean' } } },
        },
        headers: { type: 'object', properties: { 'idempotency-key': { type: 'string', minLength: 8, maxLength: 200 } } },
        response: { 201: anyObject },
      },
    },
    async (req, reply) => {
      const row = await patient.startCase(deps, actorOf(req), { clinicId: req.body.clinicId, patientId: req.body.patientId ?? req.subjectId!, screening: req.body.screening }, req.headers['idempotency-key'] as string | undefined);
      return reply.code(201).send(await caseView(deps.db, row));
    },
  );

  app.get('/api/econsult/cases', { config: PATIENT, schema: { response: { 200: anyObject } } }, async (req) => ({
    cases: (await patient.myCases(deps, actorOf(req))).map(summaryView),
  }));

  app.get<Id>('/api/econsult/cases/:id', { config: PATIENT, schema: { params: idParams, response: { 200: anyObject } } }, async (req) =>
    caseView(deps.db, await patient.patientCase(deps, actorOf(req), req.params.id)),
  );

  app.patch<Id & { Body: patient.DraftInput }>(
    '/api/econsult/cases/:id',
    {
      config: PATIENT,
      schema: {
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            reasonId: { type: 'string', pattern: '^[a-z0-9-]{1,40}$' },
            answers: { type: 'object', maxProperties: 100, additionalProperties: answerValue },
            description: { type: 'string', maxLength: 4000 },
          },
        },
        response: { 200: anyObject },
      },
    },
    async (req) => caseView(deps.db, await patient.saveDraft(deps, actorOf(req), req.params.id, req.body)),
  );

  app.delete<Id>('/api/econsult/cases/:id', { config: PATIENT, schema: { params: idParams } }, async (req, reply) => {
    await patient.discardDraft(deps, actorOf(req), req.params.id);
    return reply.code(204).send();
  });

  app.post<Id>(
    '/api/econsult/cases/:id/photos',
    {
      config: PATIENT,
      bodyLimit: MAX_PHOTO_BYTES,
      schema: { params: idParams, response: { 201: anyObject } },
      // A photo over the limit is refused before it is read, with the photo's own message rather than a generic one.
      errorHandler: (err, _req, _reply) => {
        if ((err as { code?: string }).code === 'FST_ERR_CTP_BODY_TOO_LARGE') throw new DomainError('payload-too-large', 'problem.photo-too-large');
        throw err;
      },
    },
    async (req, reply) => {
      if (!Buffer.isBuffer(req.body)) throw new DomainError('invalid', 'problem.photo-not-an-image');
      const row = await photos.addPhoto(deps, actorOf(req), req.params.id, req.body);
      const view = (await caseView(deps.db, (await store.caseById(deps.db, req.params.id))!)).photos.find((p) => p.id === row.id);
      return reply.code(201).send(view);
    },
  );

  app.delete<{ Params: { id: string; photoId: string } }>(
    '/api/econsult/cases/:id/photos/:photoId',
    { config: PATIENT, schema: { params: { type: 'object', required: ['id', 'photoId'], properties: { id: uuid, photoId: uuid } } } },
    async (req, reply) => {
      await photos.removePhoto(deps, actorOf(req), req.params.id, req.params.photoId);
      return reply.code(204).send();
    },
  );

  app.get<{ Params: { photoId: string }; Querystring: { variant?: 'full' | 'thumb' } }>(
    '/api/econsult/photos/:photoId',
    {
      config: { access: { kind: 'patientOrStaff' } },
      schema: {
        params: { type: 'object', required: ['photoId'], properties: { photoId: uuid } },
        querystring: { type: 'object', additionalProperties: false, properties: { variant: { type: 'string', enum: ['full', 'thumb'] } } },
      },
    },
    async (req, reply) => {
      const s = req.session!;
      const bytes = await photos.photoBytes(deps, { ...actorOf(req), kind: s.kind }, req.params.photoId, req.query.variant ?? 'full');
      return reply.header('content-type', 'image/jpeg').header('cache-control', 'private, no-store').header('content-disposition', 'inline').send(bytes);
    },
  );

  app.post<Id>('/api/econsult/cases/:id/submit', { config: PATIENT, schema: { params: idParams, response: { 200: anyObject } } }, async (req): Promise<SubmitResult> => {
    const r = await patient.submit(deps, actorOf(req), req.params.id);
    return { case: await caseView(deps.db, r.row), ...(r.redirectUrl ? { redirectUrl: r.redirectUrl } : {}) };
  });

  app.post<Id & { Body: { body: string } }>(
    '/api/econsult/cases/:id/answer',
    { config: PATIENT, schema: { params: idParams, body: { type: 'object', additionalProperties: false, required: ['body'], properties: { body: text(4000) } }, response: { 200: anyObject } } },
    async (req) => caseView(deps.db, await patient.answer(deps, actorOf(req), req.params.id, req.body.body)),
  );

  // The clinicians' side.
  app.get<{ Querystring: { reason?: string; mine?: boolean } }>(
    '/api/staff/econsult/queue',
    {
      config: CLINICIAN,
      schema: {
        querystring: { type: 'object', additionalProperties: false, properties: { reason: { type: 'string', pattern: '^[a-z0-9-]{1,40}$' }, mine: { type: 'string', enum: ['true', 'false'] } } },
        response: { 200: anyObject },
      },
    },
    async (req): Promise<QueueView> => clinician.staffQueue(deps, staffOf(req), { reasonId: req.query.reason, mine: String(req.query.mine) === 'true' }),
  );

  app.get<Id>('/api/staff/econsult/cases/:id', { config: CLINICIAN, schema: { params: idParams, response: { 200: anyObject } } }, async (req) => {
    const a = staffOf(req);
    return staffCaseView(deps.db, await clinician.openCase(deps, a, req.params.id), await myPractitionerId(deps, a));
  });

  app.get('/api/staff/econsult/colleagues', { config: CLINICIAN, schema: { response: { 200: anyObject } } }, async (req) => {
    const a = staffOf(req);
    const rows = await deps.db
      .selectFrom('practitioners as pr')
      .innerJoin('staff_roles as r', 'r.person_id', 'pr.person_id')
      .innerJoin('persons as p', 'p.id', 'pr.person_id')
      .select(['pr.id', 'p.name'])
      .where('r.clinic_id', '=', a.clinicId)
      .where('r.role', '=', 'clinician')
      .where('pr.person_id', '<>', a.personId)
      .orderBy('p.name')
      .execute();
    return { colleagues: rows };
  });

  const staffMove = async (req: FastifyRequest<Id>, work: (a: clinician.StaffActor) => Promise<store.CaseRow>) => {
    const a = staffOf(req);
    return staffCaseView(deps.db, await work(a), await myPractitionerId(deps, a));
  };

  app.post<Id>('/api/staff/econsult/cases/:id/claim', { config: CLINICIAN, schema: { params: idParams, response: { 200: anyObject } } }, async (req) =>
    staffMove(req, (a) => clinician.claim(deps, a, req.params.id)),
  );

  app.post<Id & { Body: { toPractitionerId: string | null } }>(
    '/api/staff/econsult/cases/:id/hand-on',
    {
      config: CLINICIAN,
      schema: { params: idParams, body: { type: 'object', additionalProperties: false, required: ['toPractitionerId'], properties: { toPractitionerId: { anyOf: [uuid, { type: 'null' }] } } }, response: { 200: anyObject } },
    },
    async (req) => staffMove(req, (a) => clinician.handOn(deps, a, req.params.id, req.body.toPractitionerId)),
  );

  app.post<Id & { Body: { kind: 'reply' | 'question'; body: string } }>(
    '/api/staff/econsult/cases/:id/messages',
    {
      config: CLINICIAN,
      schema: {
        params: idParams,
        body: { type: 'object', additionalProperties: false, required: ['kind', 'body'], properties: { kind: { type: 'string', enum: ['reply', 'question'] }, body: text(4000) } },
        response: { 200: anyObject },
      },
    },
    async (req) => staffMove(req, (a) => clinician.write(deps, a, req.params.id, req.body.kind, req.body.body)),
  );

  app.post<Id & { Body: { outcome: 'advice' | 'prescription' | 'referral' | 'in-person' | 'rejected'; summary: string; journalNote: string } }>(
    '/api/staff/econsult/cases/:id/close',
    {
      config: CLINICIAN,
      schema: {
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['outcome', 'summary', 'journalNote'],
          properties: { outcome: { type: 'string', enum: ['advice', 'prescription', 'referral', 'in-person', 'rejected'] }, summary: text(4000), journalNote: text(20000) },
        },
        response: { 200: anyObject },
      },
    },
    async (req) => staffMove(req, (a) => clinician.close(deps, a, req.params.id, req.body)),
  );
}
