// A case's state in the terms the pages ask about: is the clinic working on it, is it over, and how it ended.
import type { CaseOutcome, CaseStatus, CaseView } from './types.ts';

const LIVE: readonly CaseStatus[] = ['open', 'claimed', 'waiting_for_patient'];
const FINAL: readonly CaseStatus[] = ['closed', 'rejected', 'expired'];

/** With the clinic: in the queue, held by a clinician, or waiting for the patient's answer. */
export function isLive(status: CaseStatus): boolean {
  return LIVE.includes(status);
}

export function isFinal(status: CaseStatus): boolean {
  return FINAL.includes(status);
}

/** How a case that is over ended; the state decides for rejected and expired, a closed case without one reads as advice. */
export function outcomeOf(view: Pick<CaseView, 'status' | 'outcome'>): CaseOutcome {
  if (view.status === 'expired') return 'expired';
  if (view.status === 'rejected') return 'rejected';
  return view.outcome ?? 'advice';
}
