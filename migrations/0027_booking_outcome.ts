// Booking in one round trip: the statement that inserts a planned appointment ends by saying what happened as an error,
// so the statements sent after it in the same round trip (the confirmation, the reminders, the idempotency key) are
// skipped and the whole is rolled back when nothing was booked. NB409: the time is held by someone else (or the
// patient is busy then); NB412: the clinician's schedule changed since the booking was planned.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION booking_outcome(fits boolean, booked boolean) RETURNS boolean LANGUAGE plpgsql AS $$
    BEGIN
      IF booked THEN RETURN true; END IF;
      IF fits THEN RAISE EXCEPTION 'the time is taken' USING ERRCODE = 'NB409'; END IF;
      RAISE EXCEPTION 'the schedule changed since the booking was planned' USING ERRCODE = 'NB412';
    END $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP FUNCTION booking_outcome(boolean, boolean)`.execute(db);
}
