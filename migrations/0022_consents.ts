// Consent (issue 11): to e-consultation and electronic processing, to SMS notices and to e-mail notices, each given or
// withdrawn explicitly and recorded with the time and the version of the text the person saw. The current state per
// person and kind, and every change as an append-only event.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE consents (
      person_id uuid NOT NULL REFERENCES persons(id),
      kind text NOT NULL CHECK (kind IN ('econsult', 'sms', 'email')),
      given boolean NOT NULL,
      text_version text NOT NULL CHECK (length(text_version) BETWEEN 1 AND 40),
      changed_at timestamptz NOT NULL DEFAULT now(),
      changed_by uuid NOT NULL REFERENCES persons(id),
      PRIMARY KEY (person_id, kind)
    )`.execute(db);
  await sql`
    CREATE TABLE consent_events (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      person_id uuid NOT NULL REFERENCES persons(id),
      kind text NOT NULL CHECK (kind IN ('econsult', 'sms', 'email')),
      given boolean NOT NULL,
      text_version text NOT NULL,
      source text NOT NULL CHECK (source IN ('consent-page', 'econsult-submit')),
      by_person_id uuid NOT NULL REFERENCES persons(id),
      at timestamptz NOT NULL DEFAULT clock_timestamp()
    )`.execute(db);
  await sql`CREATE INDEX consent_events_person_idx ON consent_events (person_id, at)`.execute(db);
  await sql`
    CREATE FUNCTION consent_events_are_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'consent events are append-only' USING ERRCODE = 'insufficient_privilege';
    END $$`.execute(db);
  await sql`CREATE TRIGGER consent_events_no_update BEFORE UPDATE ON consent_events FOR EACH ROW EXECUTE FUNCTION consent_events_are_append_only()`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward only');
}
