// The GP-switch rules, table-driven: first choice, ordinary switches per calendar year (and the year boundary in
// Norway), extra switches before ordinary ones, the full list and the waiting list, the former GP after moving back
// within 3 years, and who chooses for a child.
import { describe, expect, it } from 'vitest';
import { decideSwitch, mayChooseFor, returnRight, switchYear, type SwitchFacts } from './domain.ts';

const base: SwitchFacts = { currentPractitionerId: 'per', target: { practitionerId: 'nora', status: 'active', full: false }, ordinaryUsed: 0, extraUnused: [], returnRight: false };
const facts = (f: Partial<SwitchFacts> & { full?: boolean; status?: 'active' | 'quit'; to?: string }): SwitchFacts => ({
  ...base,
  ...f,
  target: { practitionerId: f.to ?? 'nora', status: f.status ?? 'active', full: f.full ?? false },
});

describe('which right a GP switch uses', () => {
  it.each([
    ['a first choice is no switch', facts({ currentPractitionerId: null, ordinaryUsed: 2 }), { ok: true, kind: 'first', ordinal: null, waiting: false }],
    ['a first choice of a full list waits', facts({ currentPractitionerId: null, full: true }), { ok: true, kind: 'first', waiting: true }],
    ['the first ordinary switch of the year', facts({}), { ok: true, kind: 'ordinary', ordinal: 1, waiting: false }],
    ['the second ordinary switch of the year', facts({ ordinaryUsed: 1 }), { ok: true, kind: 'ordinary', ordinal: 2 }],
    ['no third ordinary switch', facts({ ordinaryUsed: 2 }), { ok: false, problem: 'gp-no-switches-left' }],
    ['an extra switch after a registered move, even with none left', facts({ ordinaryUsed: 2, extraUnused: [{ id: 'm1', reason: 'moved' }] }), { ok: true, kind: 'extra', extraSwitchId: 'm1' }],
    ['an extra switch is used before an ordinary one', facts({ ordinaryUsed: 0, extraUnused: [{ id: 'q1', reason: 'gp-quit' }, { id: 'r1', reason: 'list-reduced' }] }), { ok: true, kind: 'extra', extraSwitchId: 'q1', ordinal: null }],
    ['a full list: the waiting list, the switch counted', facts({ full: true, ordinaryUsed: 1 }), { ok: true, kind: 'ordinary', ordinal: 2, waiting: true }],
    ['a full list with no switches left is refused', facts({ full: true, ordinaryUsed: 2 }), { ok: false, problem: 'gp-no-switches-left' }],
    ['back to the former GP: a place even on a full list, no switch used', facts({ full: true, ordinaryUsed: 2, returnRight: true }), { ok: true, kind: 'return', waiting: false, ordinal: null }],
    ['the same GP again', facts({ to: 'per' }), { ok: false, problem: 'gp-same' }],
    ['a GP who quit takes nobody', facts({ status: 'quit' }), { ok: false, problem: 'gp-list-closed' }],
  ])('%s', (_name, f, expected) => {
    expect(decideSwitch(f)).toMatchObject(expected);
  });
});

describe('the calendar year a switch counts in', () => {
  it.each([
    ['2026-12-31T22:30:00Z', 2026, '23:30 on New Year’s Eve in Oslo is still 2026'],
    ['2026-12-31T23:30:00Z', 2027, '00:30 on New Year’s Day in Oslo is 2027 (UTC still says 2026)'],
    ['2026-06-30T22:30:00Z', 2026, 'summer time'],
  ])('%s → %i (%s)', (at, year) => {
    expect(switchYear(new Date(at))).toBe(year);
  });

  it('two switches in December leave none that year, and two again on 1 January', () => {
    const used2026 = 2;
    expect(decideSwitch(facts({ ordinaryUsed: used2026 }))).toEqual({ ok: false, problem: 'gp-no-switches-left' });
    // In the new year the count starts again: the store counts switches of switchYear(now).
    expect(decideSwitch(facts({ ordinaryUsed: 0 }))).toMatchObject({ ok: true, ordinal: 1 });
  });
});

describe('the former GP after moving back', () => {
  const history = [
    { practitionerId: 'per', municipality: 'Bergen', from: '2015-01-01', until: '2025-03-15' },
    { practitionerId: 'nora', municipality: 'Oslo', from: '2025-03-15', until: '2026-11-24' },
  ];
  const away = { from: 'Bergen', to: 'Oslo', movedOn: '2025-03-01' };

  it.each([
    ['back to Bergen within 3 years: Per again, for a year', { from: 'Oslo', to: 'Bergen', movedOn: '2027-06-01' }, 'nora', { practitionerId: 'per', until: '2028-06-01' }],
    ['back on the last day of the 3 years', { from: 'Oslo', to: 'Bergen', movedOn: '2028-03-01' }, 'nora', { practitionerId: 'per', until: '2029-03-01' }],
    ['back a day after the 3 years: no right', { from: 'Oslo', to: 'Bergen', movedOn: '2028-03-02' }, 'nora', null],
    ['a move to a third place: no right', { from: 'Oslo', to: 'Tromsø', movedOn: '2026-06-01' }, 'nora', null],
    ['still with Per: nothing to return to', { from: 'Oslo', to: 'Bergen', movedOn: '2026-06-01' }, 'per', null],
  ])('%s', (_name, move, current, expected) => {
    expect(returnRight(move, [away], history, current)).toEqual(expected);
  });
});

describe('who chooses a child’s GP', () => {
  it.each([
    ['self', 40, true],
    ['guardian', 9, true],
    ['guardian', 15, true],
    ['guardian', 16, false],
    ['self', 16, true],
  ] as const)('%s for age %i → %s', (relation, age, may) => {
    expect(mayChooseFor(relation, age)).toBe(may);
  });
});
