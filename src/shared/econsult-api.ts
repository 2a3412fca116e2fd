// The e-consultation API's JSON, one definition for the server's views and the web app.
import type { Answers, EmergencyAdvice, ReasonSummary, Screening, Text } from './econsult/questionnaire.ts';
import type { Urgency } from './econsult/deadline.ts';

export type { Urgency };

export type CaseStatus = 'draft' | 'awaiting_payment' | 'open' | 'claimed' | 'waiting_for_patient' | 'closed' | 'rejected' | 'expired';
export type CaseOutcome = 'advice' | 'prescription' | 'referral' | 'in-person' | 'rejected' | 'expired';
export type ClosingOutcome = 'advice' | 'prescription' | 'referral' | 'in-person' | 'rejected';
export type PriceRule = 'private' | 'copayment' | 'child-free' | 'frikort';

export interface ClinicRef {
  id: string;
  name: string;
  country: 'NO' | 'SE';
  phone: string | null;
  timeZone: string;
}

export interface PhotoView {
  id: string;
  /** The re-encoded photo exactly as the clinician sees it, and its thumbnail. */
  url: string;
  thumbUrl: string;
  width: number;
  height: number;
  thumbWidth: number;
  thumbHeight: number;
  afterSubmit: boolean;
  createdAt: string;
}

export interface MessageView {
  id: string;
  authorRole: 'patient' | 'clinician';
  authorName: string | null;
  kind: 'reply' | 'question' | 'answer' | 'outcome';
  body: string;
  createdAt: string;
}

export interface FlagView {
  questionId: string;
  reason: Text;
}

export interface PriceView {
  amountOre: number;
  currency: 'NOK' | 'SEK';
  rule: PriceRule;
}

export interface CaseView {
  id: string;
  status: CaseStatus;
  version: number;
  clinic: ClinicRef;
  patient: { id: string; name: string | null };
  reasonId: string | null;
  questionnaireVersion: number | null;
  answers: Answers;
  flags: FlagView[];
  description: string;
  photos: PhotoView[];
  messages: MessageView[];
  /** Known once submitted. */
  price: PriceView | null;
  paymentId: string | null;
  /** The last card tried was declined: the case is back as a draft. */
  paymentDeclined: boolean;
  createdAt: string;
  submittedAt: string | null;
  dueAt: string | null;
  closedAt: string | null;
  outcome: CaseOutcome | null;
  outcomeSummary: string | null;
}

export interface CaseSummary {
  id: string;
  status: CaseStatus;
  reasonId: string | null;
  patientId: string;
  patientName: string | null;
  clinicName: string;
  createdAt: string;
  submittedAt: string | null;
  dueAt: string | null;
  closedAt: string | null;
  outcome: CaseOutcome | null;
}

export interface SubmitResult {
  case: CaseView;
  /** Where to reserve the price (the card page); absent when nothing is to be paid. */
  redirectUrl?: string;
}

export interface PersonRef {
  id: string;
  name: string | null;
}

export interface QueueItem {
  id: string;
  status: CaseStatus;
  reasonId: string | null;
  submittedAt: string;
  dueAt: string;
  urgency: Urgency;
  claimedBy: PersonRef | null;
  mine: boolean;
  patientAge: number;
  flagCount: number;
  photoCount: number;
}

export interface QueueView {
  items: QueueItem[];
  now: string;
}

export interface CaseEventView {
  at: string;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  actorName: string | null;
}

export interface EarlierCaseView {
  id: string;
  reasonId: string | null;
  submittedAt: string | null;
  closedAt: string | null;
  outcome: CaseOutcome | null;
  status: CaseStatus;
}

export interface StaffCaseView extends CaseView {
  patient: { id: string; name: string | null; birthDate: string; age: number };
  claimedBy: PersonRef | null;
  mine: boolean;
  urgency: Urgency | null;
  events: CaseEventView[];
  earlierCases: EarlierCaseView[];
}

export type ReasonSummaryView = ReasonSummary;

export interface EconsultSetup {
  clinic: ClinicRef;
  reasons: ReasonSummaryView[];
  screening: Screening;
  emergency: EmergencyAdvice;
}
