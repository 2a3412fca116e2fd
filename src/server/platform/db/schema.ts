// The database's tables as Kysely sees them. Keep in step with migrations/.
import type { EconsultTables } from '../../econsult/schema.ts';
import type { JournalTables } from '../../journal/schema.ts';
import type { MoneyTables } from '../../money/schema.ts';
import type { GpTables } from '../../gp/schema.ts';
import type { VaccinationTables } from '../../vaccination/schema.ts';
import type { ConsentTables } from '../../consents/schema.ts';
import type { ExportTables } from '../../export/schema.ts';
import type { PaymentTables } from '../../payments/schema.ts';
import type { ColumnType, Generated } from 'kysely';

export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
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
  cancel_cutoff_hours: Generated<number>;
  reminder_offsets_minutes: Generated<number[]>;
  sms_keyword: string | null;
  dropin_visit_types: Generated<string[]>;
  econsult_price_ore: Generated<number>;
  /** Local time of day (HH:MM:SS): cases in before it are due the same day. */
  econsult_cutoff: Generated<string>;
  /** The reasons offered; null: every reason in the catalogue. */
  econsult_reasons: string[] | null;
  econsult_retention_months: Generated<number>;
  econsult_unanswered_hours: Generated<number>;
  /** A private clinic's price of a visit at the office (and by video), and by phone; null: not offered at a price. */
  visit_price_ore: number | null;
  phone_price_ore: number | null;
  private_children_free: Generated<boolean>;
  accepts_insurance: Generated<boolean>;
  /** Where invoices are paid (11 digits). */
  bank_account: string | null;
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
  /** The registered home municipality (population register), for the GP list. */
  municipality: Generated<string | null>;
  /** When the person deleted their account: contact details and communication went, the records stayed. */
  account_deleted_at: Generated<Date | null>;
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
  /** After this the notice is dropped rather than sent (a reminder of an appointment that has begun). */
  valid_until: Timestamp | null;
}

export type VisitType = 'clinic' | 'video' | 'phone';

export interface AvailabilityRuleTable {
  id: Generated<string>;
  clinic_id: string;
  practitioner_id: string;
  weekday: number;
  start_time: string;
  end_time: string;
  break_start: string | null;
  break_end: string | null;
  visit_types: VisitType[];
  slot_minutes: Generated<number>;
  buffer_minutes: Generated<number>;
  valid_from: ColumnType<string, string | undefined, string>;
  valid_to: string | null;
}

export interface AvailabilityExceptionTable {
  id: Generated<string>;
  practitioner_id: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  kind: 'vacation' | 'sick' | 'other';
  created_by: string;
  created_at: Timestamp;
}

export type AppointmentStatus = 'booked' | 'cancelled' | 'completed' | 'no_show';
/** A visit whose co-payment depends on the kind of care (a pregnancy check-up; mental-health care under 18). */
export type CareCategory = 'pregnancy' | 'mental-health';
export const CARE_CATEGORIES: readonly CareCategory[] = ['pregnancy', 'mental-health'];

export interface AppointmentTable {
  id: Generated<string>;
  clinic_id: string;
  practitioner_id: string;
  patient_id: string;
  booked_by: string;
  visit_type: VisitType;
  starts_at: Timestamp;
  ends_at: Timestamp;
  blocked_until: Timestamp;
  status: Generated<AppointmentStatus>;
  reason: Generated<string>;
  interpreter_language: string | null;
  care_category: Generated<CareCategory | null>;
  video_declined: Generated<boolean>;
  source: Generated<'web' | 'reception' | 'sms' | 'dropin'>;
  version: Generated<number>;
  created_at: Timestamp;
  cancelled_at: Timestamp | null;
  cancelled_by: string | null;
}

export interface IdempotencyKeyTable {
  person_id: string;
  key: string;
  scope: string;
  request_hash: string;
  status_code: number | null;
  response: unknown;
  created_at: Timestamp;
}

export interface BookingRequestTable {
  id: Generated<string>;
  clinic_id: string;
  patient_id: string | null;
  appointment_id: string | null;
  kind: 'sms' | 'not_video';
  from_phone: string | null;
  message: Generated<string>;
  status: Generated<'open' | 'booked' | 'converted' | 'rejected'>;
  created_at: Timestamp;
  handled_at: Timestamp | null;
  handled_by: string | null;
  inbound_sms_id: string | null;
  handled_note: string | null;
}

export type InboundSmsOutcome = 'requested' | 'unknown-clinic' | 'unparseable' | 'no-match';

export interface InboundSmsTable {
  id: Generated<string>;
  provider: string;
  provider_message_id: string | null;
  from_phone: string;
  text_fingerprint: string;
  received_at: Timestamp;
  /** A tstzrange literal, e.g. '[2026-11-23T12:00:00Z,2026-11-23T12:10:00Z)'. */
  repeat_window: string;
  outcome: InboundSmsOutcome;
  clinic_id: string | null;
}

export interface DropinEntryTable {
  id: Generated<string>;
  clinic_id: string;
  patient_id: string;
  joined_by: string;
  visit_type: 'video' | 'phone';
  status: Generated<'waiting' | 'taken' | 'left'>;
  joined_at: Timestamp;
  taken_at: Timestamp | null;
  taken_by: string | null;
  appointment_id: string | null;
}

/** A clinician assigned to a patient at a clinic (migration 0010); ended, never deleted. */
export interface HealthContactTable {
  id: Generated<string>;
  patient_id: string;
  clinic_id: string;
  practitioner_id: string;
  /** The practitioner's person, for the foreign key to staff_roles. */
  practitioner_person_id: string;
  staff_role: Generated<'clinician'>;
  role: 'care_coordinator' | 'contact_person';
  assigned_by: string;
  assigned_at: Timestamp;
  ended_at: Timestamp | null;
  ended_by: string | null;
}

export interface PatientClinicView {
  patient_id: string;
  clinic_id: string;
}

export interface Database extends PaymentTables, EconsultTables, JournalTables, MoneyTables, GpTables, VaccinationTables, ConsentTables, ExportTables {
  availability_rules: AvailabilityRuleTable;
  availability_exceptions: AvailabilityExceptionTable;
  appointments: AppointmentTable;
  idempotency_keys: IdempotencyKeyTable;
  booking_requests: BookingRequestTable;
  inbound_sms: InboundSmsTable;
  dropin_entries: DropinEntryTable;
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
  health_contacts: HealthContactTable;
}
