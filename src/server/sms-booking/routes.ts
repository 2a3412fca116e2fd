// HTTP for SMS booking: inbound SMS (gateway webhook, dev outbox) and reception's booking requests.
import type { FastifyInstance } from 'fastify';
import type { CapabilityOptions } from '../capability.ts';
import { DomainError } from '../platform/http/errors.ts';
import { gatewayInboundSchema, gatewayTokenCheck, inboundFromGateway, type GatewayInboundBody } from '../notifications/channels/http-gateway.ts';
import { receptionRoutes } from './reception-routes.ts';
import { receiveSms, type SmsBookingDeps } from './service.ts';

const OUTCOMES = ['requested', 'unknown-clinic', 'unparseable', 'no-match', 'duplicate'];
const outcomeResponse = {
  200: { type: 'object', additionalProperties: false, required: ['outcome'], properties: { outcome: { type: 'string', enum: OUTCOMES } } },
} as const;

export async function smsBookingRoutes(app: FastifyInstance, ctx: CapabilityOptions): Promise<void> {
  const deps: SmsBookingDeps = { db: ctx.db, notifications: ctx.notifications, log: ctx.log.child({ capability: 'sms-booking' }) };

  // The HTTP gateway posts each SMS from a phone here; public, because the gateway has no session: its token is the lock.
  app.post<{ Body: GatewayInboundBody }>(
    '/api/sms/inbound',
    {
      config: { access: { kind: 'public' } },
      // Before the body is validated, so a caller without the token learns nothing about the route.
      preValidation: async (req, reply) => {
        const check = gatewayTokenCheck(req.headers.authorization, ctx.config.smsHttpToken);
        if (check === 'missing') {
          reply.header('www-authenticate', 'Bearer realm="sms-inbound"');
          throw new DomainError('unauthenticated', 'problem.sms-token-missing');
        }
        if (check === 'wrong') throw new DomainError('forbidden', 'problem.sms-token-wrong');
      },
      schema: { body: gatewayInboundSchema, response: outcomeResponse },
    },
    async (req) => ({ outcome: await receiveSms(deps, inboundFromGateway(req.body, new Date())) }),
  );

  // The dev outbox page "sends" an SMS to the service, as a phone would.
  if (ctx.config.devOutbox) {
    app.post<{ Body: { from: string; text: string } }>(
      '/api/dev/sms-inbound',
      {
        config: { access: { kind: 'dev' } },
        schema: {
          body: {
            type: 'object',
            additionalProperties: false,
            required: ['from', 'text'],
            properties: { from: { type: 'string', minLength: 1, maxLength: 40 }, text: { type: 'string', maxLength: 2000 } },
          },
          response: outcomeResponse,
        },
      },
      async (req) => ({ outcome: await receiveSms(deps, { provider: 'dev', from: req.body.from, to: '', text: req.body.text, receivedAt: new Date() }) }),
    );
  }

  await app.register(receptionRoutes, { deps: { db: ctx.db, jobs: ctx.jobs, bus: ctx.bus, notifications: ctx.notifications, log: deps.log } });
}
