// National identity numbers: Norwegian fødselsnummer, D-, H- and synthetic numbers, Swedish personnummer
// and samordningsnummer. Pure: validation, kind, birth date, age, masking. See ../shared/DOMAIN.md.

export type NationalIdKind = 'fnr' | 'dnr' | 'hnr' | 'synthetic' | 'personnummer' | 'samordningsnummer';

export interface NationalId {
  /** Canonical form: 11 digits (Norway) or 12 digits YYYYMMDDNNNC (Sweden). */
  value: string;
  kind: NationalIdKind;
  country: 'NO' | 'SE';
  /** YYYY-MM-DD */
  birthDate: string;
  gender: 'female' | 'male';
  /** A test number (month + 80): never a real person. */
  synthetic: boolean;
}

const K1_WEIGHTS = [3, 7, 6, 1, 8, 9, 4, 5, 2];
const K2_WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

function control(digits: number[], weights: number[]): number | undefined {
  const sum = weights.reduce((acc, w, i) => acc + w * (digits[i] ?? 0), 0);
  const k = 11 - (sum % 11);
  if (k === 11) return 0;
  if (k === 10) return undefined;
  return k;
}

function validDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

function iso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The century of a Norwegian number from its individual number (III) and two-digit year. */
function norwegianYear(yy: number, individual: number): number | undefined {
  if (individual <= 499) return 1900 + yy;
  if (individual <= 749 && yy >= 54) return 1800 + yy;
  if (individual >= 500 && yy <= 39) return 2000 + yy;
  if (individual >= 900 && yy >= 40) return 1900 + yy;
  return undefined;
}

export function parseNorwegian(input: string): NationalId | undefined {
  const value = input.replace(/\s/g, '');
  if (!/^\d{11}$/.test(value)) return undefined;
  const d = [...value].map(Number);
  const k1 = control(d, K1_WEIGHTS);
  if (k1 === undefined || k1 !== d[9]) return undefined;
  const k2 = control(d, K2_WEIGHTS);
  if (k2 === undefined || k2 !== d[10]) return undefined;

  let day = Number(value.slice(0, 2));
  let month = Number(value.slice(2, 4));
  const yy = Number(value.slice(4, 6));
  const individual = Number(value.slice(6, 9));
  let kind: NationalIdKind = 'fnr';
  if (month > 80) {
    month -= 80;
    kind = 'synthetic';
  } else if (month > 40) {
    month -= 40;
    kind = 'hnr';
  }
  if (day > 40) {
    if (kind === 'hnr') return undefined;
    day -= 40;
    kind = 'dnr';
  }
  const year = norwegianYear(yy, individual);
  if (year === undefined || !validDate(year, month, day)) return undefined;
  const synthetic = Number(value.slice(2, 4)) > 80;
  return { value, kind, country: 'NO', birthDate: iso(year, month, day), gender: (d[8] ?? 0) % 2 === 0 ? 'female' : 'male', synthetic };
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let n = Number(digits[i]) * (i % 2 === 0 ? 2 : 1);
    if (n > 9) n -= 9;
    sum += n;
  }
  return sum % 10 === 0;
}

/** Swedish personnummer or samordningsnummer: YYMMDD-NNNC, YYMMDD+NNNC (100 or older) or YYYYMMDD[-]NNNC. */
export function parseSwedish(input: string, today: Date): NationalId | undefined {
  const m = /^(\d{2})?(\d{2})(\d{2})(\d{2})([-+]?)(\d{3})(\d)$/.exec(input.replace(/\s/g, ''));
  if (!m) return undefined;
  const [, century, yy, mm, dd, sep, serial, check] = m as unknown as [string, string | undefined, string, string, string, string, string, string];
  if (!luhn(`${yy}${mm}${dd}${serial}${check}`)) return undefined;
  let year: number;
  if (century) {
    year = Number(century + yy);
  } else {
    const thisYear = today.getUTCFullYear();
    year = Math.floor(thisYear / 100) * 100 + Number(yy);
    if (year > thisYear) year -= 100;
    if (sep === '+') year -= 100;
  }
  let day = Number(dd);
  let kind: NationalIdKind = 'personnummer';
  if (day > 60) {
    day -= 60;
    kind = 'samordningsnummer';
  }
  const month = Number(mm);
  if (!validDate(year, month, day)) return undefined;
  return {
    value: `${String(year)}${mm}${dd}${serial}${check}`,
    kind,
    country: 'SE',
    birthDate: iso(year, month, day),
    gender: Number(serial[2]) % 2 === 0 ? 'female' : 'male',
    synthetic: false,
  };
}

/** Any accepted number, Norwegian first (11 digits), Swedish otherwise. */
export function parseNationalId(input: string, today: Date): NationalId | undefined {
  return parseNorwegian(input) ?? parseSwedish(input, today);
}

/** Whole years between a YYYY-MM-DD birth date and a YYYY-MM-DD day. */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** Shown wherever the person is not being identified: DDMMYY ***** (Sweden: YYYYMMDD-****). */
export function maskNationalId(value: string): string {
  if (value.length === 12) return `${value.slice(0, 8)}-****`;
  return `${value.slice(0, 6)} *****`;
}
