// Calendar arithmetic in a clinic's time zone with Intl alone: which day an instant falls on there, when a day begins, what a wall-clock time means.
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const dayFormats = new Map<string, Intl.DateTimeFormat>();
const wallFormats = new Map<string, Intl.DateTimeFormat>();

function cached(cache: Map<string, Intl.DateTimeFormat>, timeZone: string, options: Intl.DateTimeFormatOptions) {
  let format = cache.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { ...options, timeZone });
    cache.set(timeZone, format);
  }
  return format;
}

function parts(format: Intl.DateTimeFormat, instant: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of format.formatToParts(instant)) if (part.type !== 'literal') out[part.type] = Number(part.value);
  return out;
}

function parseDate(date: string): [number, number, number] {
  const match = DATE.exec(date);
  if (!match) throw new Error(`not a calendar date: ${date}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The calendar date ('YYYY-MM-DD') the instant falls on in the zone. */
export function dateInZone(instant: Date | string, timeZone: string): string {
  const p = parts(cached(dayFormats, timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' }), new Date(instant).getTime());
  return `${pad(p.year ?? 0, 4)}-${pad(p.month ?? 0)}-${pad(p.day ?? 0)}`;
}

/** The date `days` calendar days later (or earlier); no zone is involved, so a DST change cannot shift it. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = parseDate(date);
  const next = new Date(Date.UTC(y, m - 1, d + days));
  return `${pad(next.getUTCFullYear(), 4)}-${pad(next.getUTCMonth() + 1)}-${pad(next.getUTCDate())}`;
}

/** How far the zone's wall clock is ahead of UTC at the instant, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  const p = parts(
    cached(wallFormats, timeZone, { hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }),
    instant,
  );
  const wall = Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The instant the wall clock, read as UTC milliseconds, shows in the zone. */
function instantOfWall(wall: number, timeZone: string): Date {
  const first = wall - offsetAt(wall, timeZone);
  // The offset at the guess may differ from the offset at the real instant when a DST change lies between them.
  // A wall time the spring change skips comes out an hour later; one the autumn change repeats, as its second (winter) time.
  const second = wall - offsetAt(first, timeZone);
  return new Date(second);
}

/** The instant the date begins (00:00 on the wall clock) in the zone. */
export function startOfDay(date: string, timeZone: string): Date {
  const [y, m, d] = parseDate(date);
  return instantOfWall(Date.UTC(y, m - 1, d), timeZone);
}

const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * The instant a wall-clock time ('2026-07-01T08:00', as an <input type="datetime-local"> gives it) means in the zone,
 * whatever zone the browser is in; null for anything else.
 */
export function instantInZone(localDateTime: string, timeZone: string): Date | null {
  const match = LOCAL_DATE_TIME.exec(localDateTime);
  if (!match) return null;
  const [y, m, d] = parseDate(match[1]!);
  const [hour, minute, second] = [Number(match[2]), Number(match[3]), Number(match[4] ?? 0)];
  if (hour > 23 || minute > 59 || second > 59) return null;
  return instantOfWall(Date.UTC(y, m - 1, d, hour, minute, second), timeZone);
}

/** The wall-clock time ('YYYY-MM-DDTHH:MM') of an instant in the zone: the value for an <input type="datetime-local">. */
export function localDateTimeInZone(instant: Date | string, timeZone: string): string {
  const at = new Date(instant).getTime();
  const wall = new Date(at + offsetAt(at, timeZone));
  return `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}T${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}`;
}

export interface Week {
  /** The seven calendar dates of the week, first to last. */
  days: string[];
  from: Date;
  to: Date;
}

/** Week `index` counted from `today` (week 0 starts today): seven whole days in the clinic's zone. */
export function weekFrom(today: string, index: number, timeZone: string): Week {
  const first = addDays(today, index * 7);
  const days = Array.from({ length: 7 }, (_, i) => addDays(first, i));
  return { days, from: startOfDay(first, timeZone), to: startOfDay(addDays(first, 7), timeZone) };
}
