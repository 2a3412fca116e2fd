// The journal's tables (migration 0004): notes written by clinicians, each from one source (an e-consultation, an
// appointment) at most once.
import type { Generated } from 'kysely';

export interface JournalNoteTable {
  id: Generated<string>;
  patient_id: string;
  clinic_id: string;
  author_practitioner_id: string;
  source_kind: 'econsult' | 'appointment' | 'manual';
  source_id: string | null;
  title: string;
  body: string;
  created_at: Generated<Date>;
}

export interface JournalTables {
  journal_notes: JournalNoteTable;
}
