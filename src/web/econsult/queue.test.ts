// The clinicians' queue: the earliest deadline first, filters on the live list, urgency by the wall clock.
import { describe, expect, it } from 'vitest';
import { filteredQueue, reasonsInQueue, urgencyAt } from './queue.ts';
import type { QueueItem } from './types.ts';

const item = (id: string, dueAt: string, more: Partial<QueueItem> = {}): QueueItem => ({
  id,
  status: 'open',
  reasonId: 'rash',
  submittedAt: '2026-03-01T08:00:00Z',
  dueAt,
  urgency: 'in-time',
  claimedBy: null,
  mine: false,
  patientAge: 40,
  flagCount: 0,
  photoCount: 0,
  ...more,
});

describe('the e-consultation queue', () => {
  it('comes earliest deadline first', () => {
    const list = filteredQueue([item('b', '2026-03-02T23:00:00Z'), item('a', '2026-03-01T23:00:00Z')], { reasonId: '', mine: false });
    expect(list.map((i) => i.id)).toEqual(['a', 'b']);
  });

  it('filters by reason and by the cases one holds', () => {
    const items = [item('a', '2026-03-01T23:00:00Z', { reasonId: 'uti', mine: true }), item('b', '2026-03-01T23:00:00Z', { mine: true }), item('c', '2026-03-01T23:00:00Z')];
    expect(filteredQueue(items, { reasonId: 'rash', mine: false }).map((i) => i.id)).toEqual(['b', 'c']);
    expect(filteredQueue(items, { reasonId: 'rash', mine: true }).map((i) => i.id)).toEqual(['b']);
    expect(reasonsInQueue(items)).toEqual(['rash', 'uti']);
  });

  it('turns near-due two hours before the deadline and overdue at it, as the clock moves', () => {
    const due = '2026-03-01T23:00:00Z';
    expect(urgencyAt(due, Date.parse('2026-03-01T20:59:00Z'))).toBe('in-time');
    expect(urgencyAt(due, Date.parse('2026-03-01T21:00:00Z'))).toBe('near-due');
    expect(urgencyAt(due, Date.parse('2026-03-01T23:00:00Z'))).toBe('overdue');
  });
});
