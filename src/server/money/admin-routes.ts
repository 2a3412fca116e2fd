// HTTP for the clinic admin: the co-payment figures (the national tariff per period and the yearly ceilings, shipped
// with the published figures and corrected here when a new year's are published), and the clinic's settlement.
import type { FastifyInstance } from 'fastify';
import type { Db } from '../platform/db/database.ts';
import { Conflict } from '../platform/http/errors.ts';
import { settlement, settlementCsv } from './clinic-settlement.ts';
import { CLINIC_ADMIN, clinicPeriodQuery, ownClinicPeriod } from '../platform/http/clinic-admin.ts';
import * as store from './store.ts';

const str = { type: 'string' } as const;
const int = { type: 'integer' } as const;
const SERVICES = ['gp-consultation', 'econsult', 'prescription-renewal', 'outpatient'] as const;
const amount = { type: 'integer', minimum: 0, maximum: 10_000_000 } as const;
const source = { type: 'string', minLength: 1, maxLength: 500 } as const;
const tariffRow = { type: 'object', properties: { validFrom: str, service: str, timeOfDay: str, amountOre: int, source: str } } as const;
const ceilingRow = { type: 'object', properties: { year: int, amountOre: int, source: str } } as const;

export async function moneyAdminRoutes(app: FastifyInstance, opts: { db: Db }): Promise<void> {
  const { db } = opts;

  app.get(
    '/api/admin/copayment',
    { config: CLINIC_ADMIN, schema: { response: { 200: { type: 'object', properties: { tariff: { type: 'array', items: tariffRow }, ceilings: { type: 'array', items: ceilingRow } } } } } },
    async () => ({ tariff: await store.tariff(db), ceilings: await store.ceilings(db) }),
  );

  app.put<{ Body: { validFrom: string; service: (typeof SERVICES)[number]; timeOfDay: 'day' | 'evening'; amountOre: number; source: string } }>(
    '/api/admin/copayment/tariff',
    {
      config: CLINIC_ADMIN,
      schema: {
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['validFrom', 'service', 'timeOfDay', 'amountOre', 'source'],
          properties: { validFrom: { type: 'string', format: 'date' }, service: { type: 'string', enum: SERVICES }, timeOfDay: { type: 'string', enum: ['day', 'evening'] }, amountOre: amount, source },
        },
        response: { 200: tariffRow },
      },
    },
    async (req) => {
      const b = req.body;
      await store.saveTariffRow(db, { validFrom: b.validFrom, service: b.service, timeOfDay: b.timeOfDay, amountOre: b.amountOre, source: b.source }, req.session!.personId);
      req.log.info({ validFrom: b.validFrom, service: b.service, timeOfDay: b.timeOfDay, amountOre: b.amountOre }, 'co-payment tariff changed');
      return b;
    },
  );

  app.put<{ Params: { year: string }; Body: { amountOre: number; source: string } }>(
    '/api/admin/copayment/ceilings/:year',
    {
      config: CLINIC_ADMIN,
      schema: {
        params: { type: 'object', required: ['year'], properties: { year: { type: 'string', pattern: '^2[01][0-9]{2}$' } } },
        body: { type: 'object', additionalProperties: false, required: ['amountOre', 'source'], properties: { amountOre: { type: 'integer', minimum: 1, maximum: 100_000_000 }, source } },
        response: { 200: ceilingRow },
      },
    },
    async (req) => {
      const row = { year: Number(req.params.year), amountOre: req.body.amountOre, source: req.body.source };
      await store.saveCeiling(db, row, req.session!.personId);
      req.log.info({ year: row.year, amountOre: row.amountOre }, 'co-payment ceiling changed');
      return row;
    },
  );

  app.get<{ Querystring: { clinicId: string; from: string; to: string; by?: 'day' | 'month'; format?: 'json' | 'csv' } }>(
    '/api/admin/settlement',
    {
      config: CLINIC_ADMIN,
      schema: {
        querystring: clinicPeriodQuery({
          by: { type: 'string', enum: ['day', 'month'] },
          /** 'csv' as Accept: text/csv does, for a plain download link. */
          format: { type: 'string', enum: ['json', 'csv'] },
        }),
        response: {
          200: {
            type: 'object',
            properties: {
              clinic: { type: 'object', properties: { id: str, name: str, orgNumber: str } },
              from: str,
              to: str,
              by: str,
              rows: { type: 'array', items: { type: 'object', properties: { period: str, kind: str, method: str, provider: str, count: int, amountOre: int } } },
            },
          },
        },
      },
    },
    async (req, reply) => {
      const q = req.query;
      const { clinicId, from, to } = ownClinicPeriod(req, q);
      const clinic = await db.selectFrom('clinics').select(['id', 'name', 'org_number', 'time_zone']).where('id', '=', clinicId).executeTakeFirstOrThrow();
      const rows = await settlement(db, { clinicId: clinic.id, timeZone: clinic.time_zone, from, to, by: q.by ?? 'day' });
      if (q.format === 'csv' || (q.format !== 'json' && (req.headers.accept ?? '').includes('text/csv'))) {
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="oppgjor-${from}-${to}.csv"`)
          .send(settlementCsv(rows, CSV_HEADINGS[req.session!.language as keyof typeof CSV_HEADINGS] ?? CSV_HEADINGS.nb));
      }
      return { clinic: { id: clinic.id, name: clinic.name, orgNumber: clinic.org_number }, from, to, by: q.by ?? 'day', rows };
    },
  );

  // A private clinic's own prices and options (a public clinic's come from the tariff; its e-consultation too).
  const pricesSchema = {
    type: 'object',
    properties: { kind: str, visitPriceOre: { type: ['integer', 'null'] }, phonePriceOre: { type: ['integer', 'null'] }, econsultPriceOre: int, childrenFree: { type: 'boolean' }, acceptsInsurance: { type: 'boolean' } },
  } as const;
  const pricesOf = async (clinicId: string) => {
    const c = await db.selectFrom('clinics').select(['kind', 'visit_price_ore', 'phone_price_ore', 'econsult_price_ore', 'private_children_free', 'accepts_insurance']).where('id', '=', clinicId).executeTakeFirstOrThrow();
    return { kind: c.kind, visitPriceOre: c.visit_price_ore, phonePriceOre: c.phone_price_ore, econsultPriceOre: c.econsult_price_ore, childrenFree: c.private_children_free, acceptsInsurance: c.accepts_insurance };
  };

  app.get('/api/admin/clinic/prices', { config: CLINIC_ADMIN, schema: { response: { 200: pricesSchema } } }, async (req) => pricesOf(req.session!.clinicId!));

  app.put<{ Body: { visitPriceOre: number | null; phonePriceOre: number | null; econsultPriceOre: number; childrenFree: boolean; acceptsInsurance: boolean } }>(
    '/api/admin/clinic/prices',
    {
      config: CLINIC_ADMIN,
      schema: {
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['visitPriceOre', 'phonePriceOre', 'econsultPriceOre', 'childrenFree', 'acceptsInsurance'],
          properties: {
            visitPriceOre: { type: ['integer', 'null'], minimum: 0, maximum: 10_000_000 },
            phonePriceOre: { type: ['integer', 'null'], minimum: 0, maximum: 10_000_000 },
            econsultPriceOre: amount,
            childrenFree: { type: 'boolean' },
            acceptsInsurance: { type: 'boolean' },
          },
        },
        response: { 200: pricesSchema },
      },
    },
    async (req) => {
      const clinicId = req.session!.clinicId!;
      const b = req.body;
      // Only a private clinic sets its own prices: a public clinic's follow the national tariff.
      const updated = await db
        .updateTable('clinics')
        .set({ visit_price_ore: b.visitPriceOre, phone_price_ore: b.phonePriceOre, econsult_price_ore: b.econsultPriceOre, private_children_free: b.childrenFree, accepts_insurance: b.acceptsInsurance })
        .where('id', '=', clinicId)
        .where('kind', '=', 'private')
        .returning('id')
        .executeTakeFirst();
      if (!updated) throw Conflict('problem.public-prices-from-tariff');
      req.log.info({ clinicId }, 'private prices changed');
      return pricesOf(clinicId);
    },
  );
}

const CSV_HEADINGS = {
  nb: ['Periode', 'Type', 'Måte', 'Leverandør', 'Antall', 'Beløp (kr)'],
  nn: ['Periode', 'Type', 'Måte', 'Leverandør', 'Tal', 'Beløp (kr)'],
  sv: ['Period', 'Typ', 'Sätt', 'Leverantör', 'Antal', 'Belopp (kr)'],
  en: ['Period', 'Kind', 'Method', 'Provider', 'Count', 'Amount (kr)'],
};