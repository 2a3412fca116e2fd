// Schedule rules without a database: who may change a schedule, which rule sets are sound, what a new schedule leaves outside.
import { describe, expect, it } from 'vitest';
import { mayEditSchedule, normaliseRules, outsideHours, exceptionProblem, type RuleInput } from './domain.ts';

const block = (over: Partial<RuleInput> = {}): RuleInput => ({ weekday: 1, startTime: '08:00', endTime: '12:00', visitTypes: ['clinic'], ...over });

describe('who may change a schedule', () => {
  it('a clinic admin may change anyone\'s, a clinician only their own, reception nobody\'s', () => {
    expect(mayEditSchedule({ personId: 'per', roles: ['clinician', 'clinic_admin'] }, 'lise')).toBe(true);
    expect(mayEditSchedule({ personId: 'lise', roles: ['clinician'] }, 'lise')).toBe(true);
    expect(mayEditSchedule({ personId: 'lise', roles: ['clinician'] }, 'per')).toBe(false);
    expect(mayEditSchedule({ personId: 'tone', roles: ['reception'] }, 'tone')).toBe(false);
  });
});

describe('weekly rules', () => {
  it('fills in 15-minute slots, no buffer and validity from today', () => {
    expect(normaliseRules([block({ startTime: '08:00:00' })], '2026-05-04')).toEqual({
      rules: [{ weekday: 1, startTime: '08:00', endTime: '12:00', breakStart: null, breakEnd: null, visitTypes: ['clinic'], slotMinutes: 15, bufferMinutes: 0, validFrom: '2026-05-04', validTo: null }],
    });
  });

  it.each([
    [block({ endTime: '08:00' }), /end after it starts/],
    [block({ breakStart: '11:45', breakEnd: '12:15' }), /break must lie inside/],
    [block({ breakStart: '10:00' }), /both a start and an end/],
    [block({ startTime: '24:00' }), /not a time of day/],
    [block({ slotMinutes: 300 }), /slotMinutes/],
    [block({ endTime: '08:10' }), /shorter than one slot/],
    [block({ validFrom: '2026-06-01', validTo: '2026-05-01' }), /validTo/],
  ])('refuses an unsound block (%#)', (rule, why) => {
    const result = normaliseRules([rule], '2026-05-04');
    expect('problem' in result && result.problem).toMatch(why);
  });

  it('refuses two blocks of one weekday that overlap, but not when their validity does not', () => {
    expect(normaliseRules([block(), block({ startTime: '11:00', endTime: '15:00' })], '2026-05-04')).toMatchObject({ overlapOn: 1 });
    const seasons = [block({ validTo: '2026-06-30' }), block({ validFrom: '2026-07-01' })];
    expect('rules' in normaliseRules(seasons, '2026-05-04')).toBe(true);
  });
});

describe('appointments outside new hours', () => {
  const zone = 'Europe/Oslo';
  const at = (iso: string, minutes = 15) => ({ id: iso, start: new Date(iso), end: new Date(new Date(iso).getTime() + minutes * 60_000) });
  const { rules } = normaliseRules([block({ breakStart: '10:00', breakEnd: '10:30', validFrom: '2026-01-01' })], '2026-01-01') as { rules: Parameters<typeof outsideHours>[0] };

  it('keeps those inside a block in the clinic\'s zone, on both sides of a daylight-saving change', () => {
    expect(outsideHours(rules, [at('2026-03-23T08:00:00+01:00'), at('2026-03-30T08:00:00+02:00'), at('2026-03-30T11:45:00+02:00')], zone)).toEqual([]);
  });

  it('lists those before or after the block, in the break, on another weekday, or running past the end', () => {
    const outside = [at('2026-03-30T07:45:00+02:00'), at('2026-03-30T10:15:00+02:00'), at('2026-03-31T09:00:00+02:00'), at('2026-03-30T11:50:00+02:00')];
    expect(outsideHours(rules, outside, zone)).toEqual(outside);
  });
});

describe('exception periods', () => {
  it('must end after they start and last at most a year', () => {
    expect(exceptionProblem(new Date('2026-05-04T08:00Z'), new Date('2026-05-04T16:00Z'))).toBeNull();
    expect(exceptionProblem(new Date('2026-05-04T08:00Z'), new Date('2026-05-04T08:00Z'))).toMatch(/after/);
    expect(exceptionProblem(new Date('2026-05-04T08:00Z'), new Date('2027-06-04T08:00Z'))).toMatch(/at most/);
  });
});
