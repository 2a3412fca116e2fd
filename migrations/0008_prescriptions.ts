// Prescriptions: what a clinic's prescriber wrote for a patient (drug from the catalogue, dosage, type, validity,
// withdrawals, locking with a reference number from the registry), the patient's renewal requests with one decision
// per item, and the patient's block on health personnel's view of their prescriptions.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE prescriptions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      patient_id uuid NOT NULL REFERENCES persons(id),
      clinic_id uuid NOT NULL REFERENCES clinics(id),
      prescriber_practitioner_id uuid NOT NULL REFERENCES practitioners(id),
      -- The catalogue's stable slug (prescriptions/catalogue.json); the catalogue is not a table, so no foreign key.
      drug_id text NOT NULL CHECK (drug_id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
      strength text NOT NULL CHECK (length(strength) BETWEEN 1 AND 80),
      dosage_text text NOT NULL CHECK (length(dosage_text) BETWEEN 1 AND 500),
      type text NOT NULL CHECK (type IN ('white', 'blue', 'H')),
      issued_on date NOT NULL,
      valid_until date NOT NULL,
      withdrawals_prescribed smallint NOT NULL CHECK (withdrawals_prescribed BETWEEN 1 AND 99),
      withdrawals_left smallint NOT NULL CHECK (withdrawals_left >= 0),
      locked boolean NOT NULL DEFAULT false,
      -- Issued by the prescription registry when the patient locks the prescription; the pharmacy needs it then.
      reference_number text UNIQUE CHECK (reference_number ~ '^[0-9A-Z]{4}-[0-9A-Z]{4}$'),
      -- The prescription this one renews: each is renewed at most once.
      replaces_id uuid UNIQUE REFERENCES prescriptions(id),
      sent_to_registry_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (valid_until >= issued_on),
      CHECK (withdrawals_left <= withdrawals_prescribed),
      CHECK (NOT locked OR reference_number IS NOT NULL),
      CHECK (replaces_id IS DISTINCT FROM id)
    )`.execute(db);
  await sql`CREATE INDEX prescriptions_patient_idx ON prescriptions (patient_id, issued_on DESC)`.execute(db);

  await sql`
    CREATE TABLE prescription_renewal_requests (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      patient_id uuid NOT NULL REFERENCES persons(id),
      -- The clinic whose prescriptions are asked for; it decides.
      clinic_id uuid NOT NULL REFERENCES clinics(id),
      -- The patient, or the parent acting for a child under 12.
      requested_by uuid NOT NULL REFERENCES persons(id),
      note text CHECK (length(note) BETWEEN 1 AND 1000),
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX prescription_renewal_requests_clinic_idx ON prescription_renewal_requests (clinic_id, created_at)`.execute(db);
  await sql`CREATE INDEX prescription_renewal_requests_patient_idx ON prescription_renewal_requests (patient_id, created_at)`.execute(db);

  await sql`
    CREATE TABLE prescription_renewal_items (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      request_id uuid NOT NULL REFERENCES prescription_renewal_requests(id),
      prescription_id uuid NOT NULL REFERENCES prescriptions(id),
      status text NOT NULL DEFAULT 'sent' CHECK (status IN ('sent', 'approved', 'declined')),
      -- Declined by a rule (A/B-class drugs need a visit) or by a clinician with a reason the patient reads: one of them.
      decline_rule text CHECK (decline_rule IN ('needs-visit')),
      decline_reason text CHECK (length(decline_reason) BETWEEN 1 AND 1000),
      decided_by uuid REFERENCES persons(id),
      decided_at timestamptz,
      new_prescription_id uuid UNIQUE REFERENCES prescriptions(id),
      UNIQUE (request_id, prescription_id),
      CHECK ((status = 'sent') = (decided_at IS NULL)),
      CHECK ((status = 'approved') = (new_prescription_id IS NOT NULL)),
      CHECK (status <> 'approved' OR decided_by IS NOT NULL),
      CHECK (status = 'declined' OR (decline_rule IS NULL AND decline_reason IS NULL)),
      CHECK (status <> 'declined' OR ((decline_rule IS NULL) <> (decline_reason IS NULL))),
      CHECK (decline_rule IS NULL OR decided_by IS NULL),
      CHECK (decline_reason IS NULL OR decided_by IS NOT NULL)
    )`.execute(db);
  await sql`CREATE INDEX prescription_renewal_items_request_idx ON prescription_renewal_items (request_id)`.execute(db);
  // One open request per prescription: asking twice adds nothing for the clinic to decide.
  await sql`CREATE UNIQUE INDEX prescription_renewal_one_open ON prescription_renewal_items (prescription_id) WHERE status = 'sent'`.execute(db);
  // A decision stands: once an item left 'sent' the database refuses to change or remove it, whoever asks.
  await sql`
    CREATE FUNCTION prescription_renewal_decided_once() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF OLD.status <> 'sent' THEN
        RAISE EXCEPTION 'a renewal item is decided once' USING ERRCODE = 'check_violation';
      END IF;
      RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END $$`.execute(db);
  await sql`CREATE TRIGGER prescription_renewal_items_decided_once BEFORE UPDATE OR DELETE ON prescription_renewal_items FOR EACH ROW EXECUTE FUNCTION prescription_renewal_decided_once()`.execute(db);

  // The patient's block on health personnel's view of their prescriptions (the prescriber still sees their own).
  await sql`
    CREATE TABLE prescription_access_blocks (
      patient_id uuid PRIMARY KEY REFERENCES persons(id),
      blocked_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward only');
}
