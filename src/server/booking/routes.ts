// HTTP for booking: clinics, practitioners, free times, and the patient's (or reception's) appointments.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DateTime } from 'luxon';
import { Invalid, NotFound } from '../platform/http/errors.ts';
import { languageOf } from '../platform/http/problem.ts';
import { recordAccess } from '../platform/audit.ts';
import { patientsActorMayActFor } from '../identity/service.ts';
import { CARE_CATEGORIES, type CareCategory } from '../platform/db/schema.ts';
import { isoInZone, VISIT_TYPES, type VisitType } from './domain.ts';
import { availability } from './availability.ts';
import { appointmentIcs } from './ics.ts';
import * as service from './service.ts';
import * as store from './store.ts';
import { appointmentSchema, appointmentView } from './views.ts';

const str = { type: 'string' } as const;
const uuid = { type: 'string', format: 'uuid' } as const;
const idParams = { type: 'object', required: ['id'], properties: { id: uuid } } as const;
const PUBLIC = { access: { kind: 'public' as const } };
const EITHER = { access: { kind: 'patientOrStaff' as const } };
const DAY_MS = 86_400_000;

export function actorOf(req: FastifyRequest): service.Actor {
  const s = req.session!;
  return { personId: s.personId, kind: s.kind, clinicId: s.clinicId, roles: s.roles, requestId: req.id };
}

function instant(value: string | undefined, fallback: Date, name: string): Date {
  if (!value) return fallback;
  const d = new Date(value);
  if (Number.isNaN(d.getTime()) || !/T\d{2}:\d{2}/.test(value)) throw Invalid('problem.invalid', { detail: `${name} must be an ISO 8601 date-time` });
  return d;
}

export async function bookingRoutes(app: FastifyInstance, opts: { deps: service.BookingDeps; publicUrl: string }): Promise<void> {
  const { deps } = opts;
  const { db } = deps;

  app.get('/api/clinics', { config: PUBLIC }, async () => ({
    clinics: (await store.clinics(db)).map((c) => ({
      id: c.id,
      name: c.name,
      kind: c.kind,
      country: c.country,
      timeZone: c.time_zone,
      municipality: c.municipality,
      address: c.address,
      phone: c.phone,
      services: c.services,
      cancelCutoffHours: c.cancel_cutoff_hours,
      dropinVisitTypes: c.dropin_visit_types,
    })),
  }));

  app.get<{ Params: { clinicId: string } }>(
    '/api/clinics/:clinicId/practitioners',
    { config: PUBLIC, schema: { params: { type: 'object', properties: { clinicId: uuid } } } },
    async (req) => ({ practitioners: await store.practitionersOf(db, req.params.clinicId) }),
  );

  app.get<{ Querystring: { clinicId: string; practitionerId?: string; visitType?: VisitType; from?: string; to?: string } }>(
    '/api/availability',
    {
      config: PUBLIC,
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          required: ['clinicId'],
          properties: { clinicId: uuid, practitionerId: uuid, visitType: { type: 'string', enum: [...VISIT_TYPES] }, from: str, to: str },
        },
      },
    },
    async (req) => {
      const now = new Date();
      const from = instant(req.query.from, now, 'from');
      const to = instant(req.query.to, new Date(from.getTime() + 14 * DAY_MS), 'to');
      if (to <= from || to.getTime() - from.getTime() > 62 * DAY_MS) throw Invalid('problem.invalid', { detail: 'to must be after from and at most 62 days later' });
      const result = await availability(db, { clinicId: req.query.clinicId, from, to, now, ...(req.query.practitionerId ? { practitionerId: req.query.practitionerId } : {}), ...(req.query.visitType ? { visitType: req.query.visitType } : {}) });
      return {
        timeZone: result.timeZone,
        slots: result.slots.map((s) => ({ practitionerId: s.practitionerId, start: isoInZone(s.start, result.timeZone), end: isoInZone(s.end, result.timeZone), visitType: s.visitType })),
      };
    },
  );

  app.post<{ Body: { practitionerId: string; start: string; visitType: VisitType; reason?: string; patientId?: string; interpreterLanguage?: string | null; careCategory?: CareCategory | null } }>(
    '/api/appointments',
    {
      config: EITHER,
      schema: {
        headers: { type: 'object', properties: { 'idempotency-key': { type: 'string', minLength: 8, maxLength: 200 } } },
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['practitionerId', 'start', 'visitType'],
          properties: {
            practitionerId: uuid,
            start: { type: 'string', format: 'date-time' },
            visitType: { type: 'string', enum: [...VISIT_TYPES] },
            reason: { type: 'string', maxLength: 300 },
            patientId: uuid,
            interpreterLanguage: { type: ['string', 'null'], maxLength: 40 },
            careCategory: { type: ['string', 'null'], enum: [...CARE_CATEGORIES, null] },
          },
        },
        response: { 201: appointmentSchema, 200: appointmentSchema },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const patientId = req.body.patientId ?? (actor.kind === 'patient' ? req.subjectId! : undefined);
      if (!patientId) throw Invalid('problem.invalid', { detail: 'body/patientId is required when staff book' });
      const result = await service.bookAppointment(
        deps,
        actor,
        { practitionerId: req.body.practitionerId, start: new Date(req.body.start), visitType: req.body.visitType, reason: req.body.reason ?? '', patientId, interpreterLanguage: req.body.interpreterLanguage ?? null, careCategory: req.body.careCategory ?? null },
        req.headers['idempotency-key'] as string | undefined,
      );
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(result.status).send(result.body);
    },
  );

  app.get<{ Querystring: { date?: string; practitionerId?: string } }>(
    '/api/appointments',
    {
      config: EITHER,
      schema: {
        querystring: { type: 'object', additionalProperties: false, properties: { date: { type: 'string', format: 'date' }, practitionerId: uuid } },
        response: { 200: { type: 'object', properties: { appointments: { type: 'array', items: appointmentSchema } } } },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      if (actor.kind === 'patient') {
        return { appointments: await service.appointmentsOfPatientAndChildren(deps, actor.personId) };
      }
      // The day list: one clinic day in the clinic's zone; each patient on it is an audited access.
      const clinic = (await store.bookingClinic(db, actor.clinicId!))!;
      const date = req.query.date ?? new Intl.DateTimeFormat('en-CA', { timeZone: clinic.time_zone }).format(new Date());
      const start = DateTime.fromISO(date, { zone: clinic.time_zone }).startOf('day');
      const rows = await store.dayList(db, actor.clinicId!, start.toJSDate(), start.plus({ days: 1 }).toJSDate(), req.query.practitionerId);
      for (const patientId of new Set(rows.map((r) => r.patient_id))) {
        await recordAccess(db, { actorPersonId: actor.personId, actorKind: 'staff', subjectPersonId: patientId, clinicId: actor.clinicId, action: 'appointment.daylist.read', reason: 'day list', requestId: req.id });
      }
      const now = new Date();
      return { appointments: rows.map((r) => appointmentView(r, now)) };
    },
  );

  app.post<{ Params: { id: string } }>('/api/appointments/:id/cancel', { config: EITHER, schema: { params: idParams, response: { 200: appointmentSchema } } }, async (req) =>
    service.cancelAppointment(deps, actorOf(req), req.params.id),
  );

  app.post<{ Params: { id: string }; Body: { start: string } }>(
    '/api/appointments/:id/reschedule',
    {
      config: EITHER,
      schema: {
        params: idParams,
        body: { type: 'object', additionalProperties: false, required: ['start'], properties: { start: { type: 'string', format: 'date-time' } } },
        response: { 200: appointmentSchema },
      },
    },
    async (req) => service.rescheduleAppointment(deps, actorOf(req), req.params.id, new Date(req.body.start)),
  );

  app.post<{ Params: { id: string } }>(
    '/api/appointments/:id/decline-video',
    { config: { access: { kind: 'patient' } }, schema: { params: idParams, response: { 200: appointmentSchema } } },
    async (req) => service.declineVideo(deps, actorOf(req), req.params.id),
  );

  app.get<{ Params: { id: string } }>('/api/appointments/:id/calendar.ics', { config: EITHER, schema: { params: idParams } }, async (req, reply) => {
    const actor = actorOf(req);
    const visible = actor.kind === 'patient' ? await patientsActorMayActFor(db, actor.personId) : null;
    const row = await store.appointmentListing(db, req.params.id);
    if (!row || (visible ? !visible.includes(row.patient_id) : row.clinic_id !== actor.clinicId)) throw NotFound();
    return reply
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', `attachment; filename="time-${row.id.slice(0, 8)}.ics"`)
      .send(appointmentIcs(appointmentView(row, new Date()), opts.publicUrl, languageOf(req)));
  });
}
