// Statistics that stay right when an appointment changes after its day was rolled up (issue 10): a no-show marked the
// next morning, a visit completed late. The trigger moves the count from the old status to the new one on the day's
// rolled-up row, in the same transaction as the change, whichever code path makes it; a day not rolled up yet is
// left to the rollup, which counts from the live table.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION appointments_restate_stats() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      local_day date;
    BEGIN
      SELECT (NEW.starts_at AT TIME ZONE c.time_zone)::date INTO local_day FROM clinics c WHERE c.id = NEW.clinic_id;
      IF NOT EXISTS (SELECT 1 FROM clinic_daily_stats WHERE clinic_id = NEW.clinic_id AND day = local_day AND metric = 'rollup.done') THEN
        RETURN NULL;
      END IF;
      UPDATE clinic_daily_stats SET value = value - 1, rolled_up_at = now()
       WHERE clinic_id = NEW.clinic_id AND day = local_day AND metric = 'appointments' AND dimension = OLD.visit_type || ':' || OLD.status AND value > 0;
      INSERT INTO clinic_daily_stats (clinic_id, day, metric, dimension, value)
      VALUES (NEW.clinic_id, local_day, 'appointments', NEW.visit_type || ':' || NEW.status, 1)
      ON CONFLICT (clinic_id, day, metric, dimension) DO UPDATE SET value = clinic_daily_stats.value + 1, rolled_up_at = now();
      RETURN NULL;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER appointments_restate_stats AFTER UPDATE OF status ON appointments
      FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION appointments_restate_stats()`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward only');
}
