// HTTP for the GP list: the patient's GP, finding and switching GP, the waiting list and the journal transfer (patients,
// parents for a child under 16); the clinic admin's lists and ceilings; journal transfers for the office's staff; the
// live position on the waiting list; and the local population register's dev page.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { LiveRegistry } from '../platform/http/live.ts';
import type { SwitchRequest } from './api.ts';
import { clinicLists, clinicTransfers, gpQuits, listDetail, markTransferSent, setCeiling } from './admin.ts';
import { populationDevRoutes } from './population-dev.ts';
import { FILL_QUEUE, fillPlacesJob, leaveWaitingList, listTopic, myGp, patientTopic, requestJournalTransfer, search, switchGp, type GpDeps } from './service.ts';
import * as store from './store.ts';

const uuid = { type: 'string', format: 'uuid' } as const;
const anyObject = { type: 'object', additionalProperties: true } as const;
const PATIENT = { access: { kind: 'patient' as const } };
const ADMIN = { access: { kind: 'staff' as const, roles: ['clinic_admin' as const] } };
const STAFF = { access: { kind: 'staff' as const, roles: ['reception' as const, 'clinician' as const, 'clinic_admin' as const] } };
const patientQuery = { type: 'object', additionalProperties: false, properties: { patientId: uuid } } as const;

const actorOf = (req: FastifyRequest) => ({ personId: req.session!.personId, requestId: req.id });
const staffOf = (req: FastifyRequest) => ({ personId: req.session!.personId, clinicId: req.session!.clinicId!, requestId: req.id });

export function defineGpJobs(deps: GpDeps): void {
  deps.jobs.define<{ practitionerId: string }>({ name: FILL_QUEUE, retryLimit: 10, retryDelaySeconds: 30, expireInSeconds: 300, handler: async (job) => void (await fillPlacesJob(deps, job.practitionerId)) });
}

const ME = 'gp:me';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** 'gp:me' (the session's subject) or 'gp:me:<patientId>': the patient's GP page, live (the waiting-list position). */
export function registerGpTopics(live: LiveRegistry, deps: GpDeps): void {
  live.register({
    prefix: ME,
    async open({ session, topic, requestId }) {
      if (session.kind !== 'patient') return null;
      const rest = topic.slice(ME.length);
      const patientId = rest === '' ? (session.actingForId ?? session.personId) : rest.startsWith(':') && UUID.test(rest.slice(1)) ? rest.slice(1) : null;
      if (!patientId) return null;
      const actor = { personId: session.personId, requestId };
      const first = await myGp(deps, actor, patientId).catch(() => null);
      if (!first) return null;
      const waiting = await store.waitingOf(deps.db, patientId);
      return {
        busTopics: [patientTopic(patientId), ...(waiting ? [listTopic(waiting.practitioner_id)] : [])],
        snapshot: async () => ({ type: 'gp.mine', ...(await myGp(deps, actor, patientId)) }),
      };
    },
  });
}

export async function gpRoutes(app: FastifyInstance, opts: { deps: GpDeps; publicUrl: string }): Promise<void> {
  const { deps } = opts;
  registerGpTopics(app.live, deps);

  app.get<{ Querystring: { patientId?: string } }>('/api/gp/mine', { config: PATIENT, schema: { querystring: patientQuery, response: { 200: anyObject } } }, async (req) =>
    myGp(deps, actorOf(req), req.query.patientId ?? req.subjectId ?? undefined),
  );

  app.get<{ Querystring: { municipality?: string; name?: string } }>(
    '/api/gp/search',
    {
      config: PATIENT,
      schema: { querystring: { type: 'object', additionalProperties: false, properties: { municipality: { type: 'string', maxLength: 80 }, name: { type: 'string', maxLength: 80 } } }, response: { 200: anyObject } },
    },
    async (req) => search(deps, { municipality: req.query.municipality?.trim() || undefined, name: req.query.name?.trim() || undefined }),
  );

  app.post<{ Body: SwitchRequest }>(
    '/api/gp/switch',
    {
      config: PATIENT,
      schema: {
        headers: { type: 'object', properties: { 'idempotency-key': { type: 'string', minLength: 8, maxLength: 200 } } },
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['practitionerId'],
          properties: { practitionerId: uuid, reason: { type: 'string', maxLength: 500 }, patientId: uuid, children: { type: 'array', maxItems: 10, items: uuid } },
        },
        response: { 200: anyObject },
      },
    },
    async (req, reply) => {
      const body = { ...req.body, ...(req.body.patientId === undefined && req.subjectId !== req.session!.personId ? { patientId: req.subjectId! } : {}) };
      const r = await switchGp(deps, actorOf(req), body, req.headers['idempotency-key'] as string | undefined);
      if (r.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(r.status).send(r.body);
    },
  );

  app.delete<{ Querystring: { patientId?: string } }>('/api/gp/waiting', { config: PATIENT, schema: { querystring: patientQuery } }, async (req, reply) => {
    await leaveWaitingList(deps, actorOf(req), req.query.patientId ?? req.subjectId ?? undefined);
    return reply.code(204).send();
  });

  app.post<{ Body: { patientId?: string } }>(
    '/api/gp/journal-transfer',
    { config: PATIENT, schema: { body: { type: 'object', additionalProperties: false, properties: { patientId: uuid } }, response: { 201: anyObject } } },
    async (req, reply) => reply.code(201).send(await requestJournalTransfer(deps, actorOf(req), req.body?.patientId ?? req.subjectId ?? undefined)),
  );

  app.get('/api/admin/gp/lists', { config: ADMIN, schema: { response: { 200: anyObject } } }, async (req) => ({ lists: await clinicLists(deps.db, req.session!.clinicId!) }));

  app.get<{ Params: { practitionerId: string } }>('/api/admin/gp/lists/:practitionerId', { config: ADMIN, schema: { params: { type: 'object', required: ['practitionerId'], properties: { practitionerId: uuid } }, response: { 200: anyObject } } }, async (req) =>
    listDetail(deps.db, staffOf(req), req.params.practitionerId),
  );

  app.put<{ Params: { practitionerId: string }; Body: { ceiling: number } }>(
    '/api/admin/gp/lists/:practitionerId/ceiling',
    {
      config: ADMIN,
      schema: {
        params: { type: 'object', required: ['practitionerId'], properties: { practitionerId: uuid } },
        body: { type: 'object', additionalProperties: false, required: ['ceiling'], properties: { ceiling: { type: 'integer', minimum: 0, maximum: 5000 } } },
        response: { 200: anyObject },
      },
    },
    async (req) => setCeiling(deps, staffOf(req), req.params.practitionerId, req.body.ceiling),
  );

  app.post<{ Params: { practitionerId: string } }>('/api/admin/gp/lists/:practitionerId/quit', { config: ADMIN, schema: { params: { type: 'object', required: ['practitionerId'], properties: { practitionerId: uuid } }, response: { 200: anyObject } } }, async (req) =>
    gpQuits(deps, staffOf(req), req.params.practitionerId),
  );

  app.get('/api/staff/gp/journal-transfers', { config: STAFF, schema: { response: { 200: anyObject } } }, async (req) => ({ transfers: await clinicTransfers(deps.db, staffOf(req)) }));

  app.post<{ Params: { id: string } }>('/api/staff/gp/journal-transfers/:id/sent', { config: STAFF, schema: { params: { type: 'object', required: ['id'], properties: { id: uuid } }, response: { 200: anyObject } } }, async (req) =>
    markTransferSent(deps.db, staffOf(req), req.params.id),
  );

  await app.register(populationDevRoutes, { db: deps.db, publicUrl: opts.publicUrl });
}
