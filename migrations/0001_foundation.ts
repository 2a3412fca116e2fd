// The foundation schema: clinics, people, staff, GP list, guardians, sessions, audit, notifications.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS btree_gist`.execute(db);

  await sql`
    CREATE TABLE clinics (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      org_number text NOT NULL UNIQUE CHECK (org_number ~ '^[0-9]{9,10}$'),
      kind text NOT NULL CHECK (kind IN ('public_gp', 'private', 'hospital_outpatient')),
      country text NOT NULL DEFAULT 'NO' CHECK (country IN ('NO', 'SE')),
      time_zone text NOT NULL DEFAULT 'Europe/Oslo',
      municipality text,
      address text,
      phone text,
      email text,
      website text,
      services text[] NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

  await sql`
    CREATE TABLE persons (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      national_id text NOT NULL UNIQUE,
      national_id_kind text NOT NULL CHECK (national_id_kind IN ('fnr', 'dnr', 'hnr', 'synthetic', 'personnummer', 'samordningsnummer')),
      name text,
      birth_date date NOT NULL,
      phone text,
      email text,
      preferred_language text NOT NULL DEFAULT 'nb' CHECK (preferred_language IN ('nb', 'nn', 'sv', 'en')),
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

  // Health personnel with their HPR number (helsepersonellregisteret).
  await sql`
    CREATE TABLE practitioners (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      person_id uuid NOT NULL UNIQUE REFERENCES persons(id),
      hpr_number text NOT NULL UNIQUE CHECK (hpr_number ~ '^[0-9]{6,9}$'),
      profession text NOT NULL CHECK (profession IN ('doctor', 'nurse', 'psychologist', 'physiotherapist', 'midwife'))
    )`.execute(db);

  await sql`
    CREATE TABLE staff_roles (
      person_id uuid NOT NULL REFERENCES persons(id),
      clinic_id uuid NOT NULL REFERENCES clinics(id),
      role text NOT NULL CHECK (role IN ('clinician', 'reception', 'clinic_admin')),
      PRIMARY KEY (person_id, clinic_id, role)
    )`.execute(db);

  // fastlegeliste: one GP per patient.
  await sql`
    CREATE TABLE gp_list_entries (
      patient_id uuid PRIMARY KEY REFERENCES persons(id),
      practitioner_id uuid NOT NULL REFERENCES practitioners(id),
      clinic_id uuid NOT NULL REFERENCES clinics(id),
      since date NOT NULL DEFAULT current_date
    )`.execute(db);

  await sql`
    CREATE TABLE guardian_relations (
      guardian_id uuid NOT NULL REFERENCES persons(id),
      child_id uuid NOT NULL REFERENCES persons(id),
      kind text NOT NULL DEFAULT 'parent' CHECK (kind IN ('parent')),
      PRIMARY KEY (guardian_id, child_id),
      CHECK (guardian_id <> child_id)
    )`.execute(db);

  await sql`
    CREATE TABLE sessions (
      id text PRIMARY KEY,
      person_id uuid NOT NULL REFERENCES persons(id),
      kind text NOT NULL CHECK (kind IN ('patient', 'staff')),
      acting_for_id uuid REFERENCES persons(id),
      clinic_id uuid REFERENCES clinics(id),
      csrf_token text NOT NULL,
      language text NOT NULL DEFAULT 'nb',
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      absolute_expires_at timestamptz NOT NULL,
      ended_at timestamptz,
      CHECK (kind = 'staff' OR clinic_id IS NULL),
      CHECK (kind = 'patient' OR acting_for_id IS NULL)
    )`.execute(db);
  await sql`CREATE INDEX sessions_person_idx ON sessions (person_id)`.execute(db);

  await sql`
    CREATE TABLE login_states (
      state text PRIMARY KEY,
      nonce text NOT NULL,
      code_verifier text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('patient', 'staff')),
      return_to text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

  // Who did what to whose data. Rows are only ever added: see the trigger and the grants below.
  await sql`
    CREATE TABLE audit_log (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT now(),
      actor_person_id uuid NOT NULL REFERENCES persons(id),
      actor_kind text NOT NULL CHECK (actor_kind IN ('staff', 'guardian', 'self', 'system')),
      subject_person_id uuid NOT NULL REFERENCES persons(id),
      clinic_id uuid REFERENCES clinics(id),
      action text NOT NULL,
      reason text NOT NULL,
      request_id text
    )`.execute(db);
  await sql`CREATE INDEX audit_log_subject_idx ON audit_log (subject_person_id, at DESC)`.execute(db);
  await sql`
    CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
    END $$`.execute(db);
  await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only()`.execute(db);
  await sql`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only()`.execute(db);

  await sql`
    CREATE TABLE notifications (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      idempotency_key text UNIQUE,
      person_id uuid REFERENCES persons(id),
      channel text NOT NULL CHECK (channel IN ('sms', 'email')),
      address text NOT NULL,
      template text NOT NULL,
      language text NOT NULL,
      subject text,
      body text NOT NULL,
      state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sending', 'sent', 'delivered', 'failed')),
      provider text,
      provider_message_id text,
      attempts integer NOT NULL DEFAULT 0,
      last_error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      claimed_at timestamptz,
      sent_at timestamptz,
      delivered_at timestamptz,
      failed_at timestamptz
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX notifications_provider_msg_idx ON notifications (provider, provider_message_id)`.execute(db);
  await sql`CREATE INDEX notifications_created_idx ON notifications (created_at DESC)`.execute(db);

  // Which clinics a patient belongs to, for "staff of the patient's clinic". Later capabilities widen it
  // (appointments, cases) by replacing the view in a new migration.
  await sql`
    CREATE VIEW patient_clinics AS
      SELECT patient_id, clinic_id FROM gp_list_entries`.execute(db);

  await grantToAppRole(db);
}

/**
 * The server's queries run as the role nettlege_app (see platform/db/database.ts): it may read and write
 * every table but only add to audit_log. Where the connecting user may not create roles, the trigger
 * above still keeps audit_log append-only.
 */
async function grantToAppRole(db: Kysely<unknown>): Promise<void> {
  await sql`
    DO $$
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'nettlege_app') THEN
        CREATE ROLE nettlege_app NOLOGIN;
      END IF;
    EXCEPTION WHEN insufficient_privilege OR duplicate_object OR unique_violation THEN
      NULL;
    END $$`.execute(db);
  await sql`
    DO $$
    BEGIN
      IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'nettlege_app') THEN
        EXECUTE 'GRANT nettlege_app TO ' || quote_ident(current_user);
        EXECUTE 'GRANT USAGE ON SCHEMA public TO nettlege_app';
        EXECUTE 'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO nettlege_app';
        EXECUTE 'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO nettlege_app';
        EXECUTE 'ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO nettlege_app';
        EXECUTE 'ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO nettlege_app';
        EXECUTE 'REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM nettlege_app';
        -- Use cases enqueue jobs inside their own transaction, so the role writes pg-boss's tables too.
        EXECUTE 'CREATE SCHEMA IF NOT EXISTS pgboss';
        EXECUTE 'GRANT USAGE ON SCHEMA pgboss TO nettlege_app';
        EXECUTE 'ALTER DEFAULT PRIVILEGES IN SCHEMA pgboss GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO nettlege_app';
        EXECUTE 'ALTER DEFAULT PRIVILEGES IN SCHEMA pgboss GRANT USAGE, SELECT ON SEQUENCES TO nettlege_app';
        EXECUTE 'ALTER DEFAULT PRIVILEGES IN SCHEMA pgboss GRANT EXECUTE ON FUNCTIONS TO nettlege_app';
      END IF;
    EXCEPTION WHEN insufficient_privilege THEN
      NULL;
    END $$`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward only');
}
