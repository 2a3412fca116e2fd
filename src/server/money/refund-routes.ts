// HTTP for the clinic admin's refunds: the clinic's card payments in a period with what was given back, and a full or
// partial refund with a reason. A refunded co-payment stops counting towards the patient's ceiling in the same
// transaction; the money goes back at the provider from the job queue, once.
import type { FastifyInstance } from 'fastify';
import { DateTime } from 'luxon';
import { recordAccess } from '../platform/audit.ts';
import { retryingTransaction, type Db } from '../platform/db/database.ts';
import { NotFound } from '../platform/http/errors.ts';
import type { PaymentService } from '../payments/service.ts';
import { CLINIC_ADMIN } from '../platform/http/clinic-admin.ts';
import { refundCopayment } from './store.ts';

const str = { type: 'string' } as const;
const nstr = { type: ['string', 'null'] } as const;
const int = { type: 'integer' } as const;
const refundSchema = { type: 'object', properties: { id: str, paymentId: str, amountOre: int, reason: str, status: str, createdAt: str } } as const;

export async function refundRoutes(app: FastifyInstance, opts: { db: Db; payments: PaymentService }): Promise<void> {
  const { db, payments } = opts;

  app.get<{ Querystring: { from: string; to: string } }>(
    '/api/admin/payments',
    {
      config: CLINIC_ADMIN,
      schema: {
        querystring: { type: 'object', additionalProperties: false, required: ['from', 'to'], properties: { from: { type: 'string', format: 'date' }, to: { type: 'string', format: 'date' } } },
        response: {
          200: {
            type: 'object',
            properties: {
              payments: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: { id: str, paidAt: str, patientName: nstr, purpose: str, provider: str, amountOre: int, refundedOre: int, refunds: { type: 'array', items: refundSchema } },
                },
              },
            },
          },
        },
      },
    },
    async (req) => {
      const clinicId = req.session!.clinicId!;
      const clinic = await db.selectFrom('clinics').select('time_zone').where('id', '=', clinicId).executeTakeFirstOrThrow();
      const rows = await db
        .selectFrom('payments as p')
        .leftJoin('econsult_cases as c', (j) => j.onRef('c.id', '=', 'p.purpose_id').on('p.purpose', '=', 'econsult'))
        .leftJoin('persons as pat', 'pat.id', 'c.patient_id')
        .select(['p.id', 'p.captured_at', 'p.purpose', 'p.provider', 'p.amount_ore', 'p.refunded_ore', 'pat.name as patient_name', 'c.patient_id'])
        .where('p.clinic_id', '=', clinicId)
        .where('p.status', '=', 'captured')
        .where('p.captured_at', '>=', localStart(req.query.from, clinic.time_zone))
        .where('p.captured_at', '<', localStart(req.query.to, clinic.time_zone, 1))
        .orderBy('p.captured_at', 'desc')
        .execute();
      const refunds = rows.length ? await db.selectFrom('payment_refunds').selectAll().where('payment_id', 'in', rows.map((r) => r.id)).orderBy('created_at').execute() : [];
      // Seeing who paid what is seeing the patient: each one is an audited access.
      for (const patientId of new Set(rows.flatMap((r) => (r.patient_id ? [r.patient_id] : [])))) {
        await recordAccess(db, { actorPersonId: req.session!.personId, actorKind: 'staff', subjectPersonId: patientId, clinicId, action: 'payments.read', reason: 'settlement and refunds', requestId: req.id });
      }
      return {
        payments: rows.map((r) => ({
          id: r.id,
          paidAt: r.captured_at!.toISOString(),
          patientName: r.patient_name,
          purpose: r.purpose,
          provider: r.provider,
          amountOre: r.amount_ore,
          refundedOre: r.refunded_ore,
          refunds: refunds.filter((f) => f.payment_id === r.id).map((f) => ({ id: f.id, paymentId: f.payment_id, amountOre: f.amount_ore, reason: f.reason, status: f.status, createdAt: f.created_at.toISOString() })),
        })),
      };
    },
  );

  app.post<{ Params: { id: string }; Body: { amountOre: number; reason: string } }>(
    '/api/admin/payments/:id/refunds',
    {
      config: CLINIC_ADMIN,
      schema: {
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } },
        body: { type: 'object', additionalProperties: false, required: ['amountOre', 'reason'], properties: { amountOre: { type: 'integer', minimum: 1, maximum: 10_000_000 }, reason: { type: 'string', minLength: 1, maxLength: 500, pattern: '\\S' } } },
        response: { 201: refundSchema },
      },
    },
    async (req, reply) => {
      const refund = await retryingTransaction(db, async (tx) => {
        const p = await tx.selectFrom('payments').select(['id', 'purpose', 'purpose_id']).where('id', '=', req.params.id).where('clinic_id', '=', req.session!.clinicId!).executeTakeFirst();
        if (!p) throw NotFound();
        const made = await payments.requestRefund(tx, { paymentId: p.id, amountOre: req.body.amountOre, reason: req.body.reason.trim(), byPersonId: req.session!.personId });
        await refundCopayment(tx, p.purpose, p.purpose_id, req.body.amountOre);
        return made;
      });
      req.log.info({ paymentId: refund.paymentId, refundId: refund.id, amountOre: refund.amountOre }, 'refund requested');
      return reply.code(201).send(refund);
    },
  );
}

/** The instant a local date (plus `days`) begins in a time zone. */
const localStart = (date: string, timeZone: string, days = 0) => DateTime.fromISO(date, { zone: timeZone }).startOf('day').plus({ days }).toJSDate();
