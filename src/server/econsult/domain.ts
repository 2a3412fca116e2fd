// The e-consultation's rules, pure: the case's states and who may move it where, its deadline, and how its price (from
// the co-payment rules, money/copayment.ts) is labelled.
import { DateTime } from 'luxon';
import type { Exemption } from '../money/copayment.ts';
import type { CaseOutcome, CaseStatus, PriceRule } from './schema.ts';
import { urgency as urgencyAt, type Urgency } from '../../shared/econsult/deadline.ts';

export type Role = 'patient' | 'clinician' | 'system';

/** Every move a case can make: from which states, to which state, and who may make it. */
export const TRANSITIONS = {
  'submit-free': { from: ['draft'], to: 'open', by: 'patient' },
  'submit-paid': { from: ['draft'], to: 'awaiting_payment', by: 'patient' },
  'payment-authorized': { from: ['awaiting_payment'], to: 'open', by: 'system' },
  'payment-declined': { from: ['awaiting_payment'], to: 'draft', by: 'system' },
  claim: { from: ['open'], to: 'claimed', by: 'clinician' },
  'hand-back': { from: ['claimed', 'waiting_for_patient'], to: 'open', by: 'clinician' },
  'hand-over': { from: ['open', 'claimed', 'waiting_for_patient'], to: 'claimed', by: 'clinician' },
  reply: { from: ['claimed'], to: 'claimed', by: 'clinician' },
  ask: { from: ['claimed'], to: 'waiting_for_patient', by: 'clinician' },
  answer: { from: ['waiting_for_patient'], to: 'claimed', by: 'patient' },
  close: { from: ['claimed', 'waiting_for_patient'], to: 'closed', by: 'clinician' },
  reject: { from: ['open', 'claimed', 'waiting_for_patient'], to: 'rejected', by: 'clinician' },
  expire: { from: ['open', 'claimed'], to: 'expired', by: 'system' },
} as const satisfies Record<string, { from: readonly CaseStatus[]; to: CaseStatus; by: Role }>;

export type Action = keyof typeof TRANSITIONS;

export function canMove(status: CaseStatus, action: Action): boolean {
  return (TRANSITIONS[action].from as readonly CaseStatus[]).includes(status);
}

export function nextStatus(action: Action): CaseStatus {
  return TRANSITIONS[action].to;
}

/** States from which `action` is possible: the guard of a conditional UPDATE, so the check and the move are one statement. */
export function fromStates(action: Action): CaseStatus[] {
  return [...TRANSITIONS[action].from];
}

export const LIVE_STATUSES: CaseStatus[] = ['open', 'claimed', 'waiting_for_patient'];
export const FINAL_STATUSES: CaseStatus[] = ['closed', 'rejected', 'expired'];
export const CLOSING_OUTCOMES = ['advice', 'prescription', 'referral', 'in-person'] as const satisfies readonly CaseOutcome[];
export type ClosingOutcome = (typeof CLOSING_OUTCOMES)[number];

export const MAX_PHOTOS_AT_SUBMIT = 5;
export const MAX_PHOTOS_IN_ALL = 10;

/**
 * When the answer is due: a case received before the clinic's cut-off (local time) is due by the end of that local day,
 * a later one by the end of the next. Computed in the clinic's zone, so a daylight-saving night changes nothing.
 */
export function dueAt(submittedAt: Date, timeZone: string, cutoff: string): Date {
  const local = DateTime.fromJSDate(submittedAt, { zone: timeZone });
  const [h = 20, m = 0] = cutoff.split(':').map(Number);
  const cut = local.set({ hour: h, minute: m, second: 0, millisecond: 0 });
  const day = local < cut ? local.startOf('day') : local.startOf('day').plus({ days: 1 });
  return day.plus({ days: 1 }).toJSDate();
}

export type { Urgency } from '../../shared/econsult/deadline.ts';

export function urgency(due: Date, now: Date): Urgency {
  return urgencyAt(due.getTime(), now.getTime());
}

/** How a case's price is labelled (the case keeps it): the co-payment rules' exemption, in the case's terms. */
export function priceRule(clinicKind: 'public_gp' | 'private' | 'hospital_outpatient', exemption: Exemption | null): PriceRule {
  if (exemption === 'under-16' || exemption === 'private-children-free') return 'child-free';
  if (exemption === 'frikort') return 'frikort';
  return clinicKind === 'private' ? 'private' : 'copayment';
}
