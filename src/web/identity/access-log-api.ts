// GET /api/access-log: who has looked at or acted on the subject's information, for a period of calendar days in Oslo,
// and the readable words for its codes (what was done, and why).
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getJson } from '../api.ts';
import { isMessageKey, type Translate } from '../i18n/index.tsx';
import { localDate } from '../../shared/time.ts';
import { displayName } from './display-name.ts';
import type { ActorKind } from './types.ts';

export interface AccessLogEntry {
  at: string;
  actorKind: ActorKind;
  actorName: string | null;
  /** Staff only: their roles at the entry's clinic ('clinician', 'reception', 'clinic_admin') and profession ('doctor'). */
  actorRole: { roles: string[]; profession: string | null } | null;
  clinicName: string | null;
  action: string;
  reason: string;
}

export interface AccessLog {
  /** The period answered, YYYY-MM-DD in Oslo, both inclusive; null for an open end. */
  from: string | null;
  to: string | null;
  /** More entries fell in the period than the server sends: only the newest are here. */
  truncated: boolean;
  entries: AccessLogEntry[];
}

/** Calendar days (YYYY-MM-DD); an empty string leaves that end open. */
export interface Period {
  from: string;
  to: string;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isDate(value: string): boolean {
  return DATE.test(value);
}

/** The last 12 months up to today in Oslo: from the same date a year ago, to today. */
export function lastTwelveMonths(now = new Date()): Period {
  const to = localDate(now);
  const [, y, m, d] = DATE.exec(to)!;
  const from = new Date(Date.UTC(Number(y) - 1, Number(m) - 1, Number(d))).toISOString().slice(0, 10);
  return { from, to };
}

export function accessLogPath(period: Period): string {
  const query = new URLSearchParams();
  if (period.from) query.set('from', period.from);
  if (period.to) query.set('to', period.to);
  const search = query.toString();
  return `/api/access-log${search ? `?${search}` : ''}`;
}

/** Under ['me', 'access-log']: switching whom one acts for removes every period's cached log (see me.ts). */
export function useAccessLog(period: Period) {
  return useQuery({
    queryKey: ['me', 'access-log', period.from, period.to],
    queryFn: () => getJson<AccessLog>(accessLogPath(period)),
    placeholderData: keepPreviousData,
  });
}

/** What was done, in words; an action this page does not know yet shows its code. */
export function whatText(action: string, t: Translate): string {
  const key = `accessLog.what.${action}`;
  return isMessageKey(key) ? t(key) : action;
}

/** The reasons the server records, by their words in the log; a reason given freely by staff is shown as written. */
const REASONS: Readonly<Record<string, string>> = {
  treatment: 'treatment',
  'booking requests': 'bookingRequests',
  'booking request': 'bookingRequest',
  'patient declined video': 'declinedVideo',
  'parent acting for child': 'parentForChild',
  'drop-in queue': 'dropinQueue',
  'drop-in consultation': 'dropinConsultation',
  "booking on the patient's behalf": 'bookedForPatient',
  "cancelled on the patient's behalf": 'cancelledForPatient',
  "moved on the patient's behalf": 'movedForPatient',
  'day list': 'dayList',
  'e-consultation': 'econsult',
  'video consultation': 'video',
  'appointments outside the new opening hours': 'outsideHours',
  'appointments a schedule exception would cancel': 'scheduleException',
  'paid at the clinic': 'paidAtClinic',
  'settlement and refunds': 'settlement',
};

export function whyText(reason: string, t: Translate): string {
  const name = REASONS[reason] ?? (reason.startsWith('clinician unavailable') ? 'clinicianUnavailable' : undefined);
  const key = `accessLog.why.${name}`;
  return name && isMessageKey(key) ? t(key) : reason;
}

/** Who, in words: "Lise Berg" for staff (their role apart), "Kari Nordmann (Foresatt)", "Deg selv", "Systemet". */
export function whoText(entry: AccessLogEntry, t: Translate): string {
  const kind = t(`actorKind.${entry.actorKind}`);
  if (entry.actorKind === 'self' || entry.actorKind === 'system') return kind;
  if (entry.actorKind === 'staff') return displayName(entry.actorName, t);
  return `${displayName(entry.actorName, t)} (${kind})`;
}

/** A staff member's roles and profession: "Behandler, lege"; "Helsepersonell" when neither is known. */
export function roleText(entry: AccessLogEntry, t: Translate): string | null {
  if (entry.actorKind !== 'staff') return null;
  const words = [
    ...(entry.actorRole?.roles ?? []).map((role) => `role.${role}`),
    ...(entry.actorRole?.profession ? [`profession.${entry.actorRole.profession}`] : []),
  ]
    .filter(isMessageKey)
    .map((key) => t(key));
  return words.length ? words.join(', ') : t('actorKind.staff');
}
