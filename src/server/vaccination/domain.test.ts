// The campaign's slots in Oslo time across the change to winter time, and who books in which target group.
import { describe, expect, it } from 'vitest';
import { campaignSlots, groupFor } from './domain.ts';

describe('a vaccination campaign’s slots', () => {
  it('are wall-clock times in the clinic’s zone on weekdays, the same on both sides of the change to winter time', () => {
    // Friday 23 October to Monday 26 October 2026; winter time begins on Sunday 25 October.
    const slots = campaignSlots({ startsOn: '2026-10-23', endsOn: '2026-10-26', dayStart: '08:00', dayEnd: '09:00', slotMinutes: 20, timeZone: 'Europe/Oslo' });
    expect(slots.map((d) => d.toISOString())).toEqual([
      '2026-10-23T06:00:00.000Z', '2026-10-23T06:20:00.000Z', '2026-10-23T06:40:00.000Z',
      // Monday, after the change: 08:00 in Oslo is now 07:00 UTC.
      '2026-10-26T07:00:00.000Z', '2026-10-26T07:20:00.000Z', '2026-10-26T07:40:00.000Z',
    ]);
  });

  it('leaves out a last slot that would end after the day', () => {
    expect(campaignSlots({ startsOn: '2026-11-02', endsOn: '2026-11-02', dayStart: '08:00', dayEnd: '08:50', slotMinutes: 20, timeZone: 'Europe/Oslo' })).toHaveLength(2);
  });
});

describe('the target group a person books in', () => {
  it.each([
    [70, undefined, ['65-plus', 'risk-group'], '65-plus'],
    [70, 'health-personnel', ['65-plus', 'health-personnel'], '65-plus'],
    [40, 'risk-group', ['65-plus', 'risk-group'], 'risk-group'],
    [40, undefined, ['65-plus', 'risk-group'], null],
    [40, '65-plus', ['65-plus', 'risk-group'], null],
    [40, undefined, ['65-plus', 'others'], 'others'],
    [9, 'risk-group', ['65-plus', 'risk-group', 'others'], 'risk-group'],
  ] as const)('age %i saying %s, offered %j → %s', (age, said, offered, expected) => {
    expect(groupFor(age, said, offered)).toBe(expected);
  });
});
