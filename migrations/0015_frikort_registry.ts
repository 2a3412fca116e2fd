// A frikort from outside (issue 10): HELFO grants frikort from co-payments paid anywhere in Norway, not only here. The
// product asks a frikort registry through an adapter; in development and tests the bundled local registry answers from
// this table, filled on its dev page (/dev/frikort). Only a national ID number and a year: no health information.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE frikort_registry_local (
      national_id text NOT NULL CHECK (national_id ~ '^[0-9]{11}$'),
      year smallint NOT NULL CHECK (year BETWEEN 2000 AND 2200),
      registered_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (national_id, year)
    )`.execute(db);
  // When the registry was last asked about a person and year (so a price shown does not ask it every time).
  await sql`
    CREATE TABLE frikort_lookups (
      person_id uuid NOT NULL REFERENCES persons(id),
      year smallint NOT NULL,
      asked_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (person_id, year)
    )`.execute(db);
}
