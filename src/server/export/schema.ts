// The data export's table as Kysely sees it (migration 0023).
import type { Generated } from 'kysely';
import type { Timestamp } from '../platform/db/schema.ts';

export interface DataExportTable {
  id: Generated<string>;
  subject_id: string;
  requested_by: string;
  status: Generated<'queued' | 'building' | 'ready' | 'failed' | 'expired'>;
  progress: Generated<number>;
  json_key: string | null;
  pdf_key: string | null;
  json_downloaded_at: Timestamp | null;
  pdf_downloaded_at: Timestamp | null;
  expires_at: Timestamp | null;
  created_at: Generated<Date>;
  ready_at: Timestamp | null;
}

export interface ExportTables {
  data_exports: DataExportTable;
}
