// What kind of care a visit is, where the co-payment rules depend on it (issue 10): a pregnancy check-up is free, and
// so is mental-health care for a patient under 18. The patient may say so when booking; the clinic can set or correct
// it until the visit is paid. Null: an ordinary visit.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE appointments ADD COLUMN care_category text CHECK (care_category IN ('pregnancy', 'mental-health'))`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward only');
}
