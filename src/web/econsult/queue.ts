// The clinicians' queue, pure: urgency by the clock on the wall (the snapshot only changes when a case does), the
// filters, and the order (the earliest deadline first).
import { urgency } from '../../shared/econsult/deadline.ts';
import type { QueueItem, Urgency } from './types.ts';

/** The server's rule (src/shared/econsult/deadline.ts), by the clock on the wall. */
export function urgencyAt(dueAt: string, now: number): Urgency {
  return urgency(Date.parse(dueAt), now);
}

export interface QueueFilter {
  /** '' for every reason. */
  reasonId: string;
  mine: boolean;
}

export function filteredQueue(items: readonly QueueItem[], filter: QueueFilter): QueueItem[] {
  return items
    .filter((item) => (filter.reasonId === '' || item.reasonId === filter.reasonId) && (!filter.mine || item.mine))
    .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt) || Date.parse(a.submittedAt) - Date.parse(b.submittedAt));
}

/** The reasons present in the queue, for the filter's choices. */
export function reasonsInQueue(items: readonly QueueItem[]): string[] {
  return [...new Set(items.flatMap((item) => (item.reasonId ? [item.reasonId] : [])))].sort();
}
