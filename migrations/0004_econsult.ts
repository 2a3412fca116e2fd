// E-consultation: the clinic's settings, cases with their questionnaire answers, photos, messages and state history,
// anonymous statistics kept after a case's written communication is deleted, and the journal notes cases end in.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE clinics
      ADD COLUMN econsult_price_ore integer NOT NULL DEFAULT 35000 CHECK (econsult_price_ore BETWEEN 0 AND 10000000),
      ADD COLUMN econsult_cutoff time NOT NULL DEFAULT '20:00',
      ADD COLUMN econsult_reasons text[],
      ADD COLUMN econsult_retention_months smallint NOT NULL DEFAULT 3 CHECK (econsult_retention_months BETWEEN 1 AND 120),
      ADD COLUMN econsult_unanswered_hours smallint NOT NULL DEFAULT 48 CHECK (econsult_unanswered_hours BETWEEN 1 AND 720)`.execute(db);

  // A yearly co-payment ceiling reached (frikort), whatever its source; the money issue fills it from payments.
  await sql`
    CREATE TABLE frikort (
      person_id uuid NOT NULL REFERENCES persons(id),
      year smallint NOT NULL CHECK (year BETWEEN 2000 AND 2200),
      source text NOT NULL CHECK (source IN ('ceiling', 'external', 'manual')),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (person_id, year)
    )`.execute(db);

  await sql`
    CREATE TABLE econsult_cases (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      clinic_id uuid NOT NULL REFERENCES clinics(id),
      patient_id uuid NOT NULL REFERENCES persons(id),
      submitted_by uuid NOT NULL REFERENCES persons(id),
      status text NOT NULL DEFAULT 'draft'
        CHECK (status IN ('draft', 'awaiting_payment', 'open', 'claimed', 'waiting_for_patient', 'closed', 'rejected', 'expired')),
      screening_version smallint NOT NULL,
      reason_id text CHECK (reason_id ~ '^[a-z0-9-]{1,40}$'),
      questionnaire_version smallint,
      answers jsonb NOT NULL DEFAULT '{}',
      flags jsonb NOT NULL DEFAULT '[]',
      -- Kept beside the case for the work queue, which then reads one table: the count of flags and the age when sent.
      flag_count smallint NOT NULL DEFAULT 0,
      patient_age smallint CHECK (patient_age BETWEEN 0 AND 150),
      description text NOT NULL DEFAULT '' CHECK (length(description) <= 4000),
      photo_count smallint NOT NULL DEFAULT 0 CHECK (photo_count BETWEEN 0 AND 10),
      price_ore integer CHECK (price_ore >= 0),
      price_rule text CHECK (price_rule IN ('private', 'copayment', 'child-free', 'frikort')),
      payment_id uuid,
      payment_declined_at timestamptz,
      claimed_by uuid REFERENCES practitioners(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      submitted_at timestamptz,
      due_at timestamptz,
      first_response_at timestamptz,
      closed_at timestamptz,
      outcome text CHECK (outcome IN ('advice', 'prescription', 'referral', 'in-person', 'rejected', 'expired')),
      outcome_summary text CHECK (length(outcome_summary) <= 4000),
      version integer NOT NULL DEFAULT 1,
      CHECK ((claimed_by IS NOT NULL) = (status IN ('claimed', 'waiting_for_patient'))),
      CHECK ((status IN ('draft', 'awaiting_payment')) = (submitted_at IS NULL)),
      CHECK ((submitted_at IS NULL) = (due_at IS NULL)),
      CHECK (status IN ('draft', 'awaiting_payment') OR patient_age IS NOT NULL),
      CHECK ((status IN ('closed', 'rejected', 'expired')) = (closed_at IS NOT NULL AND outcome IS NOT NULL)),
      CHECK (status = 'draft' OR reason_id IS NOT NULL)
    )`.execute(db);
  // The clinicians' work queue, by deadline, for one clinic: only live cases are in this index.
  await sql`CREATE INDEX econsult_cases_queue_idx ON econsult_cases (clinic_id, due_at) WHERE status IN ('open', 'claimed', 'waiting_for_patient')`.execute(db);
  await sql`CREATE INDEX econsult_cases_patient_idx ON econsult_cases (patient_id, created_at)`.execute(db);
  await sql`CREATE INDEX econsult_cases_submitter_idx ON econsult_cases (submitted_by, created_at)`.execute(db);

  // Every transition, with who and when: the history the state machine leaves behind.
  await sql`
    CREATE TABLE econsult_case_events (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES econsult_cases(id) ON DELETE CASCADE,
      at timestamptz NOT NULL DEFAULT now(),
      actor_person_id uuid REFERENCES persons(id),
      action text NOT NULL CHECK (action ~ '^[a-z-]{1,40}$'),
      from_status text,
      to_status text NOT NULL,
      to_practitioner_id uuid REFERENCES practitioners(id)
    )`.execute(db);
  await sql`CREATE INDEX econsult_case_events_case_idx ON econsult_case_events (case_id, at)`.execute(db);

  await sql`
    CREATE TABLE econsult_messages (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES econsult_cases(id) ON DELETE CASCADE,
      author_person_id uuid NOT NULL REFERENCES persons(id),
      author_role text NOT NULL CHECK (author_role IN ('patient', 'clinician')),
      kind text NOT NULL CHECK (kind IN ('reply', 'question', 'answer', 'outcome')),
      body text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX econsult_messages_case_idx ON econsult_messages (case_id, created_at)`.execute(db);

  await sql`
    CREATE TABLE econsult_photos (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES econsult_cases(id) ON DELETE CASCADE,
      uploaded_by uuid NOT NULL REFERENCES persons(id),
      storage_key text NOT NULL UNIQUE,
      thumb_key text NOT NULL UNIQUE,
      width integer NOT NULL,
      height integer NOT NULL,
      thumb_width integer NOT NULL,
      thumb_height integer NOT NULL,
      bytes integer NOT NULL,
      sha256 text NOT NULL,
      after_submit boolean NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX econsult_photos_case_idx ON econsult_photos (case_id, created_at)`.execute(db);

  // What stays after the written communication is deleted: no person, no text, only what the case was and how it went.
  await sql`
    CREATE TABLE econsult_statistics (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      clinic_id uuid NOT NULL REFERENCES clinics(id),
      reason_id text NOT NULL,
      submitted_at timestamptz NOT NULL,
      first_response_at timestamptz,
      closed_at timestamptz NOT NULL,
      outcome text NOT NULL,
      photo_count smallint NOT NULL,
      price_rule text
    )`.execute(db);

  // The journal: kept by law, separate from the case's written communication (which is deleted after retention).
  await sql`
    CREATE TABLE journal_notes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      patient_id uuid NOT NULL REFERENCES persons(id),
      clinic_id uuid NOT NULL REFERENCES clinics(id),
      author_practitioner_id uuid NOT NULL REFERENCES practitioners(id),
      source_kind text NOT NULL CHECK (source_kind IN ('econsult', 'appointment', 'manual')),
      source_id uuid,
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      body text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (source_kind, source_id)
    )`.execute(db);
  await sql`CREATE INDEX journal_notes_patient_idx ON journal_notes (patient_id, created_at)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('forward-only migrations');
}
