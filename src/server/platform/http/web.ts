// Serves the built web app (dist/web) from the same server, with index.html for every client-side route.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { sendProblem } from './problem.ts';

export const WEB_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../dist/web');
const SERVER_PATHS = /^\/(api|auth|dev-idp|healthz|readyz)(\/|$|\?)/;

export async function webRoutes(app: FastifyInstance): Promise<void> {
  const built = existsSync(path.join(WEB_ROOT, 'index.html'));
  if (built) await app.register(fastifyStatic, { root: WEB_ROOT, serve: false });

  const sendIndex = (reply: import('fastify').FastifyReply) =>
    reply.header('cache-control', 'no-cache').sendFile('index.html', WEB_ROOT);

  app.get('/', { config: { access: { kind: 'public' } } }, async (_req, reply) => {
    if (!built) return reply.type('text/plain').send('The web app is not built: run `npm run build`.');
    return sendIndex(reply);
  });

  app.get('/assets/*', { config: { access: { kind: 'public' } } }, async (req, reply) => {
    const file = (req.params as { '*': string })['*'];
    if (!built || file.includes('..') || !existsSync(path.join(WEB_ROOT, 'assets', file))) {
      return sendProblem(req, reply, 'not-found', 'problem.not-found');
    }
    return reply.header('cache-control', 'public, max-age=31536000, immutable').sendFile(path.join('assets', file), WEB_ROOT);
  });

  app.setNotFoundHandler(async (req, reply) => {
    const html = (req.headers.accept ?? '').includes('text/html');
    if (built && req.method === 'GET' && html && !SERVER_PATHS.test(req.url)) {
      // Top-level files of the build (favicon and the like), else the app's own router decides.
      const top = req.url.split('?')[0]!.slice(1);
      if (top && !top.includes('/') && existsSync(path.join(WEB_ROOT, top))) return reply.sendFile(top, WEB_ROOT);
      return sendIndex(reply);
    }
    return sendProblem(req, reply, 'not-found', 'problem.not-found');
  });
}
