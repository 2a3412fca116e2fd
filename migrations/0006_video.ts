// Video consultation: one room per video appointment (identity check, running late, phone fallback, ended), its
// participants (patient, clinician, interpreter, relative) with their waiting-room state, and one-time guest invitations.
// Nothing of the call itself is stored: no media, no chat, no signaling.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE video_rooms (
      appointment_id uuid PRIMARY KEY REFERENCES appointments(id),
      clinic_id uuid NOT NULL REFERENCES clinics(id),
      -- The appointment's version when the room last saw it: a newer version means it was moved, and the room emptied.
      appointment_version integer NOT NULL,
      late_minutes smallint NOT NULL DEFAULT 0 CHECK (late_minutes BETWEEN 0 AND 240),
      late_set_at timestamptz,
      identity_checked_at timestamptz,
      identity_checked_by uuid REFERENCES persons(id),
      phone_requested_at timestamptz,
      phone_requested_by uuid REFERENCES persons(id),
      phone_number text CHECK (phone_number ~ '^\\+?[0-9]{8,15}$'),
      started_at timestamptz,
      ended_at timestamptz,
      ended_reason text CHECK (ended_reason IN ('completed', 'cancelled', 'changed')),
      -- Kept by the trigger below: the database itself refuses a fifth admitted participant, whatever the race.
      admitted_count smallint NOT NULL DEFAULT 0 CHECK (admitted_count BETWEEN 0 AND 4),
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((identity_checked_at IS NULL) = (identity_checked_by IS NULL)),
      CHECK ((ended_at IS NULL) = (ended_reason IS NULL)),
      CHECK (ended_at IS NULL OR admitted_count = 0)
    )`.execute(db);

  await sql`
    CREATE TABLE video_participants (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      appointment_id uuid NOT NULL REFERENCES video_rooms(appointment_id),
      role text NOT NULL CHECK (role IN ('patient', 'clinician', 'interpreter', 'relative')),
      -- The patient (also when a parent joins for a child) or the clinician; guests are nobody we know.
      person_id uuid REFERENCES persons(id),
      -- Who entered: the patient, or the parent acting for a child under 16.
      joined_by uuid REFERENCES persons(id),
      display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 80),
      state text NOT NULL CHECK (state IN ('invited', 'waiting', 'admitted', 'left')),
      left_reason text CHECK (left_reason IN ('left', 'removed', 'cancelled', 'moved', 'changed', 'ended')),
      -- A guest's credential after accepting the invitation: the hash of the random token in their cookie.
      guest_token_hash text UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      waiting_since timestamptz,
      admitted_at timestamptz,
      left_at timestamptz,
      CHECK ((role IN ('patient', 'clinician')) = (person_id IS NOT NULL)),
      CHECK (role IN ('interpreter', 'relative') OR (guest_token_hash IS NULL AND state <> 'invited')),
      CHECK ((state = 'left') = (left_at IS NOT NULL AND left_reason IS NOT NULL)),
      CHECK (state <> 'admitted' OR admitted_at IS NOT NULL)
    )`.execute(db);
  // One live row per person per room: entering again finds the row rather than adding one.
  await sql`CREATE UNIQUE INDEX video_participants_one_live_each ON video_participants (appointment_id, person_id) WHERE state <> 'left' AND person_id IS NOT NULL`.execute(db);
  await sql`CREATE INDEX video_participants_room_idx ON video_participants (appointment_id, state)`.execute(db);

  await sql`
    CREATE FUNCTION video_count_admitted() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      delta integer := 0;
    BEGIN
      IF TG_OP = 'INSERT' THEN
        IF NEW.state = 'admitted' THEN delta := 1; END IF;
      ELSIF OLD.state IS DISTINCT FROM NEW.state THEN
        IF NEW.state = 'admitted' THEN delta := 1; ELSIF OLD.state = 'admitted' THEN delta := -1; END IF;
      END IF;
      IF delta <> 0 THEN
        UPDATE video_rooms SET admitted_count = admitted_count + delta,
               started_at = CASE WHEN delta > 0 THEN coalesce(started_at, now()) ELSE started_at END
         WHERE appointment_id = NEW.appointment_id;
      END IF;
      RETURN NEW;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER video_participants_count AFTER INSERT OR UPDATE OF state ON video_participants
      FOR EACH ROW EXECUTE FUNCTION video_count_admitted()`.execute(db);

  // A one-time link for an interpreter or a relative: only the token's hash is kept, and it is consumed once.
  await sql`
    CREATE TABLE video_invitations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      participant_id uuid NOT NULL UNIQUE REFERENCES video_participants(id),
      token_hash text NOT NULL UNIQUE,
      created_by uuid NOT NULL REFERENCES persons(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      consumed_at timestamptz
    )`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward only');
}
