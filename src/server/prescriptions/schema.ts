// The prescription capability's tables (migration 0008), as Kysely sees them; the store adds them with `withTables`.
import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from '../platform/db/schema.ts';
import type { PrescriptionType } from './rules.ts';

/** A calendar date, 'YYYY-MM-DD' in and out (the pg type parser leaves dates as text). */
type DateOnly = ColumnType<string, string, string>;

export type RenewalItemStatus = 'sent' | 'approved' | 'declined';
export type DeclineRule = 'needs-visit';

export interface PrescriptionTable {
  id: Generated<string>;
  patient_id: string;
  clinic_id: string;
  prescriber_practitioner_id: string;
  drug_id: string;
  strength: string;
  dosage_text: string;
  type: PrescriptionType;
  issued_on: DateOnly;
  valid_until: DateOnly;
  withdrawals_prescribed: number;
  withdrawals_left: number;
  locked: Generated<boolean>;
  reference_number: string | null;
  replaces_id: string | null;
  sent_to_registry_at: Timestamp | null;
  created_at: Generated<Date>;
}

export interface RenewalRequestTable {
  id: Generated<string>;
  patient_id: string;
  clinic_id: string;
  requested_by: string;
  note: string | null;
  created_at: Generated<Date>;
}

export interface RenewalItemTable {
  id: Generated<string>;
  request_id: string;
  prescription_id: string;
  status: Generated<RenewalItemStatus>;
  decline_rule: DeclineRule | null;
  decline_reason: string | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
  new_prescription_id: string | null;
}

export interface AccessBlockTable {
  patient_id: string;
  blocked_at: Generated<Date>;
}

// A type, not an interface: `withTables` wants a record type.
export type PrescriptionTables = {
  prescriptions: PrescriptionTable;
  prescription_renewal_requests: RenewalRequestTable;
  prescription_renewal_items: RenewalItemTable;
  prescription_access_blocks: AccessBlockTable;
};
