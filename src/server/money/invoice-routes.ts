// HTTP for invoices afterwards: reception issues a hospital visit's invoice (to the patient's inbox, with its KID); the
// clinic admin lists the clinic's invoices and matches the bank's reported payments to them by KID.
import type { FastifyInstance } from 'fastify';
import type { Db } from '../platform/db/database.ts';
import type { NotificationService } from '../notifications/service.ts';
import { issueInvoice, matchPayments } from './invoices.ts';

const str = { type: 'string' } as const;
const nstr = { type: ['string', 'null'] } as const;
const int = { type: 'integer' } as const;
const invoiceSchema = {
  type: ['object', 'null'],
  properties: { id: str, number: str, appointmentId: str, amountOre: int, kid: str, bankAccount: str, dueOn: str, status: str, letterThreadId: nstr },
} as const;
const priceSchema = { type: 'object', properties: { amountOre: int, listPriceOre: int, exemption: nstr, payBy: str } } as const;

export async function invoiceRoutes(app: FastifyInstance, opts: { db: Db; notifications: NotificationService }): Promise<void> {
  const { db } = opts;

  app.post<{ Params: { id: string } }>(
    '/api/staff/appointments/:id/invoice',
    {
      config: { access: { kind: 'staff', roles: ['reception', 'clinic_admin'] } },
      schema: {
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } },
        response: { 200: { type: 'object', properties: { invoice: invoiceSchema, price: priceSchema } } },
      },
    },
    async (req) => issueInvoice(opts, { personId: req.session!.personId, clinicId: req.session!.clinicId!, roles: req.session!.roles, requestId: req.id }, req.params.id),
  );

  app.get<{ Querystring: { status?: 'open' | 'paid' } }>(
    '/api/admin/invoices',
    {
      config: { access: { kind: 'staff', roles: ['clinic_admin'] } },
      schema: {
        querystring: { type: 'object', additionalProperties: false, properties: { status: { type: 'string', enum: ['open', 'paid'] } } },
        response: { 200: { type: 'object', properties: { invoices: { type: 'array', items: { type: 'object', properties: { ...invoiceSchema.properties, patientName: nstr, issuedAt: str } } } } } },
      },
    },
    async (req) => {
      let q = db
        .selectFrom('invoices as i')
        .innerJoin('persons as p', 'p.id', 'i.patient_id')
        .select(['i.id', 'i.number', 'i.appointment_id', 'i.amount_ore', 'i.kid', 'i.bank_account', 'i.due_on', 'i.status', 'i.letter_thread_id', 'i.issued_at', 'p.name'])
        .where('i.clinic_id', '=', req.session!.clinicId!);
      if (req.query.status) q = q.where('i.status', '=', req.query.status);
      const rows = await q.orderBy('i.number', 'desc').limit(500).execute();
      return {
        invoices: rows.map((r) => ({ id: r.id, number: String(r.number), appointmentId: r.appointment_id, amountOre: r.amount_ore, kid: r.kid, bankAccount: r.bank_account, dueOn: r.due_on, status: r.status, letterThreadId: r.letter_thread_id, patientName: r.name, issuedAt: r.issued_at.toISOString() })),
      };
    },
  );

  app.post<{ Body: { payments: Array<{ kid: string; amountOre: number; paidOn: string }> } }>(
    '/api/admin/invoices/payments',
    {
      config: { access: { kind: 'staff', roles: ['clinic_admin'] } },
      schema: {
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['payments'],
          properties: {
            payments: {
              type: 'array',
              minItems: 1,
              maxItems: 1000,
              items: {
                type: 'object',
                additionalProperties: false,
                required: ['kid', 'amountOre', 'paidOn'],
                properties: { kid: { type: 'string', pattern: '^[0-9]{2,25}$' }, amountOre: { type: 'integer', minimum: 1, maximum: 100_000_000 }, paidOn: { type: 'string', format: 'date' } },
              },
            },
          },
        },
        response: { 200: { type: 'object', properties: { results: { type: 'array', items: { type: 'object', properties: { kid: str, result: str } } } } } },
      },
    },
    async (req) => ({ results: await matchPayments(db, req.session!.clinicId!, req.body.payments) }),
  );
}
