// Booking: clinic booking settings, weekly availability, exceptions, appointments (never overlapping),
// idempotency keys, booking requests (SMS, "not video") and the drop-in queue.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE clinics
      ADD COLUMN cancel_cutoff_hours integer NOT NULL DEFAULT 24 CHECK (cancel_cutoff_hours BETWEEN 0 AND 336),
      ADD COLUMN reminder_offsets_minutes integer[] NOT NULL DEFAULT '{1440,120}',
      ADD COLUMN sms_keyword text UNIQUE CHECK (sms_keyword ~ '^[A-ZÆØÅÄÖ0-9]{2,20}$'),
      ADD COLUMN dropin_visit_types text[] NOT NULL DEFAULT '{}'`.execute(db);

  // Weekly recurring availability: one row per block of a weekday; a break (lunch) inside the block is optional.
  await sql`
    CREATE TABLE availability_rules (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      clinic_id uuid NOT NULL REFERENCES clinics(id),
      practitioner_id uuid NOT NULL REFERENCES practitioners(id),
      weekday smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
      start_time time NOT NULL,
      end_time time NOT NULL,
      break_start time,
      break_end time,
      visit_types text[] NOT NULL CHECK (visit_types <@ ARRAY['clinic', 'video', 'phone'] AND cardinality(visit_types) > 0),
      slot_minutes smallint NOT NULL DEFAULT 15 CHECK (slot_minutes BETWEEN 5 AND 240),
      buffer_minutes smallint NOT NULL DEFAULT 0 CHECK (buffer_minutes BETWEEN 0 AND 120),
      valid_from date NOT NULL DEFAULT current_date,
      valid_to date,
      CHECK (end_time > start_time),
      CHECK ((break_start IS NULL) = (break_end IS NULL)),
      CHECK (break_start IS NULL OR (break_start >= start_time AND break_end <= end_time AND break_end > break_start))
    )`.execute(db);
  await sql`CREATE INDEX availability_rules_practitioner_idx ON availability_rules (practitioner_id)`.execute(db);

  // One-off exceptions: vacation, sick day, course. No slots are offered inside them.
  await sql`
    CREATE TABLE availability_exceptions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      practitioner_id uuid NOT NULL REFERENCES practitioners(id),
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      kind text NOT NULL CHECK (kind IN ('vacation', 'sick', 'other')),
      created_by uuid NOT NULL REFERENCES persons(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (ends_at > starts_at)
    )`.execute(db);

  await sql`
    CREATE TABLE appointments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      clinic_id uuid NOT NULL REFERENCES clinics(id),
      practitioner_id uuid NOT NULL REFERENCES practitioners(id),
      patient_id uuid NOT NULL REFERENCES persons(id),
      booked_by uuid NOT NULL REFERENCES persons(id),
      visit_type text NOT NULL CHECK (visit_type IN ('clinic', 'video', 'phone')),
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      -- The end of the time the clinician is held: the appointment plus its buffer.
      blocked_until timestamptz NOT NULL,
      status text NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'cancelled', 'completed', 'no_show')),
      reason text NOT NULL DEFAULT '' CHECK (length(reason) <= 300),
      interpreter_language text CHECK (interpreter_language IS NULL OR length(interpreter_language) BETWEEN 2 AND 40),
      video_declined boolean NOT NULL DEFAULT false,
      source text NOT NULL DEFAULT 'web' CHECK (source IN ('web', 'reception', 'sms', 'dropin')),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      cancelled_at timestamptz,
      cancelled_by uuid REFERENCES persons(id),
      CHECK (ends_at > starts_at AND blocked_until >= ends_at),
      -- A clinician never has two overlapping appointments, buffers included; a patient never two at once.
      CONSTRAINT appointments_practitioner_no_overlap EXCLUDE USING gist (practitioner_id WITH =, tstzrange(starts_at, blocked_until) WITH &&) WHERE (status = 'booked'),
      CONSTRAINT appointments_patient_no_overlap EXCLUDE USING gist (patient_id WITH =, tstzrange(starts_at, ends_at) WITH &&) WHERE (status = 'booked')
    )`.execute(db);
  await sql`CREATE INDEX appointments_patient_idx ON appointments (patient_id, starts_at)`.execute(db);
  await sql`CREATE INDEX appointments_clinic_day_idx ON appointments (clinic_id, starts_at)`.execute(db);

  // The same Idempotency-Key from the same person returns the first result.
  await sql`
    CREATE TABLE idempotency_keys (
      person_id uuid NOT NULL REFERENCES persons(id),
      key text NOT NULL CHECK (length(key) BETWEEN 8 AND 200),
      scope text NOT NULL,
      request_hash text NOT NULL,
      status_code integer,
      response jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (person_id, scope, key)
    )`.execute(db);

  // Requests reception must handle: an SMS booking, or a patient who does not want video.
  await sql`
    CREATE TABLE booking_requests (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      clinic_id uuid NOT NULL REFERENCES clinics(id),
      patient_id uuid REFERENCES persons(id),
      appointment_id uuid REFERENCES appointments(id),
      kind text NOT NULL CHECK (kind IN ('sms', 'not_video')),
      from_phone text,
      message text NOT NULL DEFAULT '' CHECK (length(message) <= 1000),
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'booked', 'converted', 'rejected')),
      created_at timestamptz NOT NULL DEFAULT now(),
      handled_at timestamptz,
      handled_by uuid REFERENCES persons(id)
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX booking_requests_open_not_video ON booking_requests (appointment_id) WHERE kind = 'not_video' AND status = 'open'`.execute(db);

  await sql`
    CREATE TABLE dropin_entries (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      clinic_id uuid NOT NULL REFERENCES clinics(id),
      patient_id uuid NOT NULL REFERENCES persons(id),
      joined_by uuid NOT NULL REFERENCES persons(id),
      visit_type text NOT NULL CHECK (visit_type IN ('video', 'phone')),
      status text NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'taken', 'left')),
      joined_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      taken_at timestamptz,
      taken_by uuid REFERENCES practitioners(id),
      appointment_id uuid REFERENCES appointments(id)
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX dropin_one_place_each ON dropin_entries (clinic_id, patient_id) WHERE status = 'waiting'`.execute(db);
  await sql`CREATE INDEX dropin_waiting_idx ON dropin_entries (clinic_id, joined_at) WHERE status = 'waiting'`.execute(db);

  // Staff of the clinic where a patient has an appointment or a queue place may see that patient.
  await sql`
    CREATE OR REPLACE VIEW patient_clinics AS
      SELECT patient_id, clinic_id FROM gp_list_entries
      UNION SELECT patient_id, clinic_id FROM appointments
      UNION SELECT patient_id, clinic_id FROM dropin_entries
      UNION SELECT patient_id, clinic_id FROM booking_requests WHERE patient_id IS NOT NULL`.execute(db);

}

export async function down(): Promise<void> {
  throw new Error('migrations are forward only');
}
