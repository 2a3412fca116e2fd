// Reading and writing the money tables: the tariff and ceilings, the co-payments a patient has paid, the clinic's prices.
import { sql } from 'kysely';
import type { Db, Tx } from '../platform/db/database.ts';
import type { CopayService } from './copayment.ts';
import type { CeilingRow, TariffRow } from './tariff-data.ts';

type Conn = Db | Tx;

export async function tariff(db: Conn): Promise<TariffRow[]> {
  const rows = await db.selectFrom('copayment_tariffs').select(['valid_from', 'service', 'time_of_day', 'amount_ore', 'source']).orderBy('valid_from').orderBy('service').orderBy('time_of_day').execute();
  return rows.map((r) => ({ validFrom: r.valid_from, service: r.service, timeOfDay: r.time_of_day, amountOre: r.amount_ore, source: r.source }));
}

export async function ceilings(db: Conn): Promise<CeilingRow[]> {
  const rows = await db.selectFrom('copayment_ceilings').select(['year', 'amount_ore', 'source']).orderBy('year').execute();
  return rows.map((r) => ({ year: r.year, amountOre: r.amount_ore, source: r.source }));
}

export async function clinic(db: Conn, clinicId: string) {
  return db
    .selectFrom('clinics')
    .select(['id', 'name', 'kind', 'country', 'time_zone', 'econsult_price_ore', 'visit_price_ore', 'phone_price_ore', 'private_children_free', 'accepts_insurance'])
    .where('id', '=', clinicId)
    .executeTakeFirst();
}

export async function paidInYear(db: Conn, personId: string, year: number): Promise<number> {
  const row = await db.selectFrom('copayments').select(sql<string>`coalesce(sum(amount_ore - refunded_ore), 0)`.as('sum')).where('person_id', '=', personId).where('year', '=', year).executeTakeFirstOrThrow();
  return Number(row.sum);
}

export async function frikortFor(db: Conn, personId: string, year: number) {
  return db.selectFrom('frikort').select(['source', 'created_at']).where('person_id', '=', personId).where('year', '=', year).executeTakeFirst();
}

export async function copaymentsInYear(db: Conn, personId: string, year: number) {
  return db
    .selectFrom('copayments as c')
    .innerJoin('clinics as cl', 'cl.id', 'c.clinic_id')
    .select(['c.id', 'c.service', sql<number>`c.amount_ore - c.refunded_ore`.as('amount_ore'), 'c.paid_at', 'cl.name as clinic_name'])
    .where('c.person_id', '=', personId)
    .where('c.year', '=', year)
    .orderBy('c.paid_at')
    .execute();
}

/** Records a co-payment once per purpose (a retried capture or a duplicate webhook records nothing more). */
export async function recordCopayment(
  db: Conn,
  c: { personId: string; year: number; clinicId: string; service: CopayService; purpose: string; purposeId: string; amountOre: number; paidAt?: Date },
): Promise<boolean> {
  const inserted = await db
    .insertInto('copayments')
    .values({ person_id: c.personId, year: c.year, clinic_id: c.clinicId, service: c.service, purpose: c.purpose, purpose_id: c.purposeId, amount_ore: c.amountOre, ...(c.paidAt ? { paid_at: c.paidAt } : {}) })
    .onConflict((oc) => oc.columns(['purpose', 'purpose_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return Boolean(inserted);
}

/** Adds or corrects one figure of the tariff. */
export async function saveTariffRow(db: Conn, r: TariffRow, personId: string): Promise<void> {
  await db
    .insertInto('copayment_tariffs')
    .values({ valid_from: r.validFrom, service: r.service, time_of_day: r.timeOfDay, amount_ore: r.amountOre, source: r.source, updated_by: personId })
    .onConflict((oc) => oc.columns(['valid_from', 'service', 'time_of_day']).doUpdateSet({ amount_ore: r.amountOre, source: r.source, updated_by: personId, updated_at: sql`now()` }))
    .execute();
}

/** Sets a year's ceiling; a frikort already granted for that year stands. */
export async function saveCeiling(db: Conn, c: CeilingRow, personId: string): Promise<void> {
  await db
    .insertInto('copayment_ceilings')
    .values({ year: c.year, amount_ore: c.amountOre, source: c.source, updated_by: personId })
    .onConflict((oc) => oc.column('year').doUpdateSet({ amount_ore: c.amountOre, source: c.source, updated_by: personId, updated_at: sql`now()` }))
    .execute();
}

/** A refund of a payment that paid a co-payment: what was given back no longer counts towards the ceiling. */
export async function refundCopayment(db: Conn, purpose: string, purposeId: string, amountOre: number): Promise<void> {
  await db
    .updateTable('copayments')
    .set({ refunded_ore: sql`least(amount_ore, refunded_ore + ${amountOre})` })
    .where('purpose', '=', purpose)
    .where('purpose_id', '=', purposeId)
    .execute();
}
