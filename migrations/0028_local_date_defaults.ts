// A day-valued default is the Norwegian calendar day, not the database session's: `current_date` follows the session's
// TimeZone (UTC on most servers), which between 00:00 and 01:00 in Oslo (02:00 in summer) is still yesterday.
import { sql, type Kysely } from 'kysely';

const COLUMNS = [
  ['gp_list_entries', 'since'],
  ['availability_rules', 'valid_from'],
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [table, column] of COLUMNS) {
    await sql`ALTER TABLE ${sql.table(table)} ALTER COLUMN ${sql.ref(column)} SET DEFAULT ((now() AT TIME ZONE 'Europe/Oslo')::date)`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [table, column] of COLUMNS) await sql`ALTER TABLE ${sql.table(table)} ALTER COLUMN ${sql.ref(column)} SET DEFAULT current_date`.execute(db);
}
