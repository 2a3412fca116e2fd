// Invoices afterwards (issue 10; hospital outpatient visits, seed 001): one per visit, with a KID carrying a MOD10 check
// digit unique across the installation, due in 14 days, paid into the clinic's account; a bank's payment is matched to
// it by KID, once.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Norwegian account number: 11 digits (the MOD11 check is the service's).
  await sql`ALTER TABLE clinics ADD COLUMN bank_account text CHECK (bank_account ~ '^[0-9]{11}$')`.execute(db);
  await sql`CREATE SEQUENCE invoice_numbers START 100001`.execute(db);
  await sql`
    CREATE TABLE invoices (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      number bigint NOT NULL UNIQUE,
      clinic_id uuid NOT NULL REFERENCES clinics(id),
      patient_id uuid NOT NULL REFERENCES persons(id),
      appointment_id uuid NOT NULL UNIQUE REFERENCES appointments(id),
      amount_ore integer NOT NULL CHECK (amount_ore > 0),
      kid text NOT NULL UNIQUE CHECK (kid ~ '^[0-9]{2,25}$'),
      bank_account text NOT NULL CHECK (bank_account ~ '^[0-9]{11}$'),
      issued_at timestamptz NOT NULL DEFAULT now(),
      due_on date NOT NULL,
      issued_by uuid NOT NULL REFERENCES persons(id),
      letter_thread_id uuid REFERENCES message_threads(id),
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'paid')),
      paid_at timestamptz,
      paid_amount_ore integer CHECK (paid_amount_ore > 0),
      CHECK ((status = 'paid') = (paid_at IS NOT NULL AND paid_amount_ore IS NOT NULL))
    )`.execute(db);
  await sql`CREATE INDEX invoices_clinic_idx ON invoices (clinic_id, status, due_on)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward only');
}
