// "Download my data" (issue 11): an export is built by a job (with its progress), delivered through the inbox, and
// each of its files (JSON, PDF) can be downloaded once, until it expires; then its files are deleted.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE data_exports (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      subject_id uuid NOT NULL REFERENCES persons(id),
      requested_by uuid NOT NULL REFERENCES persons(id),
      status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'building', 'ready', 'failed', 'expired')),
      progress integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
      json_key text,
      pdf_key text,
      json_downloaded_at timestamptz,
      pdf_downloaded_at timestamptz,
      expires_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      ready_at timestamptz,
      CHECK (status <> 'ready' OR (json_key IS NOT NULL AND pdf_key IS NOT NULL AND expires_at IS NOT NULL))
    )`.execute(db);
  // One export being built at a time per person.
  await sql`CREATE UNIQUE INDEX data_exports_one_active_idx ON data_exports (subject_id) WHERE status IN ('queued', 'building')`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward only');
}
