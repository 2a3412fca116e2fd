// HTTP for video consultations: join links, the waiting room, the clinician's actions, guests, ICE servers.
// Routes a guest (interpreter, relative) may call are 'public' to the access table and check here for a session or the
// guest cookie, which names one participant of one room and reaches nothing else.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { CapabilityOptions } from '../capability.ts';
import { DomainError, Invalid, Unauthenticated } from '../platform/http/errors.ts';
import type { RoomView } from '../../shared/video-api.ts';
import { videoLinkSecret } from './config.ts';
import { GUEST_COOKIE, registerVideoLive } from './live-topics.ts';
import * as service from './service.ts';
import * as guests from './guests.ts';
import { connectionTestServers, iceServersFor, roomView } from './views.ts';

const uuid = { type: 'string', format: 'uuid' } as const;
const str = { type: 'string' } as const;
const nstr = { type: ['string', 'null'] } as const;
const roomParams = { type: 'object', required: ['appointmentId'], properties: { appointmentId: uuid } } as const;
const participantParams = { type: 'object', required: ['appointmentId', 'participantId'], properties: { appointmentId: uuid, participantId: uuid } } as const;
const tokenBody = { type: 'object', additionalProperties: false, required: ['token'], properties: { token: { type: 'string', minLength: 1, maxLength: 600 } } } as const;

const entrySchema = { type: 'object', properties: { appointmentId: str, participantId: str, role: str, state: str } } as const;
const rosterSchema = { type: 'array', items: { type: 'object', properties: { participantId: str, role: str, displayName: str, state: str, since: nstr } } } as const;
const roomSchema = {
  type: 'object',
  properties: {
    appointmentId: str,
    startsAt: str,
    endsAt: str,
    practitionerName: nstr,
    patient: { type: ['object', 'null'], properties: { id: str, name: nstr } },
    me: { type: ['object', 'null'], properties: { participantId: str, role: str, state: str, leftReason: nstr } },
    status: str,
    endedReason: nstr,
    lateMinutes: { type: 'integer' },
    roster: rosterSchema,
    waiting: rosterSchema,
    invited: rosterSchema,
    identityCheckedAt: nstr,
    phoneRequest: { type: ['object', 'null'], properties: { at: str, phone: nstr } },
  },
} as const;
const iceSchema = {
  type: 'object',
  properties: {
    iceServers: { type: 'array', items: { type: 'object', properties: { urls: { type: 'array', items: str }, username: str, credential: str } } },
    expiresAt: str,
    ttlSeconds: { type: 'integer' },
  },
} as const;

const PATIENT = { access: { kind: 'patient' as const } };
const CLINICIAN = { access: { kind: 'staff' as const, roles: ['clinician' as const] } };
/** A session or a guest cookie, checked by `viewerOf`. */
const PARTICIPANT = { access: { kind: 'public' as const } };

type Room = { Params: { appointmentId: string } };
type InRoom = { Params: { appointmentId: string; participantId: string } };

export async function videoRoutes(app: FastifyInstance, opts: CapabilityOptions): Promise<void> {
  const { config } = opts;
  const deps: service.VideoDeps = { db: opts.db, bus: opts.bus, log: opts.log.child({ capability: 'video' }), publicUrl: config.publicUrl, linkSecret: videoLinkSecret(config.video) };
  const origin = new URL(config.publicUrl).origin;
  const secureCookie = config.publicUrl.startsWith('https://');
  registerVideoLive(app.live, deps);

  /** The guest cookie's participant when it belongs to this room, else the session; guests' changes must come from our pages. */
  async function viewerOf(req: FastifyRequest, appointmentId: string): Promise<service.Viewer> {
    const guest = await guests.guestOfToken(deps, req.cookies[GUEST_COOKIE]);
    if (guest && guest.appointmentId === appointmentId) {
      if (req.method !== 'GET' && req.headers.origin !== origin) throw new DomainError('csrf', 'problem.csrf');
      return { kind: 'guest', participantId: guest.participantId, requestId: req.id };
    }
    if (req.session) return { kind: 'session', session: req.session, requestId: req.id };
    throw Unauthenticated();
  }
  const sessionViewer = (req: FastifyRequest): service.Viewer => ({ kind: 'session', session: req.session!, requestId: req.id });
  const viewAfter = (req: FastifyRequest, appointmentId: string): Promise<RoomView> => roomView(deps, sessionViewer(req), appointmentId);

  app.get<Room>('/api/video/appointments/:appointmentId/link', { config: PATIENT, schema: { params: roomParams, response: { 200: { type: 'object', properties: { appointmentId: str, url: str, token: str, expiresAt: str } } } } }, async (req) =>
    service.joinLink(deps, req.session!, req.params.appointmentId),
  );

  app.post<{ Body: { token: string } }>('/api/video/join', { config: PATIENT, schema: { body: tokenBody, response: { 200: entrySchema } } }, async (req) =>
    service.joinWithLink(deps, req.session!, req.id, req.body.token),
  );

  app.get('/api/video/connection-test', { config: { access: { kind: 'authenticated' } }, schema: { response: { 200: iceSchema } } }, async () => connectionTestServers(config.video));

  app.post<{ Body: { token: string } }>('/api/video/guest/accept', { config: { access: { kind: 'public' } }, schema: { body: tokenBody, response: { 200: entrySchema } } }, async (req, reply) => {
    if (req.headers.origin !== origin) throw new DomainError('csrf', 'problem.csrf');
    const accepted = await guests.acceptInvitation(deps, req.body.token);
    // The guest's only credential: HttpOnly, same-site only, sent to the API only, gone when the appointment is.
    reply.setCookie(GUEST_COOKIE, accepted.guestToken, { path: '/api', httpOnly: true, sameSite: 'strict', secure: secureCookie, expires: accepted.expiresAt });
    return accepted.entry;
  });

  app.post('/api/video/guest/enter', { config: { access: { kind: 'public' } }, schema: { response: { 200: entrySchema } } }, async (req) => {
    const guest = await guests.guestOfToken(deps, req.cookies[GUEST_COOKIE]);
    if (!guest) throw Unauthenticated();
    if (req.headers.origin !== origin) throw new DomainError('csrf', 'problem.csrf');
    return guests.guestEnter(deps, guest.participantId);
  });

  app.post<Room>('/api/video/rooms/:appointmentId/enter', { config: CLINICIAN, schema: { params: roomParams, response: { 200: entrySchema } } }, async (req) =>
    service.clinicianEnter(deps, req.session!, req.id, req.params.appointmentId),
  );

  app.get<Room>('/api/video/rooms/:appointmentId', { config: PARTICIPANT, schema: { params: roomParams, response: { 200: roomSchema } } }, async (req) =>
    roomView(deps, await viewerOf(req, req.params.appointmentId), req.params.appointmentId),
  );

  app.get<Room>('/api/video/rooms/:appointmentId/ice-servers', { config: PARTICIPANT, schema: { params: roomParams, response: { 200: iceSchema } } }, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    return iceServersFor(deps, config.video, await viewerOf(req, req.params.appointmentId), req.params.appointmentId);
  });

  app.post<Room>('/api/video/rooms/:appointmentId/leave', { config: PARTICIPANT, schema: { params: roomParams, response: { 200: entrySchema } } }, async (req) =>
    service.leave(deps, await viewerOf(req, req.params.appointmentId), req.params.appointmentId),
  );

  app.post<InRoom>('/api/video/rooms/:appointmentId/participants/:participantId/admit', { config: CLINICIAN, schema: { params: participantParams, response: { 200: roomSchema } } }, async (req) => {
    await service.admit(deps, req.session!, req.id, req.params.appointmentId, req.params.participantId);
    return viewAfter(req, req.params.appointmentId);
  });

  app.post<InRoom>('/api/video/rooms/:appointmentId/participants/:participantId/remove', { config: CLINICIAN, schema: { params: participantParams, response: { 200: roomSchema } } }, async (req) => {
    await service.remove(deps, req.session!, req.id, req.params.appointmentId, req.params.participantId);
    return viewAfter(req, req.params.appointmentId);
  });

  app.put<Room & { Body: { minutes: number } }>(
    '/api/video/rooms/:appointmentId/late',
    { config: CLINICIAN, schema: { params: roomParams, body: { type: 'object', additionalProperties: false, required: ['minutes'], properties: { minutes: { type: 'integer', minimum: 0, maximum: 240 } } }, response: { 200: roomSchema } } },
    async (req) => {
      await service.setLate(deps, req.session!, req.params.appointmentId, req.body.minutes);
      return viewAfter(req, req.params.appointmentId);
    },
  );

  app.post<Room>('/api/video/rooms/:appointmentId/identity-check', { config: CLINICIAN, schema: { params: roomParams, response: { 200: roomSchema } } }, async (req) => {
    await service.recordIdentityCheck(deps, req.session!, req.id, req.params.appointmentId);
    return viewAfter(req, req.params.appointmentId);
  });

  app.post<Room & { Body: { role: 'interpreter' | 'relative'; displayName: string } }>(
    '/api/video/rooms/:appointmentId/invitations',
    {
      config: CLINICIAN,
      schema: {
        params: roomParams,
        body: { type: 'object', additionalProperties: false, required: ['role', 'displayName'], properties: { role: { type: 'string', enum: ['interpreter', 'relative'] }, displayName: { type: 'string', minLength: 1, maxLength: 200 } } },
        response: { 201: { type: 'object', properties: { appointmentId: str, participantId: str, role: str, displayName: str, url: str, token: str, expiresAt: str } } },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return reply.code(201).send(await guests.invite(deps, req.session!, req.id, req.params.appointmentId, req.body.role, req.body.displayName));
    },
  );

  app.post<Room>('/api/video/rooms/:appointmentId/end', { config: CLINICIAN, schema: { params: roomParams, response: { 200: roomSchema } } }, async (req) => {
    await service.endCall(deps, req.session!, req.id, req.params.appointmentId);
    return viewAfter(req, req.params.appointmentId);
  });

  app.post<Room & { Body: { phone?: string } }>(
    '/api/video/rooms/:appointmentId/phone-instead',
    { config: PATIENT, schema: { params: roomParams, body: { type: 'object', additionalProperties: false, properties: { phone: { type: 'string', maxLength: 20 } } }, response: { 200: roomSchema } } },
    async (req) => {
      const phone = req.body.phone?.replace(/[\s-]/g, '') || null;
      if (phone && !/^\+?[0-9]{8,15}$/.test(phone)) throw Invalid('problem.invalid-phone');
      await service.requestPhone(deps, req.session!, req.id, req.params.appointmentId, phone);
      return viewAfter(req, req.params.appointmentId);
    },
  );

}
