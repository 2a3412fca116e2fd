// Messages between patients and their clinics (issue 9): threads of one kind (an administrative question for reception,
// a health question for the clinicians, a letter from the clinic), their messages (never edited), who has read them,
// and attachments. Each clinic says which kinds it takes and how many working days it has to answer.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE clinics
      ADD COLUMN message_kinds text[] NOT NULL DEFAULT '{admin,clinical}' CHECK (message_kinds <@ ARRAY['admin', 'clinical']::text[]),
      ADD COLUMN message_answer_days integer NOT NULL DEFAULT 5 CHECK (message_answer_days BETWEEN 1 AND 30)`.execute(db);

  // The assignee is a staff member of the thread's clinic in a given role (the foreign key to staff_roles), and a
  // clinical thread goes only to a clinician; no assignee means the team (reception, or the clinicians).
  await sql`
    CREATE TABLE message_threads (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      clinic_id uuid NOT NULL REFERENCES clinics(id),
      patient_id uuid NOT NULL REFERENCES persons(id),
      kind text NOT NULL CHECK (kind IN ('admin', 'clinical', 'letter')),
      subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),
      assignee_id uuid REFERENCES persons(id),
      assignee_role text CHECK (assignee_role IN ('clinician', 'reception', 'clinic_admin')),
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'answered', 'closed')),
      due_at timestamptz,
      attachment_count integer NOT NULL DEFAULT 0 CHECK (attachment_count BETWEEN 0 AND 5),
      created_by uuid NOT NULL REFERENCES persons(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      last_message_at timestamptz NOT NULL DEFAULT now(),
      closed_at timestamptz,
      closed_by uuid REFERENCES persons(id),
      FOREIGN KEY (assignee_id, clinic_id, assignee_role) REFERENCES staff_roles (person_id, clinic_id, role),
      CHECK ((assignee_id IS NULL) = (assignee_role IS NULL)),
      CHECK (kind <> 'clinical' OR assignee_role IS NULL OR assignee_role = 'clinician'),
      CHECK (kind <> 'letter' OR (due_at IS NULL AND assignee_id IS NULL)),
      CHECK ((status = 'closed') = (closed_at IS NOT NULL))
    )`.execute(db);
  await sql`CREATE INDEX message_threads_patient_idx ON message_threads (patient_id, last_message_at DESC)`.execute(db);
  await sql`CREATE INDEX message_threads_clinic_idx ON message_threads (clinic_id, last_message_at DESC)`.execute(db);
  await sql`CREATE INDEX message_threads_subject_text_idx ON message_threads USING gin (to_tsvector('simple', subject))`.execute(db);

  await sql`
    CREATE TABLE thread_messages (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      thread_id uuid NOT NULL REFERENCES message_threads(id),
      author_id uuid NOT NULL REFERENCES persons(id),
      author_role text NOT NULL CHECK (author_role IN ('patient', 'guardian', 'office', 'clinician')),
      body text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
      created_at timestamptz NOT NULL DEFAULT clock_timestamp()
    )`.execute(db);
  await sql`CREATE INDEX thread_messages_thread_idx ON thread_messages (thread_id, created_at)`.execute(db);
  await sql`CREATE INDEX thread_messages_body_text_idx ON thread_messages USING gin (to_tsvector('simple', body))`.execute(db);
  // What was said stays as it was said: a correction is a new message.
  await sql`
    CREATE FUNCTION thread_messages_are_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'thread messages are append-only: write a new message instead' USING ERRCODE = 'insufficient_privilege';
    END $$`.execute(db);
  await sql`CREATE TRIGGER thread_messages_no_update BEFORE UPDATE ON thread_messages FOR EACH ROW EXECUTE FUNCTION thread_messages_are_append_only()`.execute(db);

  await sql`
    CREATE TABLE thread_reads (
      thread_id uuid NOT NULL REFERENCES message_threads(id),
      person_id uuid NOT NULL REFERENCES persons(id),
      read_at timestamptz NOT NULL,
      PRIMARY KEY (thread_id, person_id)
    )`.execute(db);

  await sql`
    CREATE TABLE thread_attachments (
      id uuid PRIMARY KEY,
      thread_id uuid NOT NULL REFERENCES message_threads(id),
      uploaded_by uuid NOT NULL REFERENCES persons(id),
      storage_key text NOT NULL UNIQUE,
      content_type text NOT NULL CHECK (content_type IN ('image/jpeg', 'application/pdf')),
      bytes integer NOT NULL CHECK (bytes BETWEEN 1 AND 10485760),
      sha256 text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX thread_attachments_thread_idx ON thread_attachments (thread_id, created_at)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward only');
}
