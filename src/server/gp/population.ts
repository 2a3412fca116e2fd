// The population register's part in the GP list (Folkeregisteret): a registered move sets the person's municipality,
// gives an extra GP switch, and — moving back to the former municipality within 3 years — the right to the former GP.
// The bundled local register is fed by the dev page /dev/folkeregister; a production adapter would call the same.
import { randomUUID } from 'node:crypto';
import { localDate } from '../../shared/time.ts';
import { retryingTransaction, type Db } from '../platform/db/database.ts';
import { returnRight, type ListedPeriod } from './domain.ts';
import * as store from './store.ts';

export async function registerMove(db: Db, m: { personId: string; toMunicipality: string; movedOn: string }, now = new Date()): Promise<{ moveId: string; returnTo: string | null }> {
  return retryingTransaction(db, async (tx) => {
    await store.lockPerson(tx, m.personId);
    const person = await tx.selectFrom('persons').select(['municipality']).where('id', '=', m.personId).executeTakeFirstOrThrow();
    const moveId = randomUUID();
    await tx.insertInto('population_moves').values({ id: moveId, person_id: m.personId, from_municipality: person.municipality, to_municipality: m.toMunicipality, moved_on: m.movedOn }).execute();
    await tx.updateTable('persons').set({ municipality: m.toMunicipality }).where('id', '=', m.personId).execute();
    if (person.municipality === m.toMunicipality) return { moveId, returnTo: null };
    await tx.insertInto('gp_extra_switches').values({ person_id: m.personId, reason: 'moved', source_id: moveId }).execute();

    const earlier = await tx.selectFrom('population_moves').select(['from_municipality', 'to_municipality', 'moved_on']).where('person_id', '=', m.personId).where('id', '<>', moveId).execute();
    const entry = await store.entryOf(tx, m.personId);
    const history: ListedPeriod[] = (await store.historyOf(tx, m.personId)).map((h) => ({ practitionerId: h.practitioner_id, municipality: h.municipality, from: localDate(h.listed_from), until: localDate(h.listed_until) }));
    if (entry) history.push({ practitionerId: entry.practitioner_id, municipality: entry.municipality, from: entry.since, until: localDate(now) });
    const right = returnRight(
      { from: person.municipality, to: m.toMunicipality, movedOn: m.movedOn },
      earlier.map((e) => ({ from: e.from_municipality, to: e.to_municipality, movedOn: e.moved_on })),
      history,
      entry?.practitioner_id ?? null,
    );
    if (right) await tx.insertInto('gp_return_rights').values({ person_id: m.personId, practitioner_id: right.practitionerId, move_id: moveId, until: right.until }).execute();
    return { moveId, returnTo: right?.practitionerId ?? null };
  });
}
