// HTTP for logging in and out and for the session itself: /auth/login, /auth/callback, /auth/logout, /api/session.
import type { FastifyInstance } from 'fastify';
import type { Db } from '../platform/db/database.ts';
import { DomainError } from '../platform/http/errors.ts';
import { LANGUAGES } from '../platform/http/messages.ts';
import { beginLogin, completeLogin, type IdentityDeps } from './service.ts';
import { endSession, SESSION_COOKIE, setSessionLanguage } from './sessions.ts';
import { getPerson, setPreferredLanguage } from './people.ts';

export interface AuthRouteOptions {
  deps: IdentityDeps;
  publicUrl: string;
  secureCookies: boolean;
  sessionAbsoluteHours: number;
  loginRateLimitPerMinute: number;
  devOutbox: boolean;
}

export async function authRoutes(app: FastifyInstance, opts: AuthRouteOptions): Promise<void> {
  const { deps } = opts;
  const db: Db = deps.db;
  const loginLimit = { max: opts.loginRateLimitPerMinute, timeWindow: '1 minute' };

  app.get<{ Querystring: { kind?: 'patient' | 'staff'; returnTo?: string } }>(
    '/auth/login',
    {
      config: { access: { kind: 'public' }, rateLimit: loginLimit },
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { kind: { type: 'string', enum: ['patient', 'staff'] }, returnTo: { type: 'string', maxLength: 200 } },
        },
      },
    },
    async (req, reply) => {
      const url = await beginLogin(deps, req.query.kind ?? 'patient', req.query.returnTo);
      return reply.redirect(url.toString(), 303);
    },
  );

  app.get('/auth/callback', { config: { access: { kind: 'public' }, rateLimit: loginLimit } }, async (req, reply) => {
    const callbackUrl = new URL(req.url, opts.publicUrl);
    try {
      const login = await completeLogin(deps, callbackUrl);
      reply.setCookie(SESSION_COOKIE, login.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: opts.secureCookies,
        maxAge: opts.sessionAbsoluteHours * 3600,
      });
      return reply.redirect(login.redirectTo, 303);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      req.log.info({ reason: err.messageKey }, 'login refused');
      return reply.redirect(`/?login=${err.messageKey === 'problem.not-staff' ? 'not-staff' : 'failed'}`, 303);
    }
  });

  app.post('/auth/logout', { config: { access: { kind: 'authenticated' } } }, async (req, reply) => {
    if (req.session) await endSession(db, req.session.id);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });

  app.get(
    '/api/session',
    {
      config: { access: { kind: 'public' } },
      schema: {
        response: {
          200: {
            type: 'object',
            properties: {
              authenticated: { type: 'boolean' },
              kind: { type: 'string' },
              csrfToken: { type: 'string' },
              language: { type: 'string' },
              person: { type: 'object', properties: { id: { type: 'string' }, name: { type: ['string', 'null'] } } },
              actingFor: { type: ['object', 'null'], properties: { id: { type: 'string' }, name: { type: ['string', 'null'] } } },
              devOutbox: { type: 'boolean' },
            },
          },
        },
      },
    },
    async (req) => {
      const s = req.session;
      if (!s) return { authenticated: false, devOutbox: opts.devOutbox };
      const person = await getPerson(db, s.personId);
      const actingFor = s.actingForId ? await getPerson(db, s.actingForId) : undefined;
      return {
        authenticated: true,
        kind: s.kind,
        csrfToken: s.csrfToken,
        language: s.language,
        person: { id: s.personId, name: person?.name ?? null },
        actingFor: actingFor ? { id: actingFor.id, name: actingFor.name } : null,
        devOutbox: opts.devOutbox,
      };
    },
  );

  app.put<{ Body: { language: string } }>(
    '/api/session/language',
    {
      config: { access: { kind: 'public' } },
      schema: {
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['language'],
          properties: { language: { type: 'string', enum: [...LANGUAGES] } },
        },
      },
    },
    async (req, reply) => {
      if (req.session) {
        await setSessionLanguage(db, req.session.id, req.body.language);
        await setPreferredLanguage(db, req.session.personId, req.body.language);
      }
      return reply.code(204).send();
    },
  );
}
