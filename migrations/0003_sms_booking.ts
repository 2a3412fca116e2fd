// SMS booking: every inbound SMS once (a redelivery is refused by the schema), the request it became, reception's note.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per SMS received, whatever became of it; the text itself is not kept here, only its fingerprint.
  // A provider id makes a repeat the same message; without one (SMPP), the same text from the same number
  // inside the repeat window is: two windows of one sender and text never overlap.
  await sql`
    CREATE TABLE inbound_sms (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      provider text NOT NULL CHECK (length(provider) BETWEEN 1 AND 40),
      provider_message_id text CHECK (length(provider_message_id) BETWEEN 1 AND 200),
      from_phone text NOT NULL CHECK (length(from_phone) BETWEEN 1 AND 40),
      text_fingerprint text NOT NULL,
      received_at timestamptz NOT NULL,
      repeat_window tstzrange NOT NULL,
      outcome text NOT NULL CHECK (outcome IN ('requested', 'unknown-clinic', 'unparseable', 'no-match')),
      clinic_id uuid REFERENCES clinics(id),
      CONSTRAINT inbound_sms_provider_id_once UNIQUE (provider, provider_message_id),
      CONSTRAINT inbound_sms_no_repeat EXCLUDE USING gist (from_phone WITH =, text_fingerprint WITH =, repeat_window WITH &&) WHERE (provider_message_id IS NULL)
    )`.execute(db);
  // Counting one number's recent messages (a flood gets no replies).
  await sql`CREATE INDEX inbound_sms_from_idx ON inbound_sms (from_phone, received_at)`.execute(db);

  await sql`
    ALTER TABLE booking_requests
      ADD COLUMN inbound_sms_id uuid UNIQUE REFERENCES inbound_sms(id),
      ADD COLUMN handled_note text CHECK (length(handled_note) <= 300),
      ADD CONSTRAINT booking_requests_sms_has_sender CHECK (kind <> 'sms' OR from_phone IS NOT NULL)`.execute(db);
  await sql`CREATE INDEX booking_requests_open_idx ON booking_requests (clinic_id, created_at) WHERE status = 'open'`.execute(db);

  // The sender is found by birth date and mobile number.
  await sql`CREATE INDEX persons_birth_date_phone_idx ON persons (birth_date, phone)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward only');
}
