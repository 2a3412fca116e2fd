// Consent's tables as Kysely sees them (migration 0022).
import type { Generated } from 'kysely';
import type { Timestamp } from '../platform/db/schema.ts';
import type { ConsentKind } from './texts.ts';

export interface ConsentTable {
  person_id: string;
  kind: ConsentKind;
  given: boolean;
  text_version: string;
  changed_at: Timestamp;
  changed_by: string;
}

export interface ConsentEventTable {
  id: Generated<string>;
  person_id: string;
  kind: ConsentKind;
  given: boolean;
  text_version: string;
  source: 'consent-page' | 'econsult-submit';
  by_person_id: string;
  at: Generated<Date>;
}

export interface ConsentTables {
  consents: ConsentTable;
  consent_events: ConsentEventTable;
}
