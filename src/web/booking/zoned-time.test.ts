// Days in the clinic's zone stay whole whatever zone the browser is in, across daylight-saving changes too.
import { describe, expect, it } from 'vitest';
import { addDays, dateInZone, instantInZone, localDateTimeInZone, startOfDay, weekFrom } from './zoned-time.ts';

describe('time in the clinic\'s zone', () => {
  it('an evening in New York is already the next day in Oslo', () => {
    expect(dateInZone('2026-12-01T19:30:00-05:00', 'Europe/Oslo')).toBe('2026-12-02');
    expect(dateInZone('2026-12-01T19:30:00-05:00', 'America/New_York')).toBe('2026-12-01');
  });

  it('a day in Oslo begins at local midnight, in winter and in summer', () => {
    expect(startOfDay('2026-12-01', 'Europe/Oslo').toISOString()).toBe('2026-11-30T23:00:00.000Z');
    expect(startOfDay('2026-07-01', 'Europe/Oslo').toISOString()).toBe('2026-06-30T22:00:00.000Z');
  });

  it('the days around a daylight-saving change begin at their own midnight', () => {
    expect(startOfDay('2026-03-29', 'Europe/Oslo').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfDay('2026-03-30', 'Europe/Oslo').toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(startOfDay('2026-10-25', 'Europe/Oslo').toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(startOfDay('2026-10-26', 'Europe/Oslo').toISOString()).toBe('2026-10-25T23:00:00.000Z');
  });

  it('adds calendar days across months and years', () => {
    expect(addDays('2026-12-28', 7)).toBe('2027-01-04');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('a week is seven whole days from today, and the next one starts where it ends', () => {
    const first = weekFrom('2026-03-26', 0, 'Europe/Oslo');
    const second = weekFrom('2026-03-26', 1, 'Europe/Oslo');
    expect(first.days).toEqual(['2026-03-26', '2026-03-27', '2026-03-28', '2026-03-29', '2026-03-30', '2026-03-31', '2026-04-01']);
    expect(first.to.getTime()).toBe(second.from.getTime());
    // The week with the spring change is one hour short of seven days.
    expect(first.to.getTime() - first.from.getTime()).toBe(7 * 86_400_000 - 3_600_000);
  });
});

describe('a wall-clock time in the clinic\'s zone', () => {
  it('is read in Oslo, not in the browser\'s zone: summer and winter offsets', () => {
    expect(instantInZone('2026-07-01T08:00', 'Europe/Oslo')?.toISOString()).toBe('2026-07-01T06:00:00.000Z');
    expect(instantInZone('2026-12-01T08:00', 'Europe/Oslo')?.toISOString()).toBe('2026-12-01T07:00:00.000Z');
    expect(instantInZone('2026-12-01T08:00', 'America/New_York')?.toISOString()).toBe('2026-12-01T13:00:00.000Z');
  });

  it('on the days of the changes: a skipped time moves an hour on, a repeated one is taken as winter time', () => {
    expect(instantInZone('2026-03-29T01:30', 'Europe/Oslo')?.toISOString()).toBe('2026-03-29T00:30:00.000Z');
    expect(instantInZone('2026-03-29T02:30', 'Europe/Oslo')?.toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(instantInZone('2026-03-29T03:30', 'Europe/Oslo')?.toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(instantInZone('2026-10-25T02:30', 'Europe/Oslo')?.toISOString()).toBe('2026-10-25T01:30:00.000Z');
    expect(instantInZone('2026-10-25T03:30', 'Europe/Oslo')?.toISOString()).toBe('2026-10-25T02:30:00.000Z');
  });

  it('refuses what an input would not give', () => {
    expect(instantInZone('', 'Europe/Oslo')).toBeNull();
    expect(instantInZone('2026-07-01 08:00', 'Europe/Oslo')).toBeNull();
    expect(instantInZone('2026-07-01T24:00', 'Europe/Oslo')).toBeNull();
  });

  it('turns an instant back into the wall-clock value an input shows', () => {
    expect(localDateTimeInZone('2026-07-01T06:00:00Z', 'Europe/Oslo')).toBe('2026-07-01T08:00');
    expect(localDateTimeInZone('2026-12-01T08:00:00+01:00', 'Europe/Oslo')).toBe('2026-12-01T08:00');
    expect(localDateTimeInZone(instantInZone('2026-10-25T02:30', 'Europe/Oslo')!, 'Europe/Oslo')).toBe('2026-10-25T02:30');
  });
});
