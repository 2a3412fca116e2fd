// The messages capability's tables (migration 0009) and the clinic settings it added; the store adds them to the
// database type with `withTables`.
import type { Generated } from 'kysely';
import type { StaffRole, Timestamp } from '../platform/db/schema.ts';

export type ThreadKind = 'admin' | 'clinical' | 'letter';
export type ThreadStatus = 'open' | 'answered' | 'closed';
/** Who wrote a message: the patient, a parent for a child, the office (reception, admins) or a clinician. */
/** 'system': a letter the product wrote itself (a receipt), with no person as author. */
export type AuthorRole = 'patient' | 'guardian' | 'office' | 'clinician' | 'system';

export interface MessageThreadTable {
  id: Generated<string>;
  clinic_id: string;
  patient_id: string;
  kind: ThreadKind;
  subject: string;
  /** A staff member of the clinic (in `assignee_role`); null: the team (reception, or the clinicians for a clinical thread). */
  assignee_id: string | null;
  assignee_role: StaffRole | null;
  status: Generated<ThreadStatus>;
  /** When the clinic should have answered; null for letters. */
  due_at: Timestamp | null;
  attachment_count: Generated<number>;
  /** Null for a letter the product wrote itself. */
  created_by: string | null;
  /** What a letter the product wrote came from ('receipt-card:<id>'), unique; null otherwise. */
  origin: Generated<string | null>;
  created_at: Generated<Date>;
  last_message_at: Timestamp;
  closed_at: Timestamp | null;
  closed_by: string | null;
}

export interface ThreadMessageTable {
  id: Generated<string>;
  thread_id: string;
  /** Null when the author is 'system'. */
  author_id: string | null;
  author_role: AuthorRole;
  body: string;
  created_at: Generated<Date>;
}

export interface ThreadReadTable {
  thread_id: string;
  person_id: string;
  read_at: Timestamp;
}

export interface ThreadAttachmentTable {
  id: string;
  thread_id: string;
  uploaded_by: string;
  storage_key: string;
  content_type: 'image/jpeg' | 'application/pdf';
  bytes: number;
  sha256: string;
  created_at: Generated<Date>;
}

/** The columns migration 0009 added to clinics. */
export interface ClinicMessageSettings {
  message_kinds: Generated<Array<'admin' | 'clinical'>>;
  message_answer_days: Generated<number>;
}

// A type, not an interface: `withTables` wants a record type. `clinics` merges with the foundation's clinic table.
export type MessageTables = {
  message_threads: MessageThreadTable;
  thread_messages: ThreadMessageTable;
  thread_reads: ThreadReadTable;
  thread_attachments: ThreadAttachmentTable;
  clinics: ClinicMessageSettings;
};
