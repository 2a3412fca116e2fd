// Letters the product writes itself (issue 10: every payment gives a receipt in the inbox). Such a letter has no
// human author: its message's author is 'system' with no person, its thread no creator; each says where it came from
// (`origin`, e.g. 'receipt-card:<payment id>'), unique, so a hook run twice writes one letter.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE thread_messages
      ALTER COLUMN author_id DROP NOT NULL,
      DROP CONSTRAINT thread_messages_author_role_check,
      ADD CONSTRAINT thread_messages_author_role_check CHECK (author_role IN ('patient', 'guardian', 'office', 'clinician', 'system')),
      ADD CONSTRAINT thread_messages_system_author CHECK ((author_role = 'system') = (author_id IS NULL))`.execute(db);
  await sql`
    ALTER TABLE message_threads
      ALTER COLUMN created_by DROP NOT NULL,
      ADD COLUMN origin text UNIQUE CHECK (origin ~ '^[a-z][a-z-]{1,39}:[0-9a-f-]{36}$'),
      ADD CONSTRAINT message_threads_system_letter CHECK (created_by IS NOT NULL OR (kind = 'letter' AND origin IS NOT NULL))`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward only');
}
