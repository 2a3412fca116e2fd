// A frikort from outside: HELFO grants frikort from co-payments paid anywhere, so before the product prices a visit it
// asks the frikort registry whether the patient has one this year, at most once a day per person and year, and records
// a yes as a frikort of source 'external' (which every price then honours). In development and tests the bundled local
// registry answers from its own table (filled on /dev/frikort); a registry over the network plugs in here.
import { sql } from 'kysely';
import type { Db } from '../platform/db/database.ts';

export interface FrikortRegistry {
  readonly name: string;
  /** Whether the person with this national ID number has a frikort for the year. */
  hasFrikort(nationalId: string, year: number): Promise<boolean>;
}

/** The bundled local registry: a frikort is what its dev page registered. */
export function localFrikortRegistry(db: Db): FrikortRegistry & { register(nationalId: string, year: number): Promise<void> } {
  return {
    name: 'local',
    async hasFrikort(nationalId, year) {
      return (await db.selectFrom('frikort_registry_local').select('year').where('national_id', '=', nationalId).where('year', '=', year).executeTakeFirst()) !== undefined;
    },
    async register(nationalId, year) {
      await db.insertInto('frikort_registry_local').values({ national_id: nationalId, year }).onConflict((oc) => oc.doNothing()).execute();
    },
  };
}

/** How long a "no" from the registry holds before it is asked again. */
const ASK_AGAIN_AFTER_HOURS = 24;

/**
 * Asks the registry about the person and year unless asked within the day, or a frikort is already known; a yes becomes
 * a frikort of source 'external'. A registry that cannot answer changes nothing (the price is the one without it, and
 * the next look asks again). Whether it was asked is claimed by one conditional write, so two requests ask once.
 */
export async function syncExternalFrikort(db: Db, registry: FrikortRegistry, personId: string, year: number, log?: { warn(o: object, msg: string): void }): Promise<void> {
  const known = await db.selectFrom('frikort').select('year').where('person_id', '=', personId).where('year', '=', year).executeTakeFirst();
  if (known) return;
  const claimed = await sql<{ person_id: string }>`
    INSERT INTO frikort_lookups (person_id, year) VALUES (${personId}, ${year})
    ON CONFLICT (person_id, year) DO UPDATE SET asked_at = now()
      WHERE frikort_lookups.asked_at < now() - make_interval(hours => ${ASK_AGAIN_AFTER_HOURS})
    RETURNING person_id`.execute(db);
  if (claimed.rows.length === 0) return;
  const person = await db.selectFrom('persons').select('national_id').where('id', '=', personId).executeTakeFirst();
  if (!person) return;
  let has: boolean;
  try {
    has = await registry.hasFrikort(person.national_id, year);
  } catch (err) {
    log?.warn({ registry: registry.name, err: (err as Error).message }, 'frikort registry unavailable');
    // Not asked after all: the next look tries again.
    await db.deleteFrom('frikort_lookups').where('person_id', '=', personId).where('year', '=', year).execute();
    return;
  }
  if (has) await db.insertInto('frikort').values({ person_id: personId, year, source: 'external' }).onConflict((oc) => oc.doNothing()).execute();
}
