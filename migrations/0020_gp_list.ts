// The GP list (fastlegeordningen, issue 11): each GP's list with its ceiling (listetak), the waiting list of a full
// list, switches counted per calendar year (2 ordinary, enforced by a unique ordinal, so two parallel switches with
// one left cannot both pass), extra switches granted by a registered move, a GP who quit or a reduced list (each used
// once), the right to the former GP after moving back within 3 years, who was on which list when, registered moves
// (from the population register's adapter), and journal transfers between offices.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE persons ADD COLUMN municipality text`.execute(db);

  await sql`
    CREATE TABLE gp_lists (
      practitioner_id uuid PRIMARY KEY REFERENCES practitioners(id),
      clinic_id uuid NOT NULL REFERENCES clinics(id),
      ceiling integer NOT NULL CHECK (ceiling BETWEEN 0 AND 5000),
      gender text CHECK (gender IN ('female', 'male')),
      languages text[] NOT NULL DEFAULT '{}',
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'quit')),
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX gp_list_entries_practitioner_idx ON gp_list_entries (practitioner_id, since)`.execute(db);
  // Lists that exist already (the demo's, a deployment's) get a list row with room for who is on them.
  await sql`
    INSERT INTO gp_lists (practitioner_id, clinic_id, ceiling)
    SELECT practitioner_id, min(clinic_id::text)::uuid, greatest(1500, count(*)) FROM gp_list_entries GROUP BY practitioner_id`.execute(db);

  await sql`
    CREATE TABLE gp_list_history (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      patient_id uuid NOT NULL REFERENCES persons(id),
      practitioner_id uuid NOT NULL REFERENCES practitioners(id),
      clinic_id uuid NOT NULL REFERENCES clinics(id),
      municipality text,
      listed_from timestamptz NOT NULL,
      listed_until timestamptz NOT NULL,
      CHECK (listed_until >= listed_from)
    )`.execute(db);
  await sql`CREATE INDEX gp_list_history_patient_idx ON gp_list_history (patient_id, listed_until DESC)`.execute(db);

  await sql`
    CREATE TABLE gp_extra_switches (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      person_id uuid NOT NULL REFERENCES persons(id),
      reason text NOT NULL CHECK (reason IN ('moved', 'gp-quit', 'list-reduced')),
      -- What gave it (the move, the list), so one event grants one extra switch.
      source_id uuid NOT NULL,
      granted_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (person_id, reason, source_id)
    )`.execute(db);

  await sql`
    CREATE TABLE gp_switches (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      person_id uuid NOT NULL REFERENCES persons(id),
      year smallint NOT NULL CHECK (year BETWEEN 2000 AND 2200),
      kind text NOT NULL CHECK (kind IN ('first', 'ordinary', 'extra', 'return')),
      ordinal smallint CHECK (ordinal BETWEEN 1 AND 2),
      extra_switch_id uuid UNIQUE REFERENCES gp_extra_switches(id),
      from_practitioner_id uuid REFERENCES practitioners(id),
      to_practitioner_id uuid NOT NULL REFERENCES practitioners(id),
      reason text CHECK (length(reason) <= 500),
      by_person_id uuid NOT NULL REFERENCES persons(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (person_id, year, ordinal),
      CHECK ((kind = 'ordinary') = (ordinal IS NOT NULL)),
      CHECK ((kind = 'extra') = (extra_switch_id IS NOT NULL))
    )`.execute(db);

  await sql`
    CREATE TABLE gp_waiting_list (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      practitioner_id uuid NOT NULL REFERENCES practitioners(id),
      patient_id uuid NOT NULL REFERENCES persons(id),
      switch_id uuid NOT NULL REFERENCES gp_switches(id),
      status text NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'placed', 'withdrawn')),
      created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      ended_at timestamptz,
      CHECK ((status = 'waiting') = (ended_at IS NULL))
    )`.execute(db);
  // One waiting list at a time per patient; the order is the time of joining.
  await sql`CREATE UNIQUE INDEX gp_waiting_list_one_idx ON gp_waiting_list (patient_id) WHERE status = 'waiting'`.execute(db);
  await sql`CREATE INDEX gp_waiting_list_order_idx ON gp_waiting_list (practitioner_id, created_at, id) WHERE status = 'waiting'`.execute(db);

  await sql`
    CREATE TABLE population_moves (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      person_id uuid NOT NULL REFERENCES persons(id),
      from_municipality text,
      to_municipality text NOT NULL CHECK (length(to_municipality) BETWEEN 2 AND 80),
      moved_on date NOT NULL,
      registered_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX population_moves_person_idx ON population_moves (person_id, moved_on DESC)`.execute(db);

  await sql`
    CREATE TABLE gp_return_rights (
      person_id uuid NOT NULL REFERENCES persons(id),
      practitioner_id uuid NOT NULL REFERENCES practitioners(id),
      move_id uuid NOT NULL REFERENCES population_moves(id),
      until date NOT NULL,
      used_at timestamptz,
      PRIMARY KEY (person_id, practitioner_id, move_id)
    )`.execute(db);

  await sql`
    CREATE TABLE gp_journal_transfers (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      patient_id uuid NOT NULL REFERENCES persons(id),
      from_clinic_id uuid NOT NULL REFERENCES clinics(id),
      to_clinic_id uuid NOT NULL REFERENCES clinics(id),
      requested_by uuid NOT NULL REFERENCES persons(id),
      requested_at timestamptz NOT NULL DEFAULT now(),
      status text NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'sent')),
      sent_at timestamptz,
      sent_by uuid REFERENCES persons(id),
      CHECK ((status = 'sent') = (sent_at IS NOT NULL)),
      CHECK (from_clinic_id <> to_clinic_id),
      UNIQUE (patient_id, from_clinic_id, to_clinic_id)
    )`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward only');
}
