// The database's tables as Kysely sees them. Keep in step with migrations/.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateOnly = ColumnType<string, string, string>;

export interface ClinicTable {
  id: Generated<string>;
  name: string;
  org_number: string;
  kind: 'public_gp' | 'private' | 'hospital_outpatient';
  country: Generated<'NO' | 'SE'>;
  time_zone: Generated<string>;
  municipality: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  services: Generated<string[]>;
  created_at: Timestamp;
}

export type NationalIdKind = 'fnr' | 'dnr' | 'hnr' | 'synthetic' | 'personnummer' | 'samordningsnummer';

export interface PersonTable {
  id: Generated<string>;
  national_id: string;
  national_id_kind: NationalIdKind;
  name: string | null;
  birth_date: DateOnly;
  phone: string | null;
  email: string | null;
  preferred_language: Generated<string>;
  created_at: Timestamp;
}

export interface PractitionerTable {
  id: Generated<string>;
  person_id: string;
  hpr_number: string;
  profession: 'doctor' | 'nurse' | 'psychologist' | 'physiotherapist' | 'midwife';
}

export type StaffRole = 'clinician' | 'reception' | 'clinic_admin';

export interface StaffRoleTable {
  person_id: string;
  clinic_id: string;
  role: StaffRole;
}

export interface GpListEntryTable {
  patient_id: string;
  practitioner_id: string;
  clinic_id: string;
  since: ColumnType<string, string | undefined, string>;
}

export interface GuardianRelationTable {
  guardian_id: string;
  child_id: string;
  kind: Generated<'parent'>;
}

export interface SessionTable {
  id: string;
  person_id: string;
  kind: 'patient' | 'staff';
  acting_for_id: string | null;
  clinic_id: string | null;
  csrf_token: string;
  language: Generated<string>;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  absolute_expires_at: Timestamp;
  ended_at: Timestamp | null;
}

export interface LoginStateTable {
  state: string;
  nonce: string;
  code_verifier: string;
  kind: 'patient' | 'staff';
  return_to: string;
  created_at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: Timestamp;
  actor_person_id: string;
  actor_kind: 'staff' | 'guardian' | 'self' | 'system';
  subject_person_id: string;
  clinic_id: string | null;
  action: string;
  reason: string;
  request_id: string | null;
}

export type NotificationState = 'queued' | 'sending' | 'sent' | 'delivered' | 'failed';

export interface NotificationTable {
  id: Generated<string>;
  idempotency_key: string | null;
  person_id: string | null;
  channel: 'sms' | 'email';
  address: string;
  template: string;
  language: string;
  subject: string | null;
  body: string;
  state: Generated<NotificationState>;
  provider: string | null;
  provider_message_id: string | null;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: Timestamp;
  claimed_at: Timestamp | null;
  sent_at: Timestamp | null;
  delivered_at: Timestamp | null;
  failed_at: Timestamp | null;
}

export interface PatientClinicView {
  patient_id: string;
  clinic_id: string;
}

export interface Database {
  patient_clinics: PatientClinicView;
  clinics: ClinicTable;
  persons: PersonTable;
  practitioners: PractitionerTable;
  staff_roles: StaffRoleTable;
  gp_list_entries: GpListEntryTable;
  guardian_relations: GuardianRelationTable;
  sessions: SessionTable;
  login_states: LoginStateTable;
  audit_log: AuditLogTable;
  notifications: NotificationTable;
}
