// HTTP for messages: the patient's inbox and threads (/api/inbox, /api/threads), attachments, and the clinic's inbox,
// answers, hand-over, letters and closing (/api/staff/...). Each route states who may call it; the use cases check the thread.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CapabilityOptions } from '../capability.ts';
import { DomainError } from '../platform/http/errors.ts';
import { patientAttachment, addAttachment, staffAttachment, type AttachmentFile } from './attachments.ts';
import type { MessagesDeps, PatientActor, StaffActor } from './deps.ts';
import { MAX_ATTACHMENT_BYTES } from './domain.ts';
import * as patient from './patient.ts';
import * as staff from './staff.ts';
import * as store from './store.ts';

const uuid = { type: 'string', format: 'uuid' } as const;
const idParams = { type: 'object', required: ['id'], properties: { id: uuid } } as const;
const attachmentParams = { type: 'object', required: ['id', 'attachmentId'], properties: { id: uuid, attachmentId: uuid } } as const;
const anyObject = { type: 'object', additionalProperties: true } as const;
const list = (key: string) => ({ type: 'object', properties: { [key]: { type: 'array', items: anyObject } } }) as const;
const text = (max: number) => ({ type: 'string', minLength: 1, maxLength: max, pattern: '\\S' }) as const;
const subject = text(200);
const body = text(20000);
const PATIENT = { access: { kind: 'patient' as const } };
const STAFF = { access: { kind: 'staff' as const } };

type Id = { Params: { id: string } };
type AttachmentId = { Params: { id: string; attachmentId: string } };

function patientOf(req: FastifyRequest): PatientActor {
  return { personId: req.session!.personId, subjectId: req.subjectId!, requestId: req.id };
}

function staffOf(req: FastifyRequest): StaffActor {
  const s = req.session!;
  return { personId: s.personId, clinicId: s.clinicId!, roles: s.roles, requestId: req.id };
}

function sendFile(reply: FastifyReply, file: AttachmentFile) {
  // A PDF is downloaded, never shown inside our origin; a re-encoded JPEG may be shown.
  const disposition = file.contentType === 'application/pdf' ? 'attachment; filename="vedlegg.pdf"' : 'inline';
  return reply.header('content-type', file.contentType).header('cache-control', 'private, no-store').header('content-disposition', disposition).send(file.body);
}

export async function messagesRoutes(app: FastifyInstance, opts: CapabilityOptions): Promise<void> {
  const deps: MessagesDeps = { db: opts.db, notifications: opts.notifications, files: opts.files, log: opts.log.child({ capability: 'messages' }) };

  // Attachments arrive as the file's own bytes (as the e-consultation's photos do), under whatever type the browser
  // guessed: what they are is decided by their content. Any type but JSON is read as bytes; JSON routes' schemas refuse bytes.
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_ATTACHMENT_BYTES }, (_req, raw, done) => done(null, raw));

  app.get<{ Querystring: { q?: string; patientId?: string } }>(
    '/api/inbox',
    { config: PATIENT, schema: { querystring: { type: 'object', additionalProperties: false, properties: { q: { type: 'string', maxLength: 200 }, patientId: uuid } }, response: { 200: list('threads') } } },
    async (req) => ({ threads: await patient.inbox(deps, patientOf(req), req.query) }),
  );

  app.get<{ Querystring: { patientId?: string } }>(
    '/api/inbox/clinics',
    { config: PATIENT, schema: { querystring: { type: 'object', additionalProperties: false, properties: { patientId: uuid } }, response: { 200: list('clinics') } } },
    async (req) => ({ clinics: await patient.clinicsToWrite(deps, patientOf(req), req.query.patientId) }),
  );

  app.get<Id>('/api/threads/:id', { config: PATIENT, schema: { params: idParams, response: { 200: anyObject } } }, async (req) => patient.readThread(deps, patientOf(req), req.params.id));

  app.post<{ Body: patient.NewThreadInput }>(
    '/api/threads',
    {
      config: PATIENT,
      schema: {
        headers: { type: 'object', properties: { 'idempotency-key': { type: 'string', minLength: 8, maxLength: 200 } } },
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['kind', 'clinicId', 'subject', 'body'],
          properties: { kind: { type: 'string', enum: ['admin', 'clinical'] }, clinicId: uuid, practitionerId: uuid, subject, body, patientId: uuid },
        },
        response: { 201: anyObject },
      },
    },
    async (req, reply) => {
      const input = { ...req.body, subject: req.body.subject.trim(), body: req.body.body.trim() };
      const result = await patient.startThread(deps, patientOf(req), input, req.headers['idempotency-key'] as string | undefined);
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(result.status).send(result.body);
    },
  );

  const bodyOnly = { type: 'object', additionalProperties: false, required: ['body'], properties: { body } } as const;

  app.post<Id & { Body: { body: string } }>('/api/threads/:id/messages', { config: PATIENT, schema: { params: idParams, body: bodyOnly, response: { 201: anyObject } } }, async (req, reply) =>
    reply.code(201).send(await patient.reply(deps, patientOf(req), req.params.id, req.body.body.trim())),
  );

  app.post<Id>(
    '/api/threads/:id/attachments',
    {
      config: PATIENT,
      bodyLimit: MAX_ATTACHMENT_BYTES,
      schema: { params: idParams, response: { 201: anyObject } },
      // An upload over the limit is refused before it is read, with the attachment's own message.
      errorHandler: (err) => {
        if ((err as { code?: string }).code === 'FST_ERR_CTP_BODY_TOO_LARGE') throw new DomainError('payload-too-large', 'problem.message-attachment-too-large');
        throw err;
      },
    },
    async (req, reply) => {
      if (!Buffer.isBuffer(req.body)) throw new DomainError('unsupported-media-type', 'problem.message-attachment-type');
      return reply.code(201).send(await addAttachment(deps, patientOf(req), req.params.id, req.body));
    },
  );

  app.get<AttachmentId>('/api/threads/:id/attachments/:attachmentId', { config: PATIENT, schema: { params: attachmentParams } }, async (req, reply) =>
    sendFile(reply, await patientAttachment(deps, patientOf(req), req.params.id, req.params.attachmentId)),
  );

  app.get<Id>('/api/threads/:id/letter.pdf', { config: PATIENT, schema: { params: idParams } }, async (req, reply) =>
    reply
      .type('application/pdf')
      .header('content-disposition', 'attachment; filename="brev.pdf"')
      .header('cache-control', 'private, no-store')
      .send(Buffer.from(await patient.letterAsPdf(deps, patientOf(req), req.params.id))),
  );

  app.get<{ Querystring: { q?: string; closed?: 'true' | 'false' } }>(
    '/api/staff/inbox',
    {
      config: STAFF,
      schema: { querystring: { type: 'object', additionalProperties: false, properties: { q: { type: 'string', maxLength: 200 }, closed: { type: 'string', enum: ['true', 'false'] } } }, response: { 200: list('threads') } },
    },
    async (req) => ({ threads: await staff.staffInbox(deps, staffOf(req), { q: req.query.q, closed: req.query.closed === 'true' }) }),
  );

  // The clinic's choice of services: what patients may send and the answer deadline. Read by all staff, set by the admin.
  const settingsSchema = { type: 'object', properties: { kinds: { type: 'array', items: { type: 'string' } }, answerDays: { type: 'integer' } } } as const;
  const settingsView = (r: { message_kinds: string[]; message_answer_days: number }) => ({ kinds: r.message_kinds, answerDays: r.message_answer_days });
  app.get('/api/staff/clinic/message-settings', { config: STAFF, schema: { response: { 200: settingsSchema } } }, async (req) => settingsView(await store.messageSettings(deps.db, req.session!.clinicId!)));
  app.put<{ Body: { kinds: Array<'admin' | 'clinical'>; answerDays: number } }>(
    '/api/staff/clinic/message-settings',
    {
      config: { access: { kind: 'staff' as const, roles: ['clinic_admin' as const] } },
      schema: {
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['kinds', 'answerDays'],
          properties: { kinds: { type: 'array', uniqueItems: true, maxItems: 2, items: { type: 'string', enum: ['admin', 'clinical'] } }, answerDays: { type: 'integer', minimum: 1, maximum: 30 } },
        },
        response: { 200: settingsSchema },
      },
    },
    async (req) => settingsView(await store.setMessageSettings(deps.db, req.session!.clinicId!, req.body)),
  );

  app.get<Id>(
    '/api/staff/threads/:id/hand-over-candidates',
    { config: STAFF, schema: { params: idParams, response: { 200: { type: 'object', properties: { candidates: { type: 'array', items: { type: 'object', properties: { personId: { type: 'string' }, name: { type: ['string', 'null'] }, role: { type: 'string' } } } } } } } } },
    async (req) => ({ candidates: await staff.handOverCandidates(deps, staffOf(req), req.params.id) }),
  );

  app.get<Id>('/api/staff/threads/:id', { config: STAFF, schema: { params: idParams, response: { 200: anyObject } } }, async (req) => staff.readStaffThread(deps, staffOf(req), req.params.id));

  app.post<Id & { Body: { body: string } }>('/api/staff/threads/:id/messages', { config: STAFF, schema: { params: idParams, body: bodyOnly, response: { 201: anyObject } } }, async (req, reply) =>
    reply.code(201).send(await staff.staffReply(deps, staffOf(req), req.params.id, req.body.body.trim())),
  );

  app.post<Id & { Body: { personId: string | null } }>(
    '/api/staff/threads/:id/assign',
    { config: STAFF, schema: { params: idParams, body: { type: 'object', additionalProperties: false, required: ['personId'], properties: { personId: { type: ['string', 'null'], format: 'uuid' } } }, response: { 200: anyObject } } },
    async (req) => staff.assignThread(deps, staffOf(req), req.params.id, req.body.personId),
  );

  app.post<Id>('/api/staff/threads/:id/close', { config: STAFF, schema: { params: idParams, response: { 200: anyObject } } }, async (req) => staff.closeThread(deps, staffOf(req), req.params.id));

  app.post<{ Body: { patientId: string; subject: string; body: string } }>(
    '/api/staff/letters',
    { config: STAFF, schema: { body: { type: 'object', additionalProperties: false, required: ['patientId', 'subject', 'body'], properties: { patientId: uuid, subject, body } }, response: { 201: anyObject } } },
    async (req, reply) => reply.code(201).send(await staff.sendLetter(deps, staffOf(req), { patientId: req.body.patientId, subject: req.body.subject.trim(), body: req.body.body.trim() })),
  );

  app.get<AttachmentId>('/api/staff/threads/:id/attachments/:attachmentId', { config: STAFF, schema: { params: attachmentParams } }, async (req, reply) =>
    sendFile(reply, await staffAttachment(deps, staffOf(req), req.params.id, req.params.attachmentId)),
  );
}
