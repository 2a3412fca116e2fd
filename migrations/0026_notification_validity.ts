// A notice can lose its point: a reminder of an appointment that has begun. Since sends are retried for up to a day
// (a counterpart may be down that long), a notice may carry the moment after which it is dropped instead of sent.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE notifications ADD COLUMN valid_until timestamptz`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE notifications DROP COLUMN valid_until`.execute(db);
}
