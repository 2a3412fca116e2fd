// An absence typed in a browser anywhere covers the clinic's wall-clock hours, and a period that ends first is refused.
import { describe, expect, it } from 'vitest';
import { periodOf } from './period.ts';

describe('an absence period', () => {
  it('is read on Oslo\'s wall clock, across the change to summer time', () => {
    expect(periodOf('2026-03-28T08:00', '2026-03-30T16:00', 'vacation', 'Europe/Oslo')).toEqual({
      period: { startsAt: '2026-03-28T07:00:00.000Z', endsAt: '2026-03-30T14:00:00.000Z', kind: 'vacation' },
    });
  });

  it('names the field that is missing, or says the end comes first', () => {
    expect(periodOf('', '2026-03-30T16:00', 'sick', 'Europe/Oslo')).toEqual({ problem: 'from' });
    expect(periodOf('2026-03-30T16:00', '', 'sick', 'Europe/Oslo')).toEqual({ problem: 'to' });
    expect(periodOf('2026-03-30T16:00', '2026-03-30T16:00', 'sick', 'Europe/Oslo')).toEqual({ problem: 'order' });
  });
});
