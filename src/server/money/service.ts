// Prices as the patient is shown them before booking or submitting, the year's co-payments with the progress towards
// the ceiling, and recording a co-payment when it is paid (the database grants the frikort when the ceiling is reached).
import { DateTime } from 'luxon';
import type { Db, Tx } from '../platform/db/database.ts';
import type { CareCategory } from '../platform/db/schema.ts';
import { Conflict, NotFound } from '../platform/http/errors.ts';
import { isWorkingDay } from '../platform/holidays.ts';
import { ageOn } from '../../shared/national-id.ts';
import { localDate } from '../../shared/time.ts';
import { NoTariff, priceOf, serviceOf, timeOfDayAt, type Price, type TimeOfDay, type VisitType } from './copayment.ts';
import * as store from './store.ts';

export interface PriceView extends Price {
  currency: 'NOK' | 'SEK';
  timeOfDay: TimeOfDay;
  /** A private clinic that bills a visit to the patient's insurer when the patient gives one. */
  insuranceAccepted: boolean;
}

export interface PriceRequest {
  clinicId: string;
  visitType: VisitType;
  patientId: string;
  /** When the visit happens (a booked time), or now (a submitted e-consultation, a renewal). */
  at: Date;
  insured?: boolean;
  /** The kind of care, where it frees the visit (a pregnancy check-up; mental-health care under 18). */
  careCategory?: CareCategory | null;
}

/** The price of a booked visit, from its own row. */
export function priceOfAppointment(db: Db | Tx, a: { clinic_id: string; visit_type: VisitType; patient_id: string; starts_at: Date; care_category: CareCategory | null }, insured = false): Promise<PriceView> {
  return priceFor(db, { clinicId: a.clinic_id, visitType: a.visit_type, patientId: a.patient_id, at: a.starts_at, careCategory: a.care_category, ...(insured ? { insured } : {}) });
}

/** What the patient will pay for a visit, with any exemption and how it will be paid. */
export async function priceFor(db: Db | Tx, r: PriceRequest): Promise<PriceView> {
  const clinic = await store.clinic(db, r.clinicId);
  if (!clinic) throw NotFound();
  const patient = await db.selectFrom('persons').select('birth_date').where('id', '=', r.patientId).executeTakeFirst();
  if (!patient) throw NotFound();
  const date = localDate(r.at, clinic.time_zone);
  const year = Number(date.slice(0, 4));
  const [tariff, ceilings, paid, frikort] = await Promise.all([store.tariff(db), store.ceilings(db), store.paidInYear(db, r.patientId, year), store.frikortFor(db, r.patientId, year)]);
  const timeOfDay = timeOfDayAt(r.at, clinic.time_zone, (d) => isWorkingDay(d, clinic.country));
  const price = priceOrRefusal(() => priceOf({
    clinic: {
      kind: clinic.kind,
      privatePrices: {
        ...(clinic.visit_price_ore !== null ? { clinic: clinic.visit_price_ore } : {}),
        ...(clinic.phone_price_ore !== null ? { phone: clinic.phone_price_ore } : {}),
        econsult: clinic.econsult_price_ore,
      },
      privateChildrenFree: clinic.private_children_free,
      acceptsInsurance: clinic.accepts_insurance,
    },
    visitType: r.visitType,
    timeOfDay,
    tariff,
    ceilings,
    date,
    patientAge: ageOn(patient.birth_date, date),
    paidThisYearOre: paid,
    hasFrikort: Boolean(frikort),
    ...(r.insured ? { insured: true } : {}),
    ...(r.careCategory === 'pregnancy' ? { pregnancyCheck: true } : {}),
    ...(r.careCategory === 'mental-health' ? { mentalHealth: true } : {}),
  }));
  return { ...price, currency: clinic.country === 'SE' ? 'SEK' : 'NOK', timeOfDay, insuranceAccepted: clinic.kind === 'private' && clinic.accepts_insurance };
}

/** Records what was paid as a co-payment for one purpose (an e-consultation, an appointment, …), once. */
export async function recordPaidCopayment(db: Db | Tx, p: { personId: string; clinicId: string; clinicKind: Parameters<typeof serviceOf>[0]; visitType: VisitType; purpose: string; purposeId: string; amountOre: number; paidAt: Date; timeZone: string }): Promise<boolean> {
  if (p.amountOre <= 0 || p.clinicKind === 'private') return false;
  const year = DateTime.fromJSDate(p.paidAt, { zone: p.timeZone }).year;
  return store.recordCopayment(db, { personId: p.personId, year, clinicId: p.clinicId, service: serviceOf(p.clinicKind, p.visitType), purpose: p.purpose, purposeId: p.purposeId, amountOre: p.amountOre, paidAt: p.paidAt });
}

export interface CopaymentSummary {
  year: number;
  paidOre: number;
  ceilingOre: number;
  leftOre: number;
  frikort: { source: 'ceiling' | 'external' | 'manual'; since: string } | null;
  payments: Array<{ id: string; clinicName: string; service: string; amountOre: number; paidAt: string }>;
}

/** The patient's co-payments in a year across every clinic here, and how far they are from the frikort. */
export async function copaymentSummary(db: Db, personId: string, year: number): Promise<CopaymentSummary> {
  const [ceilings, rows, frikort] = await Promise.all([store.ceilings(db), store.copaymentsInYear(db, personId, year), store.frikortFor(db, personId, year)]);
  const ceiling = ceilings.filter((c) => c.year <= year).sort((a, b) => b.year - a.year)[0]?.amountOre ?? 0;
  const paid = rows.reduce((sum, r) => sum + r.amount_ore, 0);
  return {
    year,
    paidOre: paid,
    ceilingOre: ceiling,
    leftOre: Math.max(0, ceiling - paid),
    frikort: frikort ? { source: frikort.source, since: frikort.created_at.toISOString() } : null,
    payments: rows.map((r) => ({ id: r.id, clinicName: r.clinic_name, service: r.service, amountOre: r.amount_ore, paidAt: r.paid_at.toISOString() })),
  };
}

/** A visit with no price (no tariff for the date, or a private clinic's visit type without one) is a clear refusal. */
function priceOrRefusal(price: () => Price): Price {
  try {
    return price();
  } catch (err) {
    if (err instanceof NoTariff) throw Conflict('problem.no-price');
    throw err;
  }
}
