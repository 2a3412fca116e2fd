// HTTP for reception's booking requests (SMS and "not video"): list the open ones, book, convert or reject one.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor, BookingDeps } from '../booking/service.ts';
import { VISIT_TYPES, type VisitType } from '../booking/domain.ts';
import { appointmentSchema } from '../booking/views.ts';
import { bookFromRequest, convertRequest, openBookingRequests, rejectRequest } from './reception.ts';

const STAFF = { access: { kind: 'staff' as const, roles: ['reception' as const, 'clinician' as const, 'clinic_admin' as const] } };
const str = { type: 'string' } as const;
const nstr = { type: ['string', 'null'] } as const;
const uuid = { type: 'string', format: 'uuid' } as const;
const idParams = { type: 'object', required: ['id'], properties: { id: uuid } } as const;

const requestSchema = {
  type: 'object',
  properties: {
    id: str,
    kind: { type: 'string', enum: ['sms', 'not_video'] },
    status: str,
    receivedAt: str,
    message: str,
    fromPhone: nstr,
    patient: { type: ['object', 'null'], properties: { id: str, name: nstr, maskedNationalId: nstr } },
    appointment: {
      type: ['object', 'null'],
      properties: { id: str, start: str, visitType: str, status: str, practitionerName: nstr },
    },
  },
} as const;

const handledSchema = {
  type: 'object',
  properties: { requestId: str, status: { type: 'string', enum: ['booked', 'converted', 'rejected'] }, appointmentId: str, visitType: str, appointment: appointmentSchema },
} as const;

function actorOf(req: FastifyRequest): Actor {
  const s = req.session!;
  return { personId: s.personId, kind: s.kind, clinicId: s.clinicId, roles: s.roles, requestId: req.id };
}

export async function receptionRoutes(app: FastifyInstance, opts: { deps: BookingDeps }): Promise<void> {
  const { deps } = opts;

  app.get(
    '/api/staff/booking-requests',
    { config: STAFF, schema: { response: { 200: { type: 'object', properties: { requests: { type: 'array', items: requestSchema } } } } } },
    async (req) => ({ requests: await openBookingRequests(deps, actorOf(req)) }),
  );

  app.post<{ Params: { id: string }; Body: { practitionerId: string; start: string; visitType: VisitType; reason?: string } }>(
    '/api/staff/booking-requests/:id/book',
    {
      config: STAFF,
      schema: {
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['practitionerId', 'start', 'visitType'],
          properties: { practitionerId: uuid, start: { type: 'string', format: 'date-time' }, visitType: { type: 'string', enum: [...VISIT_TYPES] }, reason: { type: 'string', maxLength: 300 } },
        },
        response: { 200: handledSchema },
      },
    },
    async (req) => {
      const { practitionerId, start, visitType, reason } = req.body;
      return bookFromRequest(deps, actorOf(req), req.params.id, { practitionerId, start: new Date(start), visitType, ...(reason !== undefined ? { reason } : {}) });
    },
  );

  app.post<{ Params: { id: string }; Body: { visitType: 'clinic' | 'phone' } }>(
    '/api/staff/booking-requests/:id/convert',
    {
      config: STAFF,
      schema: {
        params: idParams,
        body: { type: 'object', additionalProperties: false, required: ['visitType'], properties: { visitType: { type: 'string', enum: ['clinic', 'phone'] } } },
        response: { 200: handledSchema },
      },
    },
    async (req) => convertRequest(deps, actorOf(req), req.params.id, req.body.visitType),
  );

  app.post<{ Params: { id: string }; Body: { reason?: string } | undefined }>(
    '/api/staff/booking-requests/:id/reject',
    {
      config: STAFF,
      schema: {
        params: idParams,
        body: { type: 'object', additionalProperties: false, properties: { reason: { type: 'string', maxLength: 300 } } },
        response: { 200: handledSchema },
      },
    },
    async (req) => rejectRequest(deps, actorOf(req), req.params.id, req.body?.reason ?? null),
  );
}
