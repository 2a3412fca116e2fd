// HTTP for paying a booked visit by card: open its checkout, and the patient's card payments of appointments.
import type { FastifyInstance } from 'fastify';
import type { Db } from '../platform/db/database.ts';
import { languageOf } from '../platform/http/problem.ts';
import { patientsActorMayActFor } from '../identity/service.ts';
import type { PaymentService } from '../payments/service.ts';
import { appointmentPaymentsOf, payAppointment } from './appointment-payments.ts';
import { insuranceOf } from './insurance.ts';
import { insuranceSchema } from './insurance-routes.ts';

const PATIENT = { access: { kind: 'patient' as const } };
const uuid = { type: 'string', format: 'uuid' } as const;

export async function cardRoutes(app: FastifyInstance, opts: { db: Db; payments: PaymentService }): Promise<void> {
  const { db, payments } = opts;

  // The payer is the logged-in person, paying for themself or a child they act for; the price is the visit's own.
  app.post<{ Params: { id: string } }>(
    '/api/appointments/:id/payment',
    {
      config: PATIENT,
      schema: {
        params: { type: 'object', required: ['id'], properties: { id: uuid } },
        response: {
          200: {
            type: 'object',
            additionalProperties: false,
            required: ['paymentId', 'redirectUrl', 'status'],
            properties: { paymentId: uuid, redirectUrl: { type: 'string' }, status: { type: 'string' } },
          },
        },
      },
    },
    async (req) => {
      const language = languageOf(req);
      return payAppointment(db, payments, { personId: req.session!.personId, language }, req.params.id);
    },
  );

  app.get(
    '/api/appointment-payments',
    {
      config: PATIENT,
      schema: {
        response: {
          200: {
            type: 'object',
            properties: {
              payments: {
                type: 'array',
                items: {
                  type: 'object',
                  additionalProperties: false,
                  properties: { appointmentId: uuid, paymentId: uuid, status: { type: 'string' }, amountOre: { type: 'integer' }, refundedOre: { type: 'integer' } },
                },
              },
              insurance: { type: 'array', items: insuranceSchema },
            },
          },
        },
      },
    },
    async (req) => {
      const patients = await patientsActorMayActFor(db, req.session!.personId);
      return { payments: await appointmentPaymentsOf(db, patients), insurance: await insuranceOf(db, patients) };
    },
  );
}
