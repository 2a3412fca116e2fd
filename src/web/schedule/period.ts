// An absence's period from two datetime-local values, read on the clinic's wall clock (not the browser's), as the API takes it.
import { instantInZone } from '../booking/zoned-time.ts';
import type { ExceptionKind, ExceptionPeriod } from './types.ts';

export type PeriodProblem = 'from' | 'to' | 'order';

export function periodOf(from: string, to: string, kind: ExceptionKind, timeZone: string): { period: ExceptionPeriod } | { problem: PeriodProblem } {
  const start = instantInZone(from, timeZone);
  if (!start) return { problem: 'from' };
  const end = instantInZone(to, timeZone);
  if (!end) return { problem: 'to' };
  if (end.getTime() <= start.getTime()) return { problem: 'order' };
  return { period: { startsAt: start.toISOString(), endsAt: end.toISOString(), kind } };
}
