// The journal's tables (migrations 0004, 0007): notes written by clinicians, one original per source (an e-consultation,
// an appointment), corrected only by new versions; the database refuses UPDATE and DELETE.
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
  /** The version this one corrects (migration 0007): notes are never edited, a correction is a new version. */
  replaces_id: string | null;
  version: Generated<number>;
}

export interface JournalTables {
  journal_notes: JournalNoteTable;
}
