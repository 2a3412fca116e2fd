// The card simulator's hosted pages under /dev-pay/. Mount them only when the simulator is the payment provider.
import type { FastifyInstance, FastifyReply } from 'fastify';
import formbody from '@fastify/formbody';
import { Forbidden, NotFound } from '../../platform/http/errors.ts';
import type { CardSimulator } from './simulator.ts';
import { challengePage, checkoutPage } from './pages.ts';

export interface SimulatorRouteOptions {
  simulator: CardSimulator;
  /** config.publicUrl: form posts must come from this origin. */
  publicUrl: string;
}

// Public: the payer reaches these pages by redirect, as they would a provider's; whether they exist at all is
// decided by mounting them (only with PAYMENT_PROVIDER=simulator), not by the dev-tools switch.
const PUBLIC = { access: { kind: 'public' as const } };
const field = { type: 'string', maxLength: 40 } as const;
const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } } as const;

type Card = { number?: string; expiry?: string; cvc?: string; action?: 'pay' | 'cancel' };

const html = (reply: FastifyReply, body: string, code = 200) => reply.code(code).type('text/html; charset=utf-8').send(body);

export async function simulatorRoutes(app: FastifyInstance, opts: SimulatorRouteOptions): Promise<void> {
  const { simulator } = opts;
  const origin = new URL(opts.publicUrl).origin;

  await app.register(async (scope) => {
    await scope.register(formbody, { bodyLimit: 4096 });

    // These pages stand in for a third party's, which never sees our session cookie. Without the session the API's
    // CSRF rule (an X-CSRF-Token header, which a plain form cannot send) does not apply; a cross-site form post is
    // refused by its Origin instead. 'same-origin' makes the browser send our real origin with the form (under the
    // site's no-referrer policy it sends "null").
    scope.addHook('onRequest', async (request, reply) => {
      request.session = null;
      reply.header('referrer-policy', 'same-origin');
      const sent = request.headers.origin;
      if (request.method === 'POST' && sent !== undefined && sent !== origin) throw Forbidden();
    });

    scope.get<{ Params: { id: string } }>('/dev-pay/checkout/:id', { config: PUBLIC, schema: { params: idParams, hide: true } }, async (req, reply) => {
      const c = await simulator.checkout(req.params.id);
      if (!c) throw NotFound();
      if (c.status === 'challenge') return reply.redirect(`/dev-pay/3ds/${c.id}`, 303);
      if (c.status !== 'pending') return reply.redirect(c.returnUrl, 303);
      return html(reply, checkoutPage(c));
    });

    scope.post<{ Params: { id: string }; Body: Card }>(
      '/dev-pay/checkout/:id',
      {
        config: PUBLIC,
        schema: {
          params: idParams,
          hide: true,
          body: {
            type: 'object',
            additionalProperties: false,
            properties: { number: field, expiry: field, cvc: field, action: { type: 'string', enum: ['pay', 'cancel'] } },
          },
        },
      },
      async (req, reply) => {
        const body = req.body ?? {};
        if (body.action === 'cancel') {
          const back = await simulator.cancel(req.params.id);
          if (!back) throw NotFound();
          return reply.redirect(back, 303);
        }
        const outcome = await simulator.payWithCard(req.params.id, body, new Date());
        if (!outcome) throw NotFound();
        if (outcome.kind === 'challenge') return reply.redirect(`/dev-pay/3ds/${req.params.id}`, 303);
        if (outcome.kind === 'return') return reply.redirect(outcome.url, 303);
        const c = (await simulator.checkout(req.params.id))!;
        return html(reply, checkoutPage(c, { error: outcome, values: { number: body.number, expiry: body.expiry } }), 400);
      },
    );

    scope.get<{ Params: { id: string } }>('/dev-pay/3ds/:id', { config: PUBLIC, schema: { params: idParams, hide: true } }, async (req, reply) => {
      const c = await simulator.checkout(req.params.id);
      if (!c) throw NotFound();
      if (c.status === 'pending') return reply.redirect(`/dev-pay/checkout/${c.id}`, 303);
      if (c.status !== 'challenge') return reply.redirect(c.returnUrl, 303);
      return html(reply, challengePage(c));
    });

    scope.post<{ Params: { id: string }; Body: { decision: 'approve' | 'reject' } }>(
      '/dev-pay/3ds/:id',
      {
        config: PUBLIC,
        schema: {
          params: idParams,
          hide: true,
          body: { type: 'object', additionalProperties: false, required: ['decision'], properties: { decision: { type: 'string', enum: ['approve', 'reject'] } } },
        },
      },
      async (req, reply) => {
        const back = await simulator.answerChallenge(req.params.id, req.body.decision === 'approve');
        if (!back) throw NotFound();
        return reply.redirect(back, 303);
      },
    );
  });
}
