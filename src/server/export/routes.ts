// HTTP for "download my data": ask for it (POST /api/me/export), follow its progress (GET /api/me/exports), and
// download each file once (GET /api/me/exports/:id/data.json, …/data.pdf). Also the jobs that build and expire it.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { BUILD_QUEUE, buildExport, download, EXPIRE_QUEUE, expireExport, exportsOf, requestExport, type ExportDeps } from './service.ts';

const uuid = { type: 'string', format: 'uuid' } as const;
const PATIENT = { access: { kind: 'patient' as const } };
const exportSchema = {
  type: 'object',
  properties: { id: { type: 'string' }, status: { type: 'string' }, progress: { type: 'integer' }, createdAt: { type: 'string' }, expiresAt: { type: ['string', 'null'] }, json: { type: 'string' }, pdf: { type: 'string' } },
} as const;

export function defineExportJobs(deps: ExportDeps): void {
  deps.jobs.define<{ exportId: string }>({ name: BUILD_QUEUE, retryLimit: 5, retryDelaySeconds: 30, expireInSeconds: 900, handler: async (job) => buildExport(deps, job.exportId) });
  deps.jobs.define<{ exportId: string }>({ name: EXPIRE_QUEUE, retryLimit: 10, retryDelaySeconds: 300, handler: async (job) => expireExport(deps, job.exportId) });
}

const subject = (req: FastifyRequest, patientId: string | undefined) => patientId ?? req.subjectId ?? undefined;

export async function exportRoutes(app: FastifyInstance, opts: { deps: ExportDeps }): Promise<void> {
  const { deps } = opts;
  app.post<{ Body: { patientId?: string } }>(
    '/api/me/export',
    { config: PATIENT, schema: { body: { type: 'object', additionalProperties: false, properties: { patientId: uuid } }, response: { 202: exportSchema } } },
    async (req, reply) => reply.code(202).send(await requestExport(deps, req.session!.personId, subject(req, req.body?.patientId))),
  );
  app.get<{ Querystring: { patientId?: string } }>(
    '/api/me/exports',
    { config: PATIENT, schema: { querystring: { type: 'object', additionalProperties: false, properties: { patientId: uuid } }, response: { 200: { type: 'object', properties: { exports: { type: 'array', items: exportSchema } } } } } },
    async (req) => ({ exports: await exportsOf(deps.db, req.session!.personId, subject(req, req.query.patientId)) }),
  );
  for (const format of ['json', 'pdf'] as const) {
    app.get<{ Params: { id: string } }>(`/api/me/exports/:id/data.${format}`, { config: PATIENT, schema: { params: { type: 'object', required: ['id'], properties: { id: uuid } } } }, async (req, reply) => {
      const file = await download(deps, req.session!.personId, req.params.id, format);
      return reply
        .header('content-type', format === 'json' ? 'application/json; charset=utf-8' : 'application/pdf')
        .header('content-disposition', `attachment; filename="nettlege-data.${format}"`)
        .header('cache-control', 'no-store')
        .send(file);
    });
  }
}
