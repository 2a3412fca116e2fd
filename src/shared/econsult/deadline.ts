// How urgent a live case is by its deadline: one rule for the server's queue and the clinicians' page, which
// re-judges it by the wall clock between snapshots.
export type Urgency = 'overdue' | 'near-due' | 'in-time';

/** A near-due case stands out this long before its deadline. */
export const NEAR_DUE_MS = 2 * 3600_000;

export function urgency(dueMs: number, nowMs: number): Urgency {
  if (dueMs <= nowMs) return 'overdue';
  if (dueMs - nowMs <= NEAR_DUE_MS) return 'near-due';
  return 'in-time';
}
