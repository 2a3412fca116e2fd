// HTTP for notifications: the development outbox page's list of what would have gone out by SMS and e-mail.
import type { FastifyInstance } from 'fastify';
import type { NotificationService } from './service.ts';

export interface NotificationRouteOptions {
  notifications: NotificationService;
  /** DEV_OUTBOX: off in production, where the route does not exist at all. */
  devOutbox: boolean;
}

const DEV = { access: { kind: 'dev' as const } };

const outboxMessageSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'channel', 'to', 'subject', 'body', 'state', 'template', 'createdAt'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    channel: { type: 'string', enum: ['sms', 'email'] },
    to: { type: 'string' },
    subject: { type: ['string', 'null'] },
    body: { type: 'string' },
    state: { type: 'string', enum: ['queued', 'sending', 'sent', 'delivered', 'failed'] },
    template: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
  },
} as const;

export async function notificationRoutes(app: FastifyInstance, opts: NotificationRouteOptions): Promise<void> {
  if (!opts.devOutbox) return;
  const { notifications } = opts;

  app.get<{ Querystring: { limit?: number } }>(
    '/api/dev/outbox',
    {
      config: DEV,
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
        },
        response: {
          200: {
            type: 'object',
            additionalProperties: false,
            required: ['messages'],
            properties: { messages: { type: 'array', items: outboxMessageSchema } },
          },
        },
      },
    },
    async (req) => ({ messages: await notifications.outbox(req.query.limit ?? 50) }),
  );
}
