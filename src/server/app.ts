// Builds the Fastify app from the platform and the capability plugins. No logic of its own.
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import type pg from 'pg';
import { context, type Span } from '@opentelemetry/api';
import { correlationIdFrom, withCorrelation } from './platform/correlation.ts';
import { endRequestSpan, startRequestSpan } from './platform/tracing.ts';
import { registerMetrics } from './platform/metrics/routes.ts';
import { readiness } from './platform/readiness.ts';
import { registerProblemHandlers, sendProblem } from './platform/http/problem.ts';
import { registerSecurity } from './platform/http/security.ts';
import { registerLive } from './platform/http/live.ts';
import { webRoutes } from './platform/http/web.ts';
import { identityPlugin, type IdentityPluginOptions } from './identity/plugin.ts';
import { staffRoutes } from './staff/routes.ts';
import { bookingRoutes } from './booking/routes.ts';
import { scheduleRoutes } from './schedule/routes.ts';
import { dropinRoutes } from './dropin/routes.ts';
import { smsBookingRoutes } from './sms-booking/routes.ts';
import type { CapabilityOptions } from './capability.ts';
import { notificationRoutes } from './notifications/routes.ts';
import { paymentsRoutes } from './payments/routes.ts';
import { refundOnCancel } from './money/appointment-payments.ts';
import { paymentWebhookRoutes } from './payments/webhooks.ts';
import { simulatorRoutes } from './payments/simulator/routes.ts';
import { CardSimulator } from './payments/simulator/simulator.ts';
import { econsultRoutes } from './econsult/routes.ts';
import { videoRoutes } from './video/routes.ts';
import { journalRoutes } from './journal/routes.ts';
import { appointmentLetter } from './messages/appointment-letter.ts';
import { messagesRoutes } from './messages/routes.ts';
import { contactsRoutes } from './contacts/routes.ts';
import { prescriptionRoutes } from './prescriptions/routes.ts';
import { moneyRoutes } from './money/routes.ts';
import { gpRoutes } from './gp/routes.ts';
import { vaccinationRoutes } from './vaccination/routes.ts';
import { consentRoutes } from './consents/routes.ts';
import { accountRoutes } from './account/routes.ts';
import { exportRoutes } from './export/routes.ts';
import { statsRoutes } from './stats/routes.ts';
import { patientJoinUrl } from './video/notice-link.ts';
import { videoLinkSecret } from './video/config.ts';

export type AppContext = CapabilityOptions;

export async function buildApp(ctx: AppContext, identity: IdentityPluginOptions['idp'], pool: pg.Pool, extraRoutes?: FastifyPluginAsync): Promise<{ app: FastifyInstance; close(): Promise<void> }> {
  const { config, db } = ctx;
  const app = Fastify({
    loggerInstance: ctx.log as FastifyBaseLogger,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.nodeEnv === 'production',
    requestIdHeader: false,
    // The request's id is its correlation id: the load balancer's X-Request-Id when it sent one.
    genReqId: (req) => correlationIdFrom(req.headers['x-request-id']),
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false } },
    return503OnClosing: true,
  }) as unknown as FastifyInstance;
  registerProblemHandlers(app);
  // First of all hooks: everything the request does — logs, jobs it enqueues — carries its id, and so does the answer;
  // with tracing on, it runs inside its span (a child of the caller's `traceparent`).
  const spans = new WeakMap<object, Span>();
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    if (!config.tracing) return withCorrelation(request.id, done);
    const { span, ctx } = startRequestSpan(request.headers, request.method, request.id);
    spans.set(request, span);
    withCorrelation(request.id, () => context.with(ctx, done));
  });
  if (config.tracing) {
    app.addHook('onResponse', async (request, reply) => {
      const span = spans.get(request);
      if (span) endRequestSpan(span, request.method, request.routeOptions.url, reply.statusCode);
    });
  }
  // A JSON API: plain text bodies are refused as an unsupported media type rather than half-parsed.
  app.removeContentTypeParser('text/plain');
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Nettlege API', version: '0.1.0', description: 'The API of the Nettlege web app. Every route states who may call it.' },
    },
    hideUntagged: false,
    transform: ({ schema, url, route }) => {
      const access = (route.config as { access?: unknown } | undefined)?.access;
      return { schema: { ...schema, ...(access ? { 'x-access': access } : {}) } as typeof schema, url };
    },
  });
  const closeSecurity = await registerSecurity(app, {
    db,
    publicUrl: config.publicUrl,
    devToolsEnabled: config.devOutbox,
    operatorToken: config.metricsToken,
    rateLimitPerMinute: config.rateLimitPerMinute,
    redisUrl: config.redisUrl,
    redisPrefix: config.redisPrefix,
    loadSession: (req) => identityPlugin.loadSession(db, config, req),
  });

  // WebSockets (GET /api/live) before the capabilities, which register their live topics on app.live.
  await registerLive(app, { db, bus: ctx.bus, publicUrl: config.publicUrl, sessionIdleMinutes: config.sessionIdleMinutes });

  registerMetrics(app, { db, pool, jobs: ctx.jobs, openSockets: () => app.live.openSockets() });
  // Liveness: the process answers. Nothing else, so a slow database never gets a healthy process restarted.
  app.get('/healthz', { config: { access: { kind: 'public' } }, logLevel: 'warn' }, async () => ({ status: 'ok' }));
  // Readiness, for the load balancer: the database answers, carries this code's migrations, and the job runner runs.
  const ready = readiness({ db, jobs: ctx.jobs });
  app.get('/readyz', { config: { access: { kind: 'public' } }, logLevel: 'warn' }, async (req, reply) => {
    const checks = await ready();
    if (Object.values(checks).every((c) => c === 'ok')) return { status: 'ready', checks };
    return sendProblem(req, reply, 'unavailable', 'problem.unavailable', {}, { checks });
  });
  app.get('/api/openapi.json', { config: { access: { kind: 'public' } }, schema: { hide: true } }, async () => app.swagger());

  await app.register(identityPlugin.routes, { ctx, idp: identity });
  await app.register(staffRoutes, { db });
  await app.register(bookingRoutes, {
    deps: {
      db,
      jobs: ctx.jobs,
      bus: ctx.bus,
      notifications: ctx.notifications,
      log: ctx.log,
      videoJoinUrl: patientJoinUrl(config.publicUrl, videoLinkSecret(config.video)),
      afterCancel: refundOnCancel(ctx.payments),
      afterStaffBooking: appointmentLetter({ notifications: ctx.notifications, publicUrl: config.publicUrl, videoJoinUrl: patientJoinUrl(config.publicUrl, videoLinkSecret(config.video)) }),
    },
    publicUrl: config.publicUrl,
  });
  await app.register(scheduleRoutes, ctx);
  await app.register(dropinRoutes, ctx);
  await app.register(smsBookingRoutes, ctx);
  await app.register(notificationRoutes, { notifications: ctx.notifications, devOutbox: config.devOutbox });
  await app.register(paymentsRoutes, { payments: ctx.payments });
  await app.register(paymentWebhookRoutes, { payments: ctx.payments, publicUrl: config.publicUrl });
  // The card simulator's own pages exist only where it is the provider: they stand in for the provider's site.
  if (config.payments.provider === 'simulator') await app.register(simulatorRoutes, { simulator: new CardSimulator({ db, publicUrl: config.publicUrl }), publicUrl: config.publicUrl });
  await app.register(econsultRoutes, { deps: { db, jobs: ctx.jobs, bus: ctx.bus, notifications: ctx.notifications, payments: ctx.payments, files: ctx.files, log: ctx.log.child({ capability: 'econsult' }) } });
  await app.register(journalRoutes, { db });
  await app.register(messagesRoutes, ctx);
  await app.register(contactsRoutes, { db });
  await app.register(prescriptionRoutes, ctx);
  await app.register(moneyRoutes, { db, payments: ctx.payments, notifications: ctx.notifications, publicUrl: config.publicUrl });
  await app.register(statsRoutes, { db });
  await app.register(vaccinationRoutes, { db });
  await app.register(consentRoutes, { db });
  await app.register(accountRoutes, { deps: { db, files: ctx.files, log: ctx.log.child({ capability: 'account' }) } });
  await app.register(exportRoutes, { deps: { db, jobs: ctx.jobs, files: ctx.files, log: ctx.log.child({ capability: 'export' }) } });
  await app.register(gpRoutes, { deps: { db, jobs: ctx.jobs, bus: ctx.bus, notifications: ctx.notifications, log: ctx.log.child({ capability: 'gp' }) }, publicUrl: config.publicUrl });
  await app.register(videoRoutes, ctx);
  if (extraRoutes) await app.register(extraRoutes);
  await app.register(webRoutes);
  await app.ready();
  return { app, close: closeSecurity };
}
