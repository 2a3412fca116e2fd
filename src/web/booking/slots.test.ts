// Free times are grouped by the clinic's days, "first available" keeps one clinician per time, alternatives are the nearest.
import { describe, expect, it } from 'vitest';
import { firstClinicianPerTime, nearestSlots, slotsByDay } from './slots.ts';
import type { Slot } from './types.ts';

const slot = (start: string, practitionerId = 'lise'): Slot => ({ practitionerId, start, end: start, visitType: 'video' });

describe('free times', () => {
  it('are grouped by the day in Oslo, not by the day in UTC', () => {
    const days = slotsByDay([slot('2026-12-02T08:00:00.000+01:00'), slot('2026-12-01T00:30:00.000+01:00')], 'Europe/Oslo');
    expect(days.map((d) => d.date)).toEqual(['2026-12-01', '2026-12-02']);
  });

  it('"first available" offers each time once', () => {
    const list = firstClinicianPerTime([slot('2026-12-01T08:15:00.000+01:00', 'per'), slot('2026-12-01T08:00:00.000+01:00', 'per'), slot('2026-12-01T08:00:00.000+01:00', 'lise')]);
    expect(list.map((s) => [s.start.slice(11, 16), s.practitionerId])).toEqual([
      ['08:00', 'lise'],
      ['08:15', 'per'],
    ]);
  });

  it('the nearest free times to a taken one come in time order, without the taken one', () => {
    const taken = slot('2026-12-01T10:00:00.000+01:00');
    const free = ['07:00', '09:30', '10:00', '10:15', '10:45', '14:00'].map((hhmm) => slot(`2026-12-01T${hhmm}:00.000+01:00`));
    expect(nearestSlots(free, taken).map((s) => s.start.slice(11, 16))).toEqual(['09:30', '10:15', '10:45']);
  });
});
