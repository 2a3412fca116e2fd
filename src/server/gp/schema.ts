// The GP list's tables as Kysely sees them (migration 0020).
import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from '../platform/db/schema.ts';
import type { ExtraSwitchReason, GpGender } from './api.ts';

type DateOnly = ColumnType<string, string, string>;

export interface GpListTable {
  practitioner_id: string;
  clinic_id: string;
  ceiling: number;
  gender: GpGender | null;
  languages: Generated<string[]>;
  status: Generated<'active' | 'quit'>;
  created_at: Generated<Date>;
}

export interface GpListHistoryTable {
  id: Generated<string>;
  patient_id: string;
  practitioner_id: string;
  clinic_id: string;
  municipality: string | null;
  listed_from: Timestamp;
  listed_until: Timestamp;
}

export interface GpExtraSwitchTable {
  id: Generated<string>;
  person_id: string;
  reason: ExtraSwitchReason;
  source_id: string;
  granted_at: Generated<Date>;
}

export interface GpSwitchTable {
  id: Generated<string>;
  person_id: string;
  year: number;
  kind: 'first' | 'ordinary' | 'extra' | 'return';
  ordinal: number | null;
  extra_switch_id: string | null;
  from_practitioner_id: string | null;
  to_practitioner_id: string;
  reason: string | null;
  by_person_id: string;
  created_at: Generated<Date>;
}

export interface GpWaitingTable {
  id: Generated<string>;
  practitioner_id: string;
  patient_id: string;
  switch_id: string;
  status: Generated<'waiting' | 'placed' | 'withdrawn'>;
  created_at: Generated<Date>;
  ended_at: Timestamp | null;
}

export interface PopulationMoveTable {
  id: Generated<string>;
  person_id: string;
  from_municipality: string | null;
  to_municipality: string;
  moved_on: DateOnly;
  registered_at: Generated<Date>;
}

export interface GpReturnRightTable {
  person_id: string;
  practitioner_id: string;
  move_id: string;
  until: DateOnly;
  used_at: Timestamp | null;
}

export interface GpJournalTransferTable {
  id: Generated<string>;
  patient_id: string;
  from_clinic_id: string;
  to_clinic_id: string;
  requested_by: string;
  requested_at: Generated<Date>;
  status: Generated<'requested' | 'sent'>;
  sent_at: Timestamp | null;
  sent_by: string | null;
}

export interface GpTables {
  gp_lists: GpListTable;
  gp_list_history: GpListHistoryTable;
  gp_extra_switches: GpExtraSwitchTable;
  gp_switches: GpSwitchTable;
  gp_waiting_list: GpWaitingTable;
  population_moves: PopulationMoveTable;
  gp_return_rights: GpReturnRightTable;
  gp_journal_transfers: GpJournalTransferTable;
}
