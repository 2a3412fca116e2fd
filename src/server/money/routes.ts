// HTTP for money (issue 10): the price before booking or submitting, and the year's co-payments with the frikort.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../platform/db/database.ts';
import { DomainError } from '../platform/http/errors.ts';
import { mayActFor, patientsActorMayActFor, requireFullAccess } from '../identity/service.ts';
import { localDate } from '../../shared/time.ts';
import type { VisitType } from './copayment.ts';
import { CARE_CATEGORIES, type CareCategory } from '../platform/db/schema.ts';
import type { PaymentService } from '../payments/service.ts';
import { moneyAdminRoutes } from './admin-routes.ts';
import { bankAccountRoutes } from './bank-account-routes.ts';
import { refundRoutes } from './refund-routes.ts';
import { invoiceRoutes } from './invoice-routes.ts';
import { cardRoutes } from './card-routes.ts';
import { insuranceRoutes } from './insurance-routes.ts';
import type { NotificationService } from '../notifications/service.ts';
import { markPaidAtClinic, paidOnDay } from './at-clinic.ts';
import { setCareCategory } from './care-category.ts';
import { receipt, receiptPdf, receiptsOf } from './receipts.ts';
import { copaymentSummary, priceFor } from './service.ts';
import { localFrikortRegistry, syncExternalFrikort } from './frikort-registry.ts';
import { frikortDevRoutes } from './frikort-dev.ts';

const str = { type: 'string' } as const;
const nstr = { type: ['string', 'null'] } as const;
const int = { type: 'integer' } as const;
const uuid = { type: 'string', format: 'uuid' } as const;

const priceSchema = {
  type: 'object',
  properties: { amountOre: int, listPriceOre: int, exemption: nstr, payBy: str, countsTowardCeiling: { type: 'boolean' }, currency: str, timeOfDay: str, insuranceAccepted: { type: 'boolean' } },
} as const;

/** Who the question is about: the session's subject, or a child the parent may act for. */
async function subject(db: Db, req: FastifyRequest, patientId: string | undefined): Promise<string> {
  const id = patientId ?? req.subjectId!;
  if (id !== req.session!.personId && id !== req.subjectId && !(await mayActFor(db, req.session!.personId, id))) throw new DomainError('forbidden', 'problem.cannot-act-for');
  return id;
}

const visitTypeOf = (service: 'consultation' | 'econsult' | 'prescription-renewal', visitType: 'clinic' | 'video' | 'phone' | undefined): VisitType =>
  service === 'econsult' ? 'econsult' : service === 'prescription-renewal' ? 'renewal' : (visitType ?? 'clinic');

export async function moneyRoutes(app: FastifyInstance, opts: { db: Db; payments: PaymentService; notifications: NotificationService; publicUrl: string }): Promise<void> {
  const { db } = opts;
  // The bundled local registry: no production frikort registry adapter is written yet (see frikort-registry.ts).
  const frikortRegistry = localFrikortRegistry(db);
  const askRegistry = (patientId: string, at: Date) => syncExternalFrikort(db, frikortRegistry, patientId, Number(localDate(at).slice(0, 4)), app.log);
  await app.register(frikortDevRoutes, { registry: frikortRegistry, publicUrl: opts.publicUrl });
  await app.register(moneyAdminRoutes, { db });
  await app.register(bankAccountRoutes, { db });
  await app.register(refundRoutes, opts);
  await app.register(invoiceRoutes, opts);
  await app.register(cardRoutes, opts);
  await app.register(insuranceRoutes, opts);

  app.get<{ Querystring: { clinicId: string; service: 'consultation' | 'econsult' | 'prescription-renewal'; visitType?: 'clinic' | 'video' | 'phone'; patientId?: string; at?: string; insured?: 'true' | 'false'; careCategory?: CareCategory } }>(
    '/api/prices',
    {
      config: { access: { kind: 'patient' } },
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          required: ['clinicId', 'service'],
          properties: {
            clinicId: uuid,
            service: { type: 'string', enum: ['consultation', 'econsult', 'prescription-renewal'] },
            visitType: { type: 'string', enum: ['clinic', 'video', 'phone'] },
            patientId: uuid,
            /** The booked time (ISO 8601); now when absent. */
            at: { type: 'string', format: 'date-time' },
            insured: { type: 'string', enum: ['true', 'false'] },
            /** The kind of care the visit is, where it frees it (see CARE_CATEGORIES). */
            careCategory: { type: 'string', enum: [...CARE_CATEGORIES] },
          },
        },
        response: { 200: priceSchema },
      },
    },
    async (req) => {
      const q = req.query;
      const patientId = await subject(db, req, q.patientId);
      const at = q.at ? new Date(q.at) : new Date();
      await askRegistry(patientId, at);
      return priceFor(db, { clinicId: q.clinicId, visitType: visitTypeOf(q.service, q.visitType), patientId, at, careCategory: q.careCategory ?? null, ...(q.insured === 'true' ? { insured: true } : {}) });
    },
  );

  app.get<{ Querystring: { year?: string; patientId?: string } }>(
    '/api/copayment/summary',
    {
      config: { access: { kind: 'patient' } },
      schema: {
        querystring: { type: 'object', additionalProperties: false, properties: { year: { type: 'string', pattern: '^2[01][0-9]{2}$' }, patientId: uuid } },
        response: {
          200: {
            type: 'object',
            properties: {
              year: int,
              paidOre: int,
              ceilingOre: int,
              leftOre: int,
              frikort: { type: ['object', 'null'], properties: { source: str, since: str } },
              payments: { type: 'array', items: { type: 'object', properties: { id: str, clinicName: str, service: str, amountOre: int, paidAt: str } } },
            },
          },
        },
      },
    },
    async (req) => {
      const patientId = await subject(db, req, req.query.patientId);
      // What was paid where tells which clinics a child has used: a parent sees it only while the child is under 12.
      await requireFullAccess(db, req.session!.personId, patientId);
      const year = Number(req.query.year ?? localDate(new Date()).slice(0, 4));
      await syncExternalFrikort(db, frikortRegistry, patientId, year, app.log);
      return copaymentSummary(db, patientId, year);
    },
  );

  const DESK = { access: { kind: 'staff' as const, roles: ['reception' as const, 'clinician' as const, 'clinic_admin' as const] } };

  app.post<{ Params: { id: string } }>(
    '/api/staff/appointments/:id/paid-at-clinic',
    {
      config: DESK,
      schema: {
        params: { type: 'object', required: ['id'], properties: { id: uuid } },
        response: { 200: { type: 'object', properties: { appointmentId: str, price: priceSchema, paidAt: nstr } } },
      },
    },
    async (req) => markPaidAtClinic(db, { personId: req.session!.personId, clinicId: req.session!.clinicId!, requestId: req.id }, req.params.id),
  );

  // The kind of care, where it frees the visit (pregnancy check-up; mental-health care under 18): until it is paid.
  app.put<{ Params: { id: string }; Body: { careCategory: CareCategory | null } }>(
    '/api/staff/appointments/:id/care-category',
    {
      config: DESK,
      schema: {
        params: { type: 'object', required: ['id'], properties: { id: uuid } },
        body: { type: 'object', additionalProperties: false, required: ['careCategory'], properties: { careCategory: { type: ['string', 'null'], enum: [...CARE_CATEGORIES, null] } } },
        response: { 200: { type: 'object', properties: { appointmentId: str, careCategory: nstr, price: priceSchema } } },
      },
    },
    async (req) => setCareCategory(db, { personId: req.session!.personId, clinicId: req.session!.clinicId!, requestId: req.id }, req.params.id, req.body.careCategory),
  );

  app.get<{ Querystring: { date: string } }>(
    '/api/staff/paid-at-clinic',
    {
      config: DESK,
      schema: {
        querystring: { type: 'object', additionalProperties: false, required: ['date'], properties: { date: { type: 'string', format: 'date' } } },
        response: { 200: { type: 'object', properties: { paid: { type: 'array', items: { type: 'object', properties: { appointmentId: str, amountOre: int, paidAt: str } } } } } },
      },
    },
    async (req) => {
      const clinic = await db.selectFrom('clinics').select('time_zone').where('id', '=', req.session!.clinicId!).executeTakeFirstOrThrow();
      return { paid: await paidOnDay(db, req.session!.clinicId!, req.query.date, clinic.time_zone) };
    },
  );

  // Receipts: what the person paid by card (also for a child) and at the desk for themself and the children they act for.
  const receiptSchema = {
    type: 'object',
    properties: { id: str, paidAt: str, clinicName: str, orgNumber: str, patientName: nstr, service: str, amountOre: int, refundedOre: int, copayment: { type: 'boolean' }, method: str },
  } as const;
  app.get('/api/payments', { config: { access: { kind: 'patient' } }, schema: { response: { 200: { type: 'object', properties: { payments: { type: 'array', items: receiptSchema } } } } } }, async (req) => ({
    payments: await receiptsOf(db, req.session!.personId, await patientsActorMayActFor(db, req.session!.personId)),
  }));

  app.get<{ Params: { id: string } }>(
    '/api/payments/:id/receipt.pdf',
    { config: { access: { kind: 'patient' } }, schema: { params: { type: 'object', required: ['id'], properties: { id: uuid } } } },
    async (req, reply) => {
      const r = await receipt(db, req.session!.personId, await patientsActorMayActFor(db, req.session!.personId), req.params.id);
      const pdf = await receiptPdf(r, req.session!.language);
      return reply.type('application/pdf').header('content-disposition', `inline; filename="kvittering-${r.paidAt.slice(0, 10)}.pdf"`).send(Buffer.from(pdf));
    },
  );
}
