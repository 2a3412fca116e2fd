// Request-level security: session loading, the access rule of each route, CSRF, security headers and rate limits.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import { Redis } from 'ioredis';
import type { Db } from '../db/database.ts';
import { DomainError } from './errors.ts';
import { enforceAccess, requireAccessRules, sameToken, type SessionInfo } from './access.ts';

export interface SecurityOptions {
  db: Db;
  publicUrl: string;
  devToolsEnabled: boolean;
  /** METRICS_TOKEN; unset: no operator routes. */
  operatorToken?: string | undefined;
  rateLimitPerMinute: number;
  redisUrl: string | undefined;
  redisPrefix: string;
  loadSession(request: FastifyRequest): Promise<SessionInfo | null>;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export async function registerSecurity(app: FastifyInstance, opts: SecurityOptions): Promise<() => Promise<void>> {
  const https = opts.publicUrl.startsWith('https://');
  const origin = new URL(opts.publicUrl).origin;
  app.decorate('accessTable', requireAccessRules(app));
  app.decorateRequest('session', null);
  app.decorateRequest('subjectId', null);

  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        mediaSrc: ["'self'", 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: https ? { maxAge: 31536000 } : false,
    crossOriginEmbedderPolicy: false,
  });

  app.addHook('onRequest', async (request) => {
    request.session = await opts.loadSession(request);
  });

  // The rule runs before the body is validated, so a caller without access learns nothing about the route.
  app.addHook('preValidation', async (request) => {
    if (request.session && !SAFE_METHODS.has(request.method) && !request.url.startsWith('/dev-idp')) {
      const sentOrigin = request.headers.origin;
      const token = request.headers['x-csrf-token'];
      if ((sentOrigin && sentOrigin !== origin) || typeof token !== 'string' || !sameToken(token, request.session.csrfToken)) {
        throw new DomainError('csrf', 'problem.csrf');
      }
    }
    await enforceAccess(request, opts.db, { devToolsEnabled: opts.devToolsEnabled, operatorToken: opts.operatorToken });
  });

  const redis = opts.redisUrl ? new Redis(opts.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false }) : undefined;
  redis?.on('error', (err: Error) => app.log.warn({ err: err.message }, 'rate-limit redis error'));
  await app.register(rateLimit, {
    global: true,
    max: opts.rateLimitPerMinute,
    timeWindow: '1 minute',
    hook: 'preHandler',
    // Per session when logged in, per address otherwise; shared by all instances through Redis.
    keyGenerator: (req) => (req.session ? `s:${req.session.id}` : `ip:${req.ip}`),
    ...(redis ? { redis, skipOnError: true, nameSpace: `${opts.redisPrefix}rl:` } : {}),
  });
  return async () => {
    redis?.disconnect();
  };
}
