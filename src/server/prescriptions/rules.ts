// Prescribing rules, pure: what may be prescribed or renewed digitally, how long a prescription is valid, what the
// patient pays at the pharmacy, and whether a prescription can still be used. No clock: `today` is a parameter.
import type { Drug } from './drug.ts';

/** White: the patient pays. Blue (blå resept): chronic illness, partly covered. H (H-resept): hospital-financed, free. */
export type PrescriptionType = 'white' | 'blue' | 'H';

/** A prescription as the patient sees it. Dates are calendar dates (YYYY-MM-DD) in the clinic's zone. */
export interface Prescription {
  drugId: string;
  strength: string;
  dosageText: string;
  type: PrescriptionType;
  issuedOn: string;
  validUntil: string;
  withdrawalsLeft: number;
  /** Visible at the pharmacy only with the reference number the patient gives. */
  locked: boolean;
}

/** What an installation may change: the blue-prescription co-payment (egenandel) and its cap. */
export interface PrescriptionSettings {
  /** Whole percent of the price, 0–100. */
  sharePercent: number;
  maxPerPrescriptionOre: number;
}

export const DEFAULT_PRESCRIPTION_SETTINGS: Readonly<PrescriptionSettings> = Object.freeze({ sharePercent: 39, maxPerPrescriptionOre: 52_000 });

export type DigitalPrescribing = { ok: true } | { ok: false; reason: 'needs-visit' };
export type RenewalDecision = 'allowed' | 'needs-visit' | 'needs-antibiotic-confirmation';
export type PrescriptionStatus = 'active' | 'expired' | 'used-up';

/** Narcotics (A) and habit-forming drugs (B) are never prescribed through a digital channel. */
export function mayPrescribeDigitally(drug: Pick<Drug, 'prescriptionClass'>): DigitalPrescribing {
  return drug.prescriptionClass === 'A' || drug.prescriptionClass === 'B' ? { ok: false, reason: 'needs-visit' } : { ok: true };
}

/** A digital renewal: A/B need a visit, whatever else is said; an antibiotic needs the clinician's explicit yes. */
export function renewalDecision(drug: Pick<Drug, 'prescriptionClass' | 'antibiotic'>, confirmation: { antibioticConfirmed: boolean }): RenewalDecision {
  if (!mayPrescribeDigitally(drug).ok) return 'needs-visit';
  if (drug.antibiotic && !confirmation.antibioticConfirmed) return 'needs-antibiotic-confirmation';
  return 'allowed';
}

/**
 * The last day a prescription is valid (inclusive): the same calendar date 1 year after issue, 3 years for hormonal
 * contraceptives. Issued on 29 February, it ends on 28 February of a year without one: the prescription never
 * outlasts its period, and it is the date a clinician reading "valid 1 year" would expect.
 */
export function validUntil(drug: Pick<Drug, 'hormonalContraceptive'>, issuedOn: string): string {
  const { year, month, day } = parseDate(issuedOn, 'issuedOn');
  const endYear = year + (drug.hormonalContraceptive ? 3 : 1);
  return formatDate(endYear, month, Math.min(day, daysInMonth(endYear, month)));
}

/** The patient's share of a blue prescription: the percent of the price, rounded half up to whole øre, at most the cap. */
export function patientShare(priceOre: number, settings: PrescriptionSettings = DEFAULT_PRESCRIPTION_SETTINGS): number {
  checkPrice(priceOre);
  checkSettings(settings);
  // Integer arithmetic: price × percent is exact, and +50 then whole hundreds rounds half up without a float.
  const scaled = priceOre * settings.sharePercent + 50;
  return Math.min((scaled - (scaled % 100)) / 100, settings.maxPerPrescriptionOre);
}

/** What the patient pays at the pharmacy for one withdrawal, by prescription type. */
export function patientPays(type: PrescriptionType, priceOre: number, settings: PrescriptionSettings = DEFAULT_PRESCRIPTION_SETTINGS): number {
  checkPrice(priceOre);
  switch (type) {
    case 'white':
      return priceOre;
    case 'blue':
      return patientShare(priceOre, settings);
    case 'H':
      return 0;
  }
}

/**
 * Active while today is on or before validUntil and a withdrawal is left. When both have run out it is 'expired':
 * the date is the legal end, and a renewal is needed either way.
 */
export function prescriptionStatus(p: Pick<Prescription, 'validUntil' | 'withdrawalsLeft'>, today: string): PrescriptionStatus {
  parseDate(p.validUntil, 'validUntil');
  parseDate(today, 'today');
  if (!Number.isSafeInteger(p.withdrawalsLeft) || p.withdrawalsLeft < 0) throw new RangeError(`withdrawalsLeft: ${p.withdrawalsLeft} is not a whole number ≥ 0`);
  // YYYY-MM-DD strings order as the dates do.
  if (today > p.validUntil) return 'expired';
  return p.withdrawalsLeft === 0 ? 'used-up' : 'active';
}

function checkPrice(priceOre: number): void {
  if (!Number.isSafeInteger(priceOre) || priceOre < 0) throw new RangeError(`priceOre: ${priceOre} is not a whole number of øre ≥ 0`);
}

function checkSettings(s: PrescriptionSettings): void {
  if (!Number.isInteger(s.sharePercent) || s.sharePercent < 0 || s.sharePercent > 100) throw new RangeError(`sharePercent: ${s.sharePercent} is not a whole percent 0–100`);
  if (!Number.isSafeInteger(s.maxPerPrescriptionOre) || s.maxPerPrescriptionOre < 0) throw new RangeError(`maxPerPrescriptionOre: ${s.maxPerPrescriptionOre} is not a whole number of øre ≥ 0`);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDate(text: string, name: string): { year: number; month: number; day: number } {
  const m = DATE.exec(text);
  const [year, month, day] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
  if (!m || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) throw new RangeError(`${name}: ${JSON.stringify(text)} is not a date YYYY-MM-DD`);
  return { year, month, day };
}

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

function formatDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
