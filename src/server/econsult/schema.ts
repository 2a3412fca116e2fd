// The e-consultation capability's tables, as Kysely sees them (composed into the Database in platform/db/schema.ts).
import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from '../platform/db/schema.ts';

export type CaseStatus = 'draft' | 'awaiting_payment' | 'open' | 'claimed' | 'waiting_for_patient' | 'closed' | 'rejected' | 'expired';
export type CaseOutcome = 'advice' | 'prescription' | 'referral' | 'in-person' | 'rejected' | 'expired';
export type PriceRule = 'private' | 'copayment' | 'child-free' | 'frikort';
/** jsonb: read as the value, written as its JSON text; optional on insert (the column has a default). */
type Json<T> = ColumnType<T, string | undefined, string>;

export interface EconsultCaseTable {
  id: Generated<string>;
  clinic_id: string;
  patient_id: string;
  submitted_by: string;
  status: Generated<CaseStatus>;
  screening_version: number;
  reason_id: string | null;
  questionnaire_version: number | null;
  answers: Json<Record<string, unknown>>;
  flags: Json<{ questionId: string; reason: Record<string, string> }[]>;
  flag_count: Generated<number>;
  /** The patient's age when the case was sent (priced then too). */
  patient_age: number | null;
  description: Generated<string>;
  photo_count: Generated<number>;
  price_ore: number | null;
  price_rule: PriceRule | null;
  payment_id: string | null;
  payment_declined_at: Timestamp | null;
  claimed_by: string | null;
  created_at: Generated<Date>;
  submitted_at: Timestamp | null;
  due_at: Timestamp | null;
  first_response_at: Timestamp | null;
  closed_at: Timestamp | null;
  outcome: CaseOutcome | null;
  outcome_summary: string | null;
  version: Generated<number>;
}

export interface EconsultCaseEventTable {
  id: Generated<string>;
  case_id: string;
  at: Generated<Date>;
  actor_person_id: string | null;
  action: string;
  from_status: string | null;
  to_status: string;
  to_practitioner_id: string | null;
}

export interface EconsultMessageTable {
  id: Generated<string>;
  case_id: string;
  author_person_id: string;
  author_role: 'patient' | 'clinician';
  kind: 'reply' | 'question' | 'answer' | 'outcome';
  body: string;
  created_at: Generated<Date>;
}

export interface EconsultPhotoTable {
  id: Generated<string>;
  case_id: string;
  uploaded_by: string;
  storage_key: string;
  thumb_key: string;
  width: number;
  height: number;
  thumb_width: number;
  thumb_height: number;
  bytes: number;
  sha256: string;
  after_submit: boolean;
  created_at: Generated<Date>;
}

export interface EconsultStatisticsTable {
  id: Generated<string>;
  clinic_id: string;
  reason_id: string;
  submitted_at: Date;
  first_response_at: Date | null;
  closed_at: Date;
  outcome: string;
  photo_count: number;
  price_rule: string | null;
}

export interface FrikortTable {
  person_id: string;
  year: number;
  source: 'ceiling' | 'external' | 'manual';
  created_at: Generated<Date>;
}

export interface EconsultTables {
  econsult_cases: EconsultCaseTable;
  econsult_case_events: EconsultCaseEventTable;
  econsult_messages: EconsultMessageTable;
  econsult_photos: EconsultPhotoTable;
  econsult_statistics: EconsultStatisticsTable;
  frikort: FrikortTable;
}
