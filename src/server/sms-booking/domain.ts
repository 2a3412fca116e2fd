// SMS booking rules, pure: reading "KEYWORD DDMMYY Name free text", matching the sender's name, the sender's number, repeats.
import { createHash } from 'node:crypto';

export type ParseFailure = 'empty' | 'no-keyword' | 'no-birth-date' | 'invalid-birth-date' | 'national-id' | 'no-name';

export interface BookingSms {
  /** Upper case, as clinics.sms_keyword is stored. */
  keyword: string;
  /** YYYY-MM-DD. */
  birthDate: string;
  /** The first two words after the date: the likely name until the registered name says otherwise (see splitName). */
  name: string;
  text: string;
  /** Every word after the date, name and text together. */
  words: string[];
}

export type ParseResult = { ok: true; sms: BookingSms } | { ok: false; reason: ParseFailure };

/** What became of an inbound SMS; each has its own reply. */
export type InboundOutcome = 'requested' | 'unknown-clinic' | 'unparseable' | 'no-match';

export const REPLY_TEMPLATE = {
  requested: 'sms-booking-received',
  'unknown-clinic': 'sms-booking-unknown-clinic',
  unparseable: 'sms-booking-unparseable',
  'no-match': 'sms-booking-no-match',
} as const satisfies Record<InboundOutcome, string>;

/** A second copy of the same text from the same number within this time is the same message (an SMSC redelivery). */
export const REPEAT_WINDOW_MINUTES = 10;
export const MAX_MESSAGE_LENGTH = 1000;

const KEYWORD = /^[\p{L}0-9]{2,20}$/u;
const DATE_COMPACT = /^(\d{2})(\d{2})(\d{2}|\d{4})$/;
const DATE_SEPARATED = /^(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})$/;
// Norwegian (DDMMYY IIICC) and Swedish (YYMMDD-NNNN) identity numbers, with or without the usual separators.
const NATIONAL_ID_LIKE = /\d{6}\s?\d{5}|\d{6}[-+]\d{4}/g;

/**
 * Reads `KEYWORD DDMMYY Name free text`, forgiving case, extra spaces, a date written 27.02.58, 27/02/1958 or 27 02 58,
 * and a missing free text. A message that starts like a national ID number is refused, never half-read.
 * `today` (YYYY-MM-DD) settles the century: the most recent date not in the future.
 */
export function parseBookingSms(raw: string, today: string): ParseResult {
  const tokens = raw.normalize('NFC').replace(/[\u0000-\u001f\u007f]/g, ' ').trim().split(/\s+/).filter(Boolean);
  if (tokens.length === 0) return { ok: false, reason: 'empty' };
  const keyword = tokens[0]!.replace(/[.,:;!?-]+$/, '').toLocaleUpperCase('nb');
  if (!KEYWORD.test(keyword) || /^\d+$/.test(keyword)) return { ok: false, reason: 'no-keyword' };

  const date = readDate(tokens.slice(1));
  if (!date) return { ok: false, reason: tokens.length > 1 && /\d/.test(tokens[1]!) ? 'invalid-birth-date' : 'no-birth-date' };
  if (date === 'national-id') return { ok: false, reason: 'national-id' };
  const birthDate = birthDateOf(date.day, date.month, date.year, today);
  if (!birthDate) return { ok: false, reason: 'invalid-birth-date' };

  const words = tokens.slice(1 + date.tokens);
  if (words[0] !== undefined && /^\d{4,5}$/.test(words[0])) return { ok: false, reason: 'national-id' };
  // First and last name at the least: two words with letters.
  if (words.length < 2 || !words.slice(0, 2).every((w) => /\p{L}/u.test(w))) return { ok: false, reason: 'no-name' };
  return { ok: true, sms: { keyword, birthDate, name: words.slice(0, 2).join(' '), text: words.slice(2).join(' '), words } };
}

type ReadDate = { day: number; month: number; year: string; tokens: number } | 'national-id' | undefined;

function readDate(tokens: string[]): ReadDate {
  const first = tokens[0] ?? '';
  if (/^\d{11}$/.test(first) || /^\d{6}[-+]\d{4,5}$/.test(first)) return 'national-id';
  const m = DATE_COMPACT.exec(first) ?? DATE_SEPARATED.exec(first);
  if (m) return { day: Number(m[1]), month: Number(m[2]), year: m[3]!, tokens: 1 };
  // "27 02 58": three short numbers in a row.
  const [d, mo, y] = tokens;
  if (d && mo && y && /^\d{1,2}$/.test(d) && /^\d{1,2}$/.test(mo) && /^(\d{2}|\d{4})$/.test(y)) {
    return { day: Number(d), month: Number(mo), year: y, tokens: 3 };
  }
  return undefined;
}

function birthDateOf(day: number, month: number, year: string, today: string): string | undefined {
  const iso = (y: number) => `${String(y).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const real = (y: number) => {
    const d = new Date(Date.UTC(y, month - 1, day));
    return d.getUTCFullYear() === y && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
  };
  let y: number;
  if (year.length === 4) {
    y = Number(year);
  } else {
    const thisYear = Number(today.slice(0, 4));
    y = Math.floor(thisYear / 100) * 100 + Number(year);
    if (!real(y) || iso(y) > today) y -= 100;
  }
  // Nobody alive was born more than 130 years ago: a written-out 1858 is a typing error, not a patient.
  if (!real(y) || iso(y) > today || y < Number(today.slice(0, 4)) - 130) return undefined;
  return iso(y);
}

/** Case, diacritics and common spellings without them (ø/o, æ/ae/ä, å/aa) compare equal. */
export function foldName(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ø/g, 'o')
    .replace(/æ/g, 'a')
    .replace(/ß/g, 'ss')
    .replace(/ae/g, 'a')
    .replace(/oe/g, 'o')
    .replace(/aa/g, 'a')
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .trim();
}

const nameTokens = (s: string) => foldName(s).split(/\s+/).filter(Boolean);

/**
 * Finds the sender's name at the start of the words after the date: its first word must be the registered first
 * name and its last word the registered last name (middle names may be left out). Returns the name as written and
 * the free text after it, or null when the words do not start with this person's name.
 */
export function splitName(words: string[], registeredName: string | null): { name: string; text: string } | null {
  const registered = nameTokens(registeredName ?? '');
  if (registered.length < 2) return null;
  const first = registered[0]!;
  const last = registered[registered.length - 1]!;
  for (let k = Math.min(registered.length, words.length); k >= 2; k--) {
    if (foldName(words[0]!) === first && foldName(words[k - 1]!) === last) {
      return { name: words.slice(0, k).join(' '), text: words.slice(k).join(' ') };
    }
  }
  return null;
}

/**
 * The sender's number as E.164 (+4791234567), or null when it is no phone number (an alphanumeric sender).
 * SMSCs give it as +47…, 0047…, 47… (international, without the plus) or 8 digits (Norwegian national).
 */
export function normaliseSender(raw: string): string | null {
  const s = raw.replace(/[\s\-().]/g, '');
  if (/^\+[1-9]\d{6,14}$/.test(s)) return s;
  if (/^00[1-9]\d{6,14}$/.test(s)) return `+${s.slice(2)}`;
  if (/^[49]\d{7}$/.test(s)) return `+47${s}`;
  if (/^07\d{8}$/.test(s)) return `+46${s.slice(1)}`;
  if (/^[1-9]\d{9,14}$/.test(s)) return `+${s}`;
  return null;
}

/** The free text as reception sees it: identity numbers masked, at most MAX_MESSAGE_LENGTH characters. */
export function messageForReception(text: string): string {
  return text.replace(NATIONAL_ID_LIKE, (m) => m.replace(/\d/g, '*')).slice(0, MAX_MESSAGE_LENGTH);
}

/** Identifies a text without keeping it: spacing and case do not change it. */
export function textFingerprint(text: string): string {
  const normal = text.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleUpperCase('nb');
  return createHash('sha256').update(normal).digest('base64url');
}

/** The time in which a copy of this message counts as a repeat, as a PostgreSQL tstzrange literal. */
export function repeatWindow(receivedAt: Date): string {
  const end = new Date(receivedAt.getTime() + REPEAT_WINDOW_MINUTES * 60_000);
  return `[${receivedAt.toISOString()},${end.toISOString()})`;
}

/** How many SMS one number may send in an hour and still get replies: a flood must not become an SMS bill. */
export const MAX_REPLIES_PER_HOUR = 10;

/**
 * A clinic's number for an SMS text, in groups: a compact E.164 number of 11 digits would otherwise look like a
 * national ID number to the templates' guard, and the reply would never go out.
 */
export function spacedPhone(phone: string | null): string {
  if (!phone) return '';
  const compact = phone.replace(/[\s-]/g, '');
  const m = /^(\+\d{2})(\d{6,13})$/.exec(compact);
  return m ? `${m[1]} ${m[2]!.replace(/(\d{2})(?=\d)/g, '$1 ')}` : phone;
}

/** The reply's language: the patient's own choice, else the clinic's country, else bokmål. */
export function replyLanguage(patientLanguage: string | null | undefined, clinicCountry: string | null | undefined): 'nb' | 'nn' | 'sv' | 'en' {
  if (patientLanguage === 'nb' || patientLanguage === 'nn' || patientLanguage === 'sv' || patientLanguage === 'en') return patientLanguage;
  return clinicCountry === 'SE' ? 'sv' : 'nb';
}
