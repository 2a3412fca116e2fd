// HTTP for "delete my account": what is still open (GET /api/me/account), and the deletion itself
// (POST /api/me/account/delete {confirm: true}) — the person's own account only, never a child's.
import type { FastifyInstance } from 'fastify';
import { SESSION_COOKIE } from '../identity/sessions.ts';
import { deleteAccount, openMatters, type AccountDeps } from './service.ts';

const SELF = { access: { kind: 'patient' as const } };

export async function accountRoutes(app: FastifyInstance, opts: { deps: AccountDeps }): Promise<void> {
  const { deps } = opts;
  app.get('/api/me/account', { config: SELF, schema: { response: { 200: { type: 'object', properties: { open: { type: 'array', items: { type: 'string' } } } } } } }, async (req) => ({
    open: await openMatters(deps.db, req.session!.personId),
  }));
  app.post<{ Body: { confirm: true } }>(
    '/api/me/account/delete',
    {
      config: SELF,
      schema: {
        body: { type: 'object', additionalProperties: false, required: ['confirm'], properties: { confirm: { const: true } } },
        response: { 200: { type: 'object', properties: { deletedAt: { type: 'string' } } } },
      },
    },
    async (req, reply) => {
      const done = await deleteAccount(deps, { personId: req.session!.personId, requestId: req.id });
      return reply.clearCookie(SESSION_COOKIE, { path: '/' }).send(done);
    },
  );
}
