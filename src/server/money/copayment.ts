// What a visit costs the patient, pure: the national co-payment (egenandel) at public clinics with its exemptions and
// the yearly ceiling (frikort), or a private clinic's own price with its options; and how it will be paid.
import { DateTime } from 'luxon';
import type { CeilingRow, TariffRow } from './tariff-data.ts';

export type CopayService = 'gp-consultation' | 'econsult' | 'prescription-renewal' | 'outpatient';
export type TimeOfDay = 'day' | 'evening';
export type ClinicKind = 'public_gp' | 'private' | 'hospital_outpatient';
export type VisitType = 'clinic' | 'video' | 'phone' | 'econsult' | 'renewal';

/** Why the patient pays less than the price, in words the patient is shown. */
export type Exemption =
  | 'under-16'
  | 'under-18-mental-health'
  | 'pregnancy'
  | 'frikort'
  /** Part of the visit fills the year's ceiling; the rest is free, and the frikort follows. */
  | 'ceiling-reached'
  | 'free-service'
  | 'private-children-free'
  | 'insurance';

export type PayBy = 'none' | 'card-at-booking' | 'reserve-then-capture' | 'invoice' | 'at-clinic' | 'insurer';

export interface Clinic {
  kind: ClinicKind;
  /** A private clinic's price per visit type (video: the office price); a public clinic's come from the tariff. */
  privatePrices: Partial<Record<VisitType, number>>;
  /** A private clinic's option: children under 18 free. */
  privateChildrenFree: boolean;
  /** A private clinic's option: a visit may be billed to the patient's insurer. */
  acceptsInsurance: boolean;
}

export interface PriceQuestion {
  clinic: Clinic;
  visitType: VisitType;
  timeOfDay: TimeOfDay;
  /** The tariff rows and ceilings as the installation holds them. */
  tariff: TariffRow[];
  ceilings: CeilingRow[];
  /** The visit's date (YYYY-MM-DD, in the clinic's zone): which tariff and which year's ceiling. */
  date: string;
  patientAge: number;
  mentalHealth?: boolean;
  pregnancyCheck?: boolean;
  /** Co-payments the patient has paid this calendar year, across all clinics of the installation. */
  paidThisYearOre: number;
  /** A frikort for the year known from outside (the national register, or marked by the clinic). */
  hasFrikort: boolean;
  /** The patient asked for the visit to be billed to their insurer (a private clinic that accepts it). */
  insured?: boolean;
}

export interface Price {
  /** What the patient pays. */
  amountOre: number;
  /** The price before any exemption. */
  listPriceOre: number;
  exemption: Exemption | null;
  /** A public co-payment: it counts towards the year's ceiling. */
  countsTowardCeiling: boolean;
  payBy: PayBy;
}

export class NoTariff extends Error {}

/** The public service a visit is, for the tariff. */
export function serviceOf(kind: ClinicKind, visitType: VisitType): CopayService {
  if (visitType === 'renewal') return 'prescription-renewal';
  if (kind === 'hospital_outpatient') return 'outpatient';
  return visitType === 'econsult' ? 'econsult' : 'gp-consultation';
}

/** The tariff amount for a service on a date: the row of the latest period that has begun. */
export function tariffAmount(tariff: TariffRow[], service: CopayService, timeOfDay: TimeOfDay, date: string): number {
  const row = tariff
    .filter((r) => r.service === service && r.timeOfDay === timeOfDay && r.validFrom <= date)
    .sort((a, b) => b.validFrom.localeCompare(a.validFrom))[0];
  if (!row) throw new NoTariff(`no tariff for ${service} (${timeOfDay}) on ${date}`);
  return row.amountOre;
}

/** The year's ceiling; a year not yet entered keeps the latest known one. */
export function ceilingFor(ceilings: CeilingRow[], year: number): number {
  const row = ceilings.filter((c) => c.year <= year).sort((a, b) => b.year - a.year)[0];
  if (!row) throw new NoTariff(`no co-payment ceiling for ${year}`);
  return row.amountOre;
}

/** Evening tariff: before 08:00 or from 16:00, on weekends and on public holidays (`isWorkingDay` says which days). */
export function timeOfDayAt(at: Date, timeZone: string, isWorkingDay: (date: string) => boolean): TimeOfDay {
  const local = DateTime.fromJSDate(at, { zone: timeZone });
  if (!isWorkingDay(local.toISODate()!)) return 'evening';
  return local.hour >= 8 && local.hour < 16 ? 'day' : 'evening';
}

/** How a visit of this kind is paid when there is something to pay. */
export function payByFor(kind: ClinicKind, visitType: VisitType): PayBy {
  if (kind === 'hospital_outpatient') return 'invoice';
  if (visitType === 'econsult') return 'reserve-then-capture';
  if (kind === 'public_gp' && visitType === 'clinic') return 'at-clinic';
  return 'card-at-booking';
}

export function priceOf(q: PriceQuestion): Price {
  const { clinic } = q;
  const payBy = payByFor(clinic.kind, q.visitType);
  if (clinic.kind === 'private') {
    // A video visit costs what the same visit at the office costs (seed 000); a renewal without a price is free; a
    // visit the clinic has set no price for is not offered at a price (never free by omission).
    const listPriceOre = clinic.privatePrices[q.visitType === 'video' ? 'clinic' : q.visitType] ?? (q.visitType === 'renewal' ? 0 : undefined);
    if (listPriceOre === undefined) throw new NoTariff(`the clinic has set no price for ${q.visitType}`);
    const free = (exemption: Exemption): Price => ({ amountOre: 0, listPriceOre, exemption, countsTowardCeiling: false, payBy: exemption === 'insurance' ? 'insurer' : 'none' });
    // Frikort never applies at a private clinic.
    if (listPriceOre === 0) return free('free-service');
    if (clinic.privateChildrenFree && q.patientAge < 18) return free('private-children-free');
    if (clinic.acceptsInsurance && q.insured) return free('insurance');
    return { amountOre: listPriceOre, listPriceOre, exemption: null, countsTowardCeiling: false, payBy };
  }
  const listPriceOre = tariffAmount(q.tariff, serviceOf(clinic.kind, q.visitType), q.timeOfDay, q.date);
  const free = (exemption: Exemption): Price => ({ amountOre: 0, listPriceOre, exemption, countsTowardCeiling: false, payBy: 'none' });
  if (listPriceOre === 0) return free('free-service');
  if (q.patientAge < 16) return free('under-16');
  if (q.mentalHealth && q.patientAge < 18) return free('under-18-mental-health');
  if (q.pregnancyCheck) return free('pregnancy');
  if (q.hasFrikort) return free('frikort');
  const left = ceilingFor(q.ceilings, Number(q.date.slice(0, 4))) - q.paidThisYearOre;
  if (left <= 0) return free('frikort');
  if (left < listPriceOre) return { amountOre: left, listPriceOre, exemption: 'ceiling-reached', countsTowardCeiling: true, payBy };
  return { amountOre: listPriceOre, listPriceOre, exemption: null, countsTowardCeiling: true, payBy };
}
