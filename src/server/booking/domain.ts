// Booking rules, pure: free slots from weekly availability in the clinic's time zone, and the change cut-off.
// Slots are instants: a daylight-saving change never shifts a 08:00 slot or offers the same instant twice.
import { DateTime } from 'luxon';

export type VisitType = 'clinic' | 'video' | 'phone';
export const VISIT_TYPES: readonly VisitType[] = ['clinic', 'video', 'phone'];

export interface AvailabilityRule {
  practitionerId: string;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Wall-clock times in the clinic's zone, 'HH:MM' or 'HH:MM:SS'. */
  startTime: string;
  endTime: string;
  breakStart: string | null;
  breakEnd: string | null;
  visitTypes: VisitType[];
  slotMinutes: number;
  bufferMinutes: number;
  /** YYYY-MM-DD, inclusive; validTo null = open-ended. */
  validFrom: string;
  validTo: string | null;
}

/** Time a practitioner is not free: booked appointments (with buffer) and exceptions. */
export interface Busy {
  practitionerId: string;
  start: Date;
  end: Date;
}

export interface Slot {
  practitionerId: string;
  start: Date;
  end: Date;
  visitType: VisitType;
  /** How long the clinician is held after the slot. */
  bufferMinutes: number;
}

export interface SlotQuery {
  rules: AvailabilityRule[];
  busy: Busy[];
  from: Date;
  to: Date;
  timeZone: string;
  now: Date;
  visitType?: VisitType;
}

function wallClock(date: string, time: string, zone: string): DateTime {
  const [h, m, s] = time.split(':').map(Number) as [number, number, number | undefined];
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  // A wall time inside a spring-forward gap moves forward, as the clock on the wall does.
  return DateTime.fromObject({ year: y, month: mo, day: d, hour: h, minute: m, second: s ?? 0 }, { zone });
}

const overlaps = (a0: number, a1: number, b0: number, b1: number) => a0 < b1 && b0 < a1;

export function freeSlots(q: SlotQuery): Slot[] {
  const zone = q.timeZone;
  const out: Slot[] = [];
  const seen = new Set<string>();
  const first = DateTime.fromJSDate(q.from, { zone }).startOf('day');
  const last = DateTime.fromJSDate(q.to, { zone }).startOf('day');
  const busyBy = new Map<string, Busy[]>();
  for (const b of q.busy) busyBy.set(b.practitionerId, [...(busyBy.get(b.practitionerId) ?? []), b]);
  const earliest = Math.max(q.from.getTime(), q.now.getTime());

  for (let day = first; day <= last; day = day.plus({ days: 1 })) {
    const date = day.toISODate()!;
    for (const rule of q.rules) {
      if (rule.weekday !== day.weekday || date < rule.validFrom || (rule.validTo && date > rule.validTo)) continue;
      const types = q.visitType ? rule.visitTypes.filter((t) => t === q.visitType) : rule.visitTypes;
      if (types.length === 0) continue;
      const blockStart = wallClock(date, rule.startTime, zone).toMillis();
      const blockEnd = wallClock(date, rule.endTime, zone).toMillis();
      const breakStart = rule.breakStart ? wallClock(date, rule.breakStart, zone).toMillis() : undefined;
      const breakEnd = rule.breakEnd ? wallClock(date, rule.breakEnd, zone).toMillis() : undefined;
      const slotMs = rule.slotMinutes * 60_000;
      const stepMs = (rule.slotMinutes + rule.bufferMinutes) * 60_000;
      const busy = busyBy.get(rule.practitionerId) ?? [];
      // Real time, not wall time: the steps stay whole however the zone's offset changes inside the block.
      for (let t = blockStart; t + slotMs <= blockEnd; t += stepMs) {
        const end = t + slotMs;
        if (t < earliest || end > q.to.getTime()) continue;
        if (breakStart !== undefined && breakEnd !== undefined && overlaps(t, end, breakStart, breakEnd)) continue;
        const heldUntil = end + rule.bufferMinutes * 60_000;
        if (busy.some((b) => overlaps(t, heldUntil, b.start.getTime(), b.end.getTime()))) continue;
        for (const visitType of types) {
          const key = `${rule.practitionerId}|${t}|${visitType}`;
          if (seen.has(key)) continue;
          seen.add(key);
          out.push({ practitionerId: rule.practitionerId, start: new Date(t), end: new Date(end), visitType, bufferMinutes: rule.bufferMinutes });
        }
      }
    }
  }
  return out.sort((a, b) => a.start.getTime() - b.start.getTime() || a.practitionerId.localeCompare(b.practitionerId));
}

/** How far past a slot's start the rules are read to find it: longer than any slot. */
export function slotSearchEnd(start: Date): Date {
  return new Date(start.getTime() + 6 * 3600_000);
}

/** The slot the rules offer starting exactly at `start` (outside the busy times given), if any. */
export function slotAt(q: { rules: AvailabilityRule[]; busy: Busy[]; timeZone: string; visitType: VisitType; start: Date; now: Date }): Slot | undefined {
  const slots = freeSlots({ rules: q.rules, busy: q.busy, from: q.start, to: slotSearchEnd(q.start), timeZone: q.timeZone, now: q.now, visitType: q.visitType });
  return slots.find((s) => s.start.getTime() === q.start.getTime());
}

/** Patients may change or cancel until the clinic's cut-off before the start; after it they call the clinic. */
export function patientMayChange(startsAt: Date, now: Date, cutoffHours: number): boolean {
  return startsAt.getTime() - now.getTime() >= cutoffHours * 3600_000;
}

/** When each reminder goes out; those already past are not sent. */
export function reminderTimes(startsAt: Date, offsetsMinutes: number[], now: Date): Array<{ offsetMinutes: number; at: Date }> {
  return offsetsMinutes
    .map((m) => ({ offsetMinutes: m, at: new Date(startsAt.getTime() - m * 60_000) }))
    .filter((r) => r.at.getTime() > now.getTime());
}

/**
 * A zone's offset from UTC is the same throughout each quarter of an hour in UTC (every zone's changes fall on such a
 * boundary), so it is looked up once per zone and quarter hour: lists format a dozen times per request.
 */
const QUARTER_HOUR_MS = 900_000;
const offsets = new Map<string, number>();

function offsetMinutes(ms: number, timeZone: string): number {
  const quarter = Math.floor(ms / QUARTER_HOUR_MS);
  const key = `${timeZone}|${quarter}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    offset = DateTime.fromMillis(quarter * QUARTER_HOUR_MS, { zone: timeZone }).offset;
    if (offsets.size >= 50_000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

const two = (n: number) => String(n).padStart(2, '0');

/** ISO 8601 with the zone's offset, e.g. 2026-03-30T08:00:00.000+02:00 (as Luxon writes it). */
export function isoInZone(instant: Date, timeZone: string): string {
  const ms = instant.getTime();
  const offset = offsetMinutes(ms, timeZone);
  const local = new Date(ms + offset * 60_000).toISOString();
  // UTC itself, and years outside 0–9999, as Luxon writes them.
  if (offset === 0 || local.length !== 24) return DateTime.fromJSDate(instant, { zone: timeZone }).toISO()!;
  const a = Math.abs(offset);
  return `${local.slice(0, 23)}${offset < 0 ? '-' : '+'}${two(Math.floor(a / 60))}:${two(a % 60)}`;
}

export const MAX_REASON_LENGTH = 300;
