// Exemptions applied to visits (issue 10: the settlement shows exemptions with counts): when the desk settles a visit
// that costs the patient nothing, or an invoice would be for nothing, the exemption and the list price it waived are
// kept, once per visit. (An e-consultation keeps its own price rule on the case.)
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE exemptions_applied (
      purpose text NOT NULL CHECK (purpose ~ '^[a-z][a-z0-9-]{1,39}$'),
      purpose_id uuid NOT NULL,
      clinic_id uuid NOT NULL REFERENCES clinics(id),
      exemption text NOT NULL CHECK (exemption IN ('under-16', 'under-18-mental-health', 'pregnancy', 'frikort', 'private-children-free')),
      list_price_ore integer NOT NULL CHECK (list_price_ore >= 0),
      applied_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (purpose, purpose_id)
    )`.execute(db);
  await sql`CREATE INDEX exemptions_applied_clinic_idx ON exemptions_applied (clinic_id, applied_at)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward only');
}
