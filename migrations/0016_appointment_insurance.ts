// Insurance cover (issue 10): at a private clinic that accepts it, the patient gives an insurer and a policy number
// for a booked visit, and the visit is billed to the insurer instead of the card. One row per visit; the clinic admin
// lists them as claims to send. No health information: the insurer's name and the policy number only.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE appointment_insurance (
      appointment_id uuid PRIMARY KEY REFERENCES appointments(id),
      insurer text NOT NULL CHECK (length(btrim(insurer)) BETWEEN 2 AND 80),
      policy_number text NOT NULL CHECK (policy_number ~ '^[A-Za-z0-9][A-Za-z0-9 ./-]{2,39}$'),
      given_by uuid NOT NULL REFERENCES persons(id),
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
}
