// Booking rules without a database: free slots across daylight-saving changes, breaks, buffers, the cut-off and reminders.
import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { freeSlots, isoInZone, patientMayChange, reminderTimes, type AvailabilityRule, type Busy, type Slot } from './domain.ts';

const P = 'practitioner-1';
const MIN = 60_000;

function rule(over: Partial<AvailabilityRule> = {}): AvailabilityRule {
  return {
    practitionerId: P, weekday: 1, startTime: '08:00', endTime: '16:00', breakStart: null, breakEnd: null,
    visitTypes: ['clinic'], slotMinutes: 15, bufferMinutes: 0, validFrom: '2020-01-01', validTo: null, ...over,
  };
}

const weekdays = (over: Partial<AvailabilityRule> = {}) => [1, 2, 3, 4, 5, 6, 7].map((weekday) => rule({ weekday, ...over }));

/** Free slots of the whole local day `date` in `zone`. */
function day(date: string, zone: string, rules: AvailabilityRule[], busy: Busy[] = []): Slot[] {
  const start = DateTime.fromISO(date, { zone }).startOf('day');
  return freeSlots({ rules, busy, from: start.toJSDate(), to: start.plus({ days: 1 }).toJSDate(), timeZone: zone, now: new Date('2020-01-01T00:00:00Z') });
}

const local = (slots: Slot[], zone: string) => slots.map((s) => isoInZone(s.start, zone).slice(11, 16));

function expectWholeDistinctSteps(slots: Slot[], minutes: number): void {
  for (const [i, s] of slots.entries()) {
    expect(s.end.getTime() - s.start.getTime()).toBe(minutes * MIN);
    if (i > 0) expect(s.start.getTime()).toBeGreaterThan(slots[i - 1]!.start.getTime());
  }
  expect(new Set(slots.map((s) => s.start.getTime())).size).toBe(slots.length);
}

describe.each(['Europe/Oslo', 'Europe/Stockholm'])('free slots across daylight saving in %s', (zone) => {
  const rules = weekdays({ visitTypes: ['clinic'] });

  it.each([
    ['spring', '2026-03-27', '2026-03-30', '+01:00', '+02:00'],
    ['autumn', '2026-10-23', '2026-10-26', '+02:00', '+01:00'],
  ])('a 08:00–16:00 rule starts at 08:00 local on the Friday before and the Monday after the %s change', (_, friday, monday, before, after) => {
    const fri = day(friday, zone, rules);
    const mon = day(monday, zone, rules);
    expect(isoInZone(fri[0]!.start, zone)).toBe(`${friday}T08:00:00.000${before}`);
    expect(isoInZone(mon[0]!.start, zone)).toBe(`${monday}T08:00:00.000${after}`);
    expect(isoInZone(fri.at(-1)!.start, zone)).toBe(`${friday}T15:45:00.000${before}`);
    expect(fri).toHaveLength(32);
    expect(mon).toHaveLength(32);
  });

  it('a 00:00–04:00 rule on the spring change day offers nothing in the missing hour: three real hours of slots', () => {
    const slots = day('2026-03-29', zone, [rule({ weekday: 7, startTime: '00:00', endTime: '04:00' })]);
    expect(slots).toHaveLength(12);
    expect(local(slots, zone).some((t) => t.startsWith('02:'))).toBe(false);
    expect(local(slots, zone).slice(7, 9)).toEqual(['01:45', '03:00']);
    expectWholeDistinctSteps(slots, 15);
  });

  it('a 00:00–04:00 rule on the autumn change day offers five real hours, the repeated hour once per offset, no instant twice', () => {
    const slots = day('2026-10-25', zone, [rule({ weekday: 7, startTime: '00:00', endTime: '04:00' })]);
    expect(slots).toHaveLength(20);
    const twoOClock = slots.map((s) => isoInZone(s.start, zone)).filter((iso) => iso.slice(11, 16) === '02:00');
    expect(twoOClock).toEqual(['2026-10-25T02:00:00.000+02:00', '2026-10-25T02:00:00.000+01:00']);
    expectWholeDistinctSteps(slots, 15);
  });
});

describe('breaks and buffers', () => {
  const zone = 'Europe/Oslo';
  const monday = '2026-06-01';
  const at = (hhmm: string) => DateTime.fromISO(`${monday}T${hhmm}`, { zone }).toJSDate();
  const morning = rule({ startTime: '08:00', endTime: '10:00', breakStart: '09:00', breakEnd: '09:15', slotMinutes: 20, bufferMinutes: 10 });

  it('steps by slot plus buffer and offers nothing that touches the break', () => {
    expect(local(day(monday, zone, [morning]), zone)).toEqual(['08:00', '08:30', '09:30']);
  });

  it('a slot whose buffer would run into a booked appointment is not offered', () => {
    const busy = [{ practitionerId: P, start: at('08:25'), end: at('08:40') }];
    expect(local(day(monday, zone, [morning], busy), zone)).toEqual(['09:30']);
  });

  it('an exception removes the slots it covers and no others', () => {
    const busy = [{ practitionerId: P, start: at('09:30'), end: at('12:00') }];
    expect(local(day(monday, zone, [morning], busy), zone)).toEqual(['08:00', '08:30']);
  });

  it('offers nothing that has started or lies outside the asked range', () => {
    const slots = freeSlots({ rules: [morning], busy: [], from: at('07:00'), to: at('09:50'), timeZone: zone, now: at('08:01') });
    expect(local(slots, zone)).toEqual(['08:30', '09:30']);
  });
});

describe('the cut-off and reminders', () => {
  const start = new Date('2026-03-29T10:00:00Z'); // Sunday 12:00 in Oslo, the first day of summer time

  it('a patient may change exactly at the cut-off, and not a millisecond after', () => {
    expect(patientMayChange(start, new Date(start.getTime() - 24 * 3600_000), 24)).toBe(true);
    expect(patientMayChange(start, new Date(start.getTime() - 24 * 3600_000 + 1), 24)).toBe(false);
    expect(patientMayChange(start, start, 0)).toBe(true);
    expect(patientMayChange(start, new Date(start.getTime() + 1), 0)).toBe(false);
  });

  it('reminders are real hours before the start, and one whose time has come is not sent', () => {
    const dayBefore = new Date(start.getTime() - 1440 * MIN);
    expect(isoInZone(dayBefore, 'Europe/Oslo')).toBe('2026-03-28T11:00:00.000+01:00');
    expect(reminderTimes(start, [1440, 120], new Date(dayBefore.getTime() - 1))).toEqual([
      { offsetMinutes: 1440, at: dayBefore },
      { offsetMinutes: 120, at: new Date(start.getTime() - 120 * MIN) },
    ]);
    expect(reminderTimes(start, [1440, 120], dayBefore).map((r) => r.offsetMinutes)).toEqual([120]);
    expect(reminderTimes(start, [1440, 120], new Date(start.getTime() - 120 * MIN))).toEqual([]);
  });
});
