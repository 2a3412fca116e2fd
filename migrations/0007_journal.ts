// The journal is append-only: a correction is a new version that points to the one it replaces, never an edit. The
// database refuses UPDATE and DELETE of notes (trigger, and the application role loses those grants), and two
// corrections of one version cannot both land (one successor per version).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE journal_notes
      ADD COLUMN replaces_id uuid UNIQUE REFERENCES journal_notes(id),
      ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
      ADD CHECK ((replaces_id IS NULL) = (version = 1))`.execute(db);
  // One original note per source (an e-consultation, an appointment); its corrections share the source.
  await sql`ALTER TABLE journal_notes DROP CONSTRAINT journal_notes_source_kind_source_id_key`.execute(db);
  await sql`CREATE UNIQUE INDEX journal_notes_one_per_source ON journal_notes (source_kind, source_id) WHERE replaces_id IS NULL`.execute(db);
  await sql`
    CREATE FUNCTION journal_notes_are_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'journal notes are append-only: write a correction (a new version) instead' USING ERRCODE = 'insufficient_privilege';
    END $$`.execute(db);
  await sql`CREATE TRIGGER journal_notes_no_change BEFORE UPDATE OR DELETE ON journal_notes FOR EACH ROW EXECUTE FUNCTION journal_notes_are_append_only()`.execute(db);
  await sql`CREATE TRIGGER journal_notes_no_truncate BEFORE TRUNCATE ON journal_notes FOR EACH STATEMENT EXECUTE FUNCTION journal_notes_are_append_only()`.execute(db);
  await sql`
    DO $$
    BEGIN
      IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'nettlege_app') THEN
        EXECUTE 'REVOKE UPDATE, DELETE, TRUNCATE ON journal_notes FROM nettlege_app';
      END IF;
    EXCEPTION WHEN insufficient_privilege THEN
      NULL;
    END $$`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward only');
}
