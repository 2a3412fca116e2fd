// HTTP for insurance cover: the patient gives a visit's insurer (PUT /api/appointments/:id/insurance); the clinic admin
// lists the visits to bill to insurers (GET /api/admin/insurance-claims, JSON or a CSV for a Norwegian spreadsheet).
import type { FastifyInstance } from 'fastify';
import type { Db } from '../platform/db/database.ts';
import { CLINIC_ADMIN, clinicPeriodQuery, ownClinicPeriod } from '../platform/http/clinic-admin.ts';
import { kroner, norwegianCsv } from './clinic-settlement.ts';
import { giveInsurance, insuranceClaims } from './insurance.ts';

const PATIENT = { access: { kind: 'patient' as const } };
const uuid = { type: 'string', format: 'uuid' } as const;
const str = { type: 'string' } as const;

export const insuranceSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['appointmentId', 'insurer', 'policyNumber'],
  properties: { appointmentId: uuid, insurer: str, policyNumber: str },
} as const;

const CSV_HEADINGS: Record<string, string[]> = {
  nb: ['Dato', 'Pasient', 'Timetype', 'Forsikringsselskap', 'Polisenummer', 'Beløp (kr)'],
  nn: ['Dato', 'Pasient', 'Timetype', 'Forsikringsselskap', 'Polisenummer', 'Beløp (kr)'],
  sv: ['Datum', 'Patient', 'Besökstyp', 'Försäkringsbolag', 'Försäkringsnummer', 'Belopp (kr)'],
  en: ['Date', 'Patient', 'Visit type', 'Insurer', 'Policy number', 'Amount (NOK)'],
};

export async function insuranceRoutes(app: FastifyInstance, opts: { db: Db }): Promise<void> {
  const { db } = opts;

  // The visit is billed to the patient's insurer instead (a private clinic that accepts it); the payer gives it.
  app.put<{ Params: { id: string }; Body: { insurer: string; policyNumber: string } }>(
    '/api/appointments/:id/insurance',
    {
      config: PATIENT,
      schema: {
        params: { type: 'object', required: ['id'], properties: { id: uuid } },
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['insurer', 'policyNumber'],
          properties: { insurer: { type: 'string', minLength: 2, maxLength: 80 }, policyNumber: { type: 'string', pattern: '^\\s*[A-Za-z0-9][A-Za-z0-9 ./-]{2,39}\\s*$' } },
        },
        response: { 200: insuranceSchema },
      },
    },
    async (req) => giveInsurance(db, req.session!.personId, req.params.id, req.body),
  );

  app.get<{ Querystring: { clinicId: string; from: string; to: string; format?: 'json' | 'csv' } }>(
    '/api/admin/insurance-claims',
    {
      config: CLINIC_ADMIN,
      schema: {
        querystring: clinicPeriodQuery({ format: { type: 'string', enum: ['json', 'csv'] } }),
        response: {
          200: {
            type: 'object',
            properties: {
              claims: {
                type: 'array',
                items: { type: 'object', properties: { appointmentId: uuid, insurer: str, policyNumber: str, startsAt: str, date: str, patientName: { type: ['string', 'null'] }, visitType: str, amountOre: { type: 'integer' } } },
              },
            },
          },
        },
      },
    },
    async (req, reply) => {
      const { clinicId, from, to } = ownClinicPeriod(req, req.query);
      const claims = await insuranceClaims(db, clinicId, from, to);
      if (req.query.format === 'csv') {
        const rows = claims.map((c) => [c.date, c.patientName ?? '', c.visitType, c.insurer, c.policyNumber, kroner(c.amountOre)]);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="forsikring-${from}-${to}.csv"`)
          .send(norwegianCsv(CSV_HEADINGS[req.session!.language] ?? CSV_HEADINGS.nb!, rows));
      }
      return { claims };
    },
  );
}
