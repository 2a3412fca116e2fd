// POST /api/payments/webhooks/<provider>: the provider tells us a checkout moved. Public (no session; a provider has
// none): the provider's adapter verifies the signature over the exact bytes received, then the payment is looked at
// again from the provider's own API, so a forged, replayed or repeated webhook cannot move a payment by itself.
import type { FastifyInstance } from 'fastify';
import { DomainError, Invalid, NotFound } from '../platform/http/errors.ts';
import { WebhookRejected } from './provider.ts';
import type { PaymentService } from './service.ts';

/** Webhook bodies are small JSON documents. */
const MAX_WEBHOOK_BYTES = 64 * 1024;

export async function paymentWebhookRoutes(app: FastifyInstance, opts: { payments: PaymentService; publicUrl: string }): Promise<void> {
  const { payments } = opts;
  // The host the provider was told to call (PUBLIC_URL's), which a signature over the host covers: a proxy in front
  // may change the Host header on the way in.
  const host = new URL(opts.publicUrl).host;
  // The body is kept as bytes: a parsed and re-serialised body would not match the signature.
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_WEBHOOK_BYTES }, (_req, body, done) => done(null, body));
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: MAX_WEBHOOK_BYTES }, (_req, body, done) => done(null, body));

  app.post<{ Params: { provider: string } }>(
    '/api/payments/webhooks/:provider',
    {
      config: { access: { kind: 'public' } },
      schema: { params: { type: 'object', required: ['provider'], properties: { provider: { type: 'string', maxLength: 40 } } } },
    },
    async (req, reply) => {
      const read = payments.webhookReader;
      if (req.params.provider !== payments.providerName || !read) throw NotFound();
      const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      let event;
      try {
        event = await read({ rawBody, headers: req.headers, pathAndQuery: req.url, host });
      } catch (err) {
        if (err instanceof WebhookRejected) {
          req.log.warn({ provider: payments.providerName, reason: err.message }, 'payment webhook refused');
          throw Invalid('problem.invalid', { detail: `webhook refused: ${err.message}` });
        }
        throw err;
      }
      if (event) {
        try {
          await payments.onWebhook(event);
        } catch (err) {
          // The provider could not be asked just now: say so, and the provider sends the webhook again later.
          if (err instanceof DomainError) return reply.code(503).send({ received: false });
          throw err;
        }
      }
      return reply.code(200).send({ received: true });
    },
  );
}
