// Seasonal vaccination (issue 11, seed 002): a clinic publishes a campaign (vaccine, period, daily hours, target groups
// with a price each, many patients per time slot); patients and parents book, move or cancel a time; reception marks
// the vaccine given. A slot never takes more than its capacity: the count is kept on the slot row, raised by one
// guarded UPDATE and held by a CHECK, so concurrent bookings cannot overfill it.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE vaccination_campaigns (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      clinic_id uuid NOT NULL REFERENCES clinics(id),
      vaccine text NOT NULL CHECK (length(btrim(vaccine)) BETWEEN 2 AND 120),
      starts_on date NOT NULL,
      ends_on date NOT NULL,
      day_start time NOT NULL,
      day_end time NOT NULL,
      slot_minutes integer NOT NULL CHECK (slot_minutes BETWEEN 5 AND 60),
      capacity_per_slot integer NOT NULL CHECK (capacity_per_slot BETWEEN 1 AND 200),
      created_by uuid NOT NULL REFERENCES persons(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (ends_on >= starts_on AND ends_on <= starts_on + 366),
      CHECK (day_end > day_start)
    )`.execute(db);
  await sql`
    CREATE TABLE vaccination_groups (
      campaign_id uuid NOT NULL REFERENCES vaccination_campaigns(id),
      target_group text NOT NULL CHECK (target_group IN ('65-plus', 'risk-group', 'health-personnel', 'others')),
      price_ore integer NOT NULL CHECK (price_ore BETWEEN 0 AND 1000000),
      PRIMARY KEY (campaign_id, target_group)
    )`.execute(db);
  await sql`
    CREATE TABLE vaccination_slots (
      campaign_id uuid NOT NULL REFERENCES vaccination_campaigns(id),
      starts_at timestamptz NOT NULL,
      capacity integer NOT NULL CHECK (capacity >= 0),
      booked integer NOT NULL DEFAULT 0,
      PRIMARY KEY (campaign_id, starts_at),
      CHECK (booked BETWEEN 0 AND capacity)
    )`.execute(db);
  await sql`
    CREATE TABLE vaccination_bookings (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      campaign_id uuid NOT NULL,
      starts_at timestamptz NOT NULL,
      patient_id uuid NOT NULL REFERENCES persons(id),
      target_group text NOT NULL,
      price_ore integer NOT NULL CHECK (price_ore >= 0),
      booked_by uuid NOT NULL REFERENCES persons(id),
      status text NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'cancelled', 'given')),
      created_at timestamptz NOT NULL DEFAULT now(),
      cancelled_at timestamptz,
      given_at timestamptz,
      given_by uuid REFERENCES persons(id),
      FOREIGN KEY (campaign_id, starts_at) REFERENCES vaccination_slots (campaign_id, starts_at),
      FOREIGN KEY (campaign_id, target_group) REFERENCES vaccination_groups (campaign_id, target_group),
      CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL)),
      CHECK ((status = 'given') = (given_at IS NOT NULL))
    )`.execute(db);
  // One vaccine time per person and campaign (a cancelled one does not count).
  await sql`CREATE UNIQUE INDEX vaccination_bookings_one_idx ON vaccination_bookings (campaign_id, patient_id) WHERE status <> 'cancelled'`.execute(db);
  await sql`CREATE INDEX vaccination_bookings_slot_idx ON vaccination_bookings (campaign_id, starts_at) WHERE status <> 'cancelled'`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward only');
}
