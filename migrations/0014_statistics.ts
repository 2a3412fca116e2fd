// Clinic statistics (issue: statistics with charts): anonymous counts per clinic, local day, metric and dimension, rolled
// up from the live tables before retention deletes the communication, so the statistics outlive it. No patient, no
// person, no text: a row is a number. Waits are kept as fixed-bucket histograms (the dimension is the bucket).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE clinic_daily_stats (
      clinic_id uuid NOT NULL REFERENCES clinics(id),
      day date NOT NULL,
      metric text NOT NULL CHECK (metric ~ '^[a-z][a-z0-9_.]{1,59}$'),
      dimension text NOT NULL DEFAULT '' CHECK (dimension ~ '^[a-z0-9_:+-]{0,60}$'),
      value bigint NOT NULL CHECK (value >= 0),
      rolled_up_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (clinic_id, day, metric, dimension)
    )`.execute(db);
  // The daily rollup's runs, one per UTC date: a second chain of the self-scheduling job (two instances starting at once)
  // finds its date taken and stops, so the chains come back to one.
  await sql`
    CREATE TABLE stats_rollup_runs (
      run_date date PRIMARY KEY,
      ran_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward only');
}
