// HTTP for the journal: the patient's journal (GET /api/journal), the clinician's note for an appointment (GET to read
// or start it, POST to write it once), and corrections, which add a version.
import type { FastifyInstance } from 'fastify';
import type { CapabilityOptions } from '../capability.ts';
import { readAppointmentNote, writeAppointmentNote } from './appointment-note.ts';
import { correctNote, journalFor } from './journal.ts';

const str = { type: 'string' } as const;
const nstr = { type: ['string', 'null'] } as const;
const params = { type: 'object', required: ['appointmentId'], properties: { appointmentId: { type: 'string', format: 'uuid' } } } as const;
const CLINICIAN = { access: { kind: 'staff' as const, roles: ['clinician' as const] } };
const versionProps = { id: str, version: { type: 'integer' }, title: str, body: str, createdAt: str, authorName: nstr } as const;
const noteSchema = {
  type: 'object',
  properties: { ...versionProps, sourceKind: str, firstWrittenAt: str, authorProfession: str, clinicName: str, earlier: { type: 'array', items: { type: 'object', properties: versionProps } } },
} as const;
const viewSchema = {
  type: 'object',
  properties: {
    appointment: { type: 'object', properties: { id: str, startsAt: str, visitType: str, status: str, patient: { type: 'object', properties: { id: str, name: nstr } } } },
    note: { ...noteSchema, type: ['object', 'null'] },
    mayWrite: { type: 'boolean' },
  },
} as const;
const body = {
  type: 'object',
  additionalProperties: false,
  required: ['title', 'body'],
  properties: { title: { type: 'string', minLength: 1, maxLength: 200, pattern: '\\S' }, body: { type: 'string', minLength: 1, maxLength: 20000, pattern: '\\S' } },
} as const;

type Params = { Params: { appointmentId: string } };

export async function journalRoutes(app: FastifyInstance, opts: Pick<CapabilityOptions, 'db'>): Promise<void> {
  const { db } = opts;
  const path = '/api/staff/appointments/:appointmentId/journal-note';

  app.get<Params>(path, { config: CLINICIAN, schema: { params, response: { 200: viewSchema } } }, async (req) => readAppointmentNote(db, req.session!, req.id, req.params.appointmentId));

  app.get('/api/journal', { config: { access: { kind: 'patient' } }, schema: { response: { 200: { type: 'object', properties: { notes: { type: 'array', items: noteSchema } } } } } }, async (req) => ({
    notes: await journalFor(db, req.session!, req.subjectId!),
  }));

  app.post<{ Params: { noteId: string }; Body: { title: string; body: string } }>(
    '/api/staff/journal-notes/:noteId/corrections',
    { config: CLINICIAN, schema: { params: { type: 'object', required: ['noteId'], properties: { noteId: { type: 'string', format: 'uuid' } } }, body, response: { 201: noteSchema } } },
    async (req, reply) => reply.code(201).send(await correctNote(db, req.session!, req.id, req.params.noteId, { title: req.body.title.trim(), body: req.body.body.trim() })),
  );

  app.post<Params & { Body: { title: string; body: string } }>(path, { config: CLINICIAN, schema: { params, body, response: { 201: viewSchema } } }, async (req, reply) => {
    const view = await writeAppointmentNote(db, req.session!, req.id, req.params.appointmentId, { title: req.body.title.trim(), body: req.body.body.trim() });
    return reply.code(201).send(view);
  });
}
