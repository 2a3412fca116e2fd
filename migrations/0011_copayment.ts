// Money (issue 10), first part: the national co-payment tariff and yearly ceilings as data an admin edits, a private
// clinic's prices and options, and every co-payment a patient has paid, per calendar year across all clinics of the
// installation, from which the database itself grants the frikort when the year's ceiling is reached.
import { sql, type Kysely } from 'kysely';
import { SHIPPED_CEILINGS, SHIPPED_TARIFF } from '../src/server/money/tariff-data.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE copayment_tariffs (
      valid_from date NOT NULL,
      service text NOT NULL CHECK (service IN ('gp-consultation', 'econsult', 'prescription-renewal', 'outpatient')),
      time_of_day text NOT NULL CHECK (time_of_day IN ('day', 'evening')),
      amount_ore integer NOT NULL CHECK (amount_ore BETWEEN 0 AND 10000000),
      source text NOT NULL CHECK (length(source) BETWEEN 1 AND 500),
      updated_by uuid REFERENCES persons(id),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (valid_from, service, time_of_day)
    )`.execute(db);
  await sql`
    CREATE TABLE copayment_ceilings (
      year smallint PRIMARY KEY CHECK (year BETWEEN 2000 AND 2200),
      amount_ore integer NOT NULL CHECK (amount_ore BETWEEN 1 AND 100000000),
      source text NOT NULL CHECK (length(source) BETWEEN 1 AND 500),
      updated_by uuid REFERENCES persons(id),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

  // The figures published when this was written; a later year's arrive as a migration of their own, and an admin may
  // correct any row in the product.
  for (const r of SHIPPED_TARIFF) {
    await sql`INSERT INTO copayment_tariffs (valid_from, service, time_of_day, amount_ore, source) VALUES (${r.validFrom}, ${r.service}, ${r.timeOfDay}, ${r.amountOre}, ${r.source}) ON CONFLICT DO NOTHING`.execute(db);
  }
  for (const c of SHIPPED_CEILINGS) {
    await sql`INSERT INTO copayment_ceilings (year, amount_ore, source) VALUES (${c.year}, ${c.amountOre}, ${c.source}) ON CONFLICT DO NOTHING`.execute(db);
  }

  // A private clinic's prices (the e-consultation's is econsult_price_ore) and options.
  await sql`
    ALTER TABLE clinics
      ADD COLUMN visit_price_ore integer CHECK (visit_price_ore BETWEEN 0 AND 10000000),
      ADD COLUMN phone_price_ore integer CHECK (phone_price_ore BETWEEN 0 AND 10000000),
      ADD COLUMN private_children_free boolean NOT NULL DEFAULT false,
      ADD COLUMN accepts_insurance boolean NOT NULL DEFAULT false`.execute(db);

  // One row per co-payment paid, from the payment (or the reception's mark) that paid it: the same purpose counts once.
  await sql`
    CREATE TABLE copayments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      person_id uuid NOT NULL REFERENCES persons(id),
      year smallint NOT NULL CHECK (year BETWEEN 2000 AND 2200),
      clinic_id uuid NOT NULL REFERENCES clinics(id),
      service text NOT NULL CHECK (service IN ('gp-consultation', 'econsult', 'prescription-renewal', 'outpatient')),
      purpose text NOT NULL CHECK (purpose ~ '^[a-z][a-z0-9-]{1,39}$'),
      purpose_id uuid NOT NULL,
      amount_ore integer NOT NULL CHECK (amount_ore > 0),
      paid_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (purpose, purpose_id)
    )`.execute(db);
  await sql`CREATE INDEX copayments_person_year_idx ON copayments (person_id, year)`.execute(db);

  // The frikort follows from the sum, whichever instance or transaction records the payment that reaches the ceiling:
  // one lock per person and year makes concurrent recordings count one after the other.
  await sql`
    CREATE FUNCTION copayments_grant_frikort() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      paid bigint;
      ceiling integer;
    BEGIN
      PERFORM pg_advisory_xact_lock(hashtext('copayments'), hashtext(NEW.person_id::text || ':' || NEW.year));
      SELECT coalesce(sum(amount_ore), 0) INTO paid FROM copayments WHERE person_id = NEW.person_id AND year = NEW.year;
      SELECT amount_ore INTO ceiling FROM copayment_ceilings WHERE year <= NEW.year ORDER BY year DESC LIMIT 1;
      IF ceiling IS NOT NULL AND paid >= ceiling THEN
        INSERT INTO frikort (person_id, year, source) VALUES (NEW.person_id, NEW.year, 'ceiling') ON CONFLICT DO NOTHING;
      END IF;
      RETURN NULL;
    END $$`.execute(db);
  await sql`CREATE TRIGGER copayments_frikort AFTER INSERT ON copayments FOR EACH ROW EXECUTE FUNCTION copayments_grant_frikort()`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('forward-only');
}
