// Schedule rules, pure: who may change a clinician's schedule, a sound set of weekly rules, and what a change leaves behind.
import { DateTime } from 'luxon';
import { VISIT_TYPES, type AvailabilityRule, type VisitType } from '../booking/domain.ts';

export const DEFAULT_SLOT_MINUTES = 15;
export const EXCEPTION_KINDS = ['vacation', 'sick', 'other'] as const;
export type ExceptionKind = (typeof EXCEPTION_KINDS)[number];
/** Longer exceptions are a change of the weekly rules, not an exception. */
export const MAX_EXCEPTION_DAYS = 366;

/** One weekly block as the API takes it; times are wall-clock 'HH:MM' in the clinic's zone. */
export interface RuleInput {
  weekday: number;
  startTime: string;
  endTime: string;
  breakStart?: string | null;
  breakEnd?: string | null;
  visitTypes: VisitType[];
  slotMinutes?: number;
  bufferMinutes?: number;
  validFrom?: string;
  validTo?: string | null;
}

export type WeeklyRule = Omit<AvailabilityRule, 'practitionerId'>;

export interface ScheduleActor {
  personId: string;
  roles: string[];
}

/** A clinic admin may change anyone's schedule at the clinic; a clinician only their own. */
export function mayEditSchedule(actor: ScheduleActor, practitionerPersonId: string): boolean {
  return actor.roles.includes('clinic_admin') || (actor.roles.includes('clinician') && actor.personId === practitionerPersonId);
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d(:00)?$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
const hhmm = (t: string) => t.slice(0, 5);

function ruleProblem(r: RuleInput): string | null {
  if (!Number.isInteger(r.weekday) || r.weekday < 1 || r.weekday > 7) return 'weekday must be 1 (Monday) to 7 (Sunday)';
  for (const t of [r.startTime, r.endTime, r.breakStart, r.breakEnd]) if (t != null && !TIME.test(t)) return `${t} is not a time of day (HH:MM)`;
  if (minutes(r.endTime) <= minutes(r.startTime)) return 'the block must end after it starts';
  if ((r.breakStart == null) !== (r.breakEnd == null)) return 'a break needs both a start and an end';
  if (r.breakStart != null && r.breakEnd != null) {
    const [b0, b1] = [minutes(r.breakStart), minutes(r.breakEnd)];
    if (b1 <= b0 || b0 < minutes(r.startTime) || b1 > minutes(r.endTime)) return 'the break must lie inside the block';
  }
  if (r.visitTypes.length === 0 || r.visitTypes.some((v) => !VISIT_TYPES.includes(v))) return 'visitTypes must name at least one of clinic, video, phone';
  const slot = r.slotMinutes ?? DEFAULT_SLOT_MINUTES;
  if (!Number.isInteger(slot) || slot < 5 || slot > 240) return 'slotMinutes must be 5 to 240';
  const buffer = r.bufferMinutes ?? 0;
  if (!Number.isInteger(buffer) || buffer < 0 || buffer > 120) return 'bufferMinutes must be 0 to 120';
  if (slot > minutes(r.endTime) - minutes(r.startTime)) return 'the block is shorter than one slot';
  for (const d of [r.validFrom, r.validTo]) if (d != null && !DATE.test(d)) return `${d} is not a date (YYYY-MM-DD)`;
  if (r.validFrom && r.validTo && r.validTo < r.validFrom) return 'validTo must not be before validFrom';
  return null;
}

/** The rules with their defaults filled in, or what is wrong with them (which rule, and why). */
export function normaliseRules(input: RuleInput[], today: string): { rules: WeeklyRule[] } | { problem: string; overlapOn?: number } {
  const rules: WeeklyRule[] = [];
  for (const [i, r] of input.entries()) {
    const problem = ruleProblem(r);
    if (problem) return { problem: `rules/${i}: ${problem}` };
    rules.push({
      weekday: r.weekday,
      startTime: hhmm(r.startTime),
      endTime: hhmm(r.endTime),
      breakStart: r.breakStart ? hhmm(r.breakStart) : null,
      breakEnd: r.breakEnd ? hhmm(r.breakEnd) : null,
      visitTypes: [...new Set(r.visitTypes)],
      slotMinutes: r.slotMinutes ?? DEFAULT_SLOT_MINUTES,
      bufferMinutes: r.bufferMinutes ?? 0,
      validFrom: r.validFrom ?? today,
      validTo: r.validTo ?? null,
    });
  }
  // Two blocks of one weekday that overlap in time and in validity would offer the clinician twice over.
  for (const [i, a] of rules.entries()) {
    for (const b of rules.slice(i + 1)) {
      const sameDays = a.validFrom <= (b.validTo ?? '9999-12-31') && b.validFrom <= (a.validTo ?? '9999-12-31');
      if (a.weekday === b.weekday && sameDays && minutes(a.startTime) < minutes(b.endTime) && minutes(b.startTime) < minutes(a.endTime)) {
        return { problem: `two blocks overlap on weekday ${a.weekday}`, overlapOn: a.weekday };
      }
    }
  }
  return { rules };
}

export interface Booked {
  id: string;
  start: Date;
  end: Date;
}

function inside(rule: WeeklyRule, a: Booked, zone: string): boolean {
  const start = DateTime.fromJSDate(a.start, { zone });
  const date = start.toISODate()!;
  if (rule.weekday !== start.weekday || date < rule.validFrom || (rule.validTo && date > rule.validTo)) return false;
  const at = (t: string) => DateTime.fromISO(`${date}T${t}`, { zone }).toMillis();
  const [s, e] = [a.start.getTime(), a.end.getTime()];
  if (s < at(rule.startTime) || e > at(rule.endTime)) return false;
  return !(rule.breakStart && rule.breakEnd && s < at(rule.breakEnd) && at(rule.breakStart) < e);
}

/** Booked appointments that no block of the new rules covers: they stay booked, and the clinic is warned. */
export function outsideHours<T extends Booked>(rules: WeeklyRule[], booked: T[], zone: string): T[] {
  return booked.filter((a) => !rules.some((r) => inside(r, a, zone)));
}

/** What is wrong with an exception's period, or null. */
export function exceptionProblem(startsAt: Date, endsAt: Date): string | null {
  if (Number.isNaN(startsAt.getTime()) || Number.isNaN(endsAt.getTime())) return 'startsAt and endsAt must be ISO 8601 date-times';
  if (endsAt <= startsAt) return 'endsAt must be after startsAt';
  if (endsAt.getTime() - startsAt.getTime() > MAX_EXCEPTION_DAYS * 86_400_000) return `an exception may last at most ${MAX_EXCEPTION_DAYS} days`;
  return null;
}
