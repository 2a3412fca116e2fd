// "Delete my account" (issue 11): when a person deleted their account, kept with the person (whose identity the
// journal, payments and access log still need).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE persons ADD COLUMN account_deleted_at timestamptz`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward only');
}
