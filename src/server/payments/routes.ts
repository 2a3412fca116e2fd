// HTTP for payments: the payer reads a payment and confirms it on coming back from the checkout.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { NotFound } from '../platform/http/errors.ts';
import type { PaymentService } from './service.ts';
import { PAYMENT_STATUSES } from './domain.ts';
import type { Payment } from './views.ts';

export interface PaymentsRouteOptions {
  payments: PaymentService;
}

const PAYER = { access: { kind: 'patient' as const } };
const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } } as const;

const paymentSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'status', 'amountOre', 'currency', 'redirectUrl'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    status: { type: 'string', enum: PAYMENT_STATUSES },
    amountOre: { type: 'integer' },
    currency: { type: 'string', enum: ['NOK', 'SEK'] },
    /** Where to send the payer to try again while the checkout is still open; null otherwise. */
    redirectUrl: { type: ['string', 'null'] },
  },
} as const;

const payerView = (p: Payment) => ({
  id: p.id,
  status: p.status,
  amountOre: p.amountOre,
  currency: p.currency,
  redirectUrl: p.status === 'pending' ? p.redirectUrl : null,
});

export async function paymentsRoutes(app: FastifyInstance, opts: PaymentsRouteOptions): Promise<void> {
  const { payments } = opts;

  /** The payment, if the logged-in person is its payer: anyone else is told it does not exist. */
  async function payersPayment(req: FastifyRequest<{ Params: { id: string } }>): Promise<Payment> {
    const p = await payments.get(req.params.id);
    if (!p || p.personId !== req.session!.personId) throw NotFound();
    return p;
  }

  app.get<{ Params: { id: string } }>('/api/payments/:id', { config: PAYER, schema: { params: idParams, response: { 200: paymentSchema } } }, async (req) =>
    payerView(await payersPayment(req)),
  );

  app.post<{ Params: { id: string } }>(
    '/api/payments/:id/confirm',
    { config: PAYER, schema: { params: idParams, response: { 200: paymentSchema } } },
    async (req) => {
      const p = await payersPayment(req);
      const status = await payments.confirm(p.id);
      return payerView(status === p.status ? p : ((await payments.get(p.id)) ?? p));
    },
  );
}
