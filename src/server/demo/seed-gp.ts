// The GP list for the demo (issue 11): Fjordbyen's GPs get their lists (Lise Berg, Per Olsen), the demo patients live
// in Bergen, and a second GP office in Oslo, Elvebakken legesenter, has Nora Lien, whose list is full with two on its
// waiting list, and Sander Bakke, with free places. Once only (per office); the lists' rows do nothing when present.
import type { Db, Tx } from '../platform/db/database.ts';
import { syntheticNationalId } from './synthetic-ids.ts';
import { switchYear } from '../gp/domain.ts';
import { DEMO_CLINICS, person } from './seed.ts';

export const DEMO_GP_OFFICE = { org_number: '923456783', name: 'Elvebakken legesenter', kind: 'public_gp' as const };

async function practitioner(tx: Tx, nid: string, name: string, hpr: string): Promise<string> {
  const personId = await person(tx, nid, name, null);
  await tx.insertInto('practitioners').values({ person_id: personId, hpr_number: hpr, profession: 'doctor' }).onConflict((oc) => oc.doNothing()).execute();
  return (await tx.selectFrom('practitioners').select('id').where('person_id', '=', personId).executeTakeFirstOrThrow()).id;
}

export async function seedGpDemo(db: Db): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const fjordbyen = await tx.selectFrom('clinics').select('id').where('org_number', '=', DEMO_CLINICS.public.org_number).executeTakeFirst();
    if (!fjordbyen) return;
    const gps = await tx
      .selectFrom('practitioners as pr')
      .innerJoin('persons as p', 'p.id', 'pr.person_id')
      .select(['pr.id', 'p.name'])
      .where('p.name', 'in', ['Lise Berg', 'Per Olsen'])
      .execute();
    const id = (name: string) => gps.find((g) => g.name === name)?.id;
    const lists = [
      { practitioner_id: id('Lise Berg'), clinic_id: fjordbyen.id, ceiling: 1200, gender: 'female' as const, languages: ['norsk', 'engelsk'] },
      { practitioner_id: id('Per Olsen'), clinic_id: fjordbyen.id, ceiling: 1500, gender: 'male' as const, languages: ['norsk', 'tysk'] },
    ].filter((l): l is typeof l & { practitioner_id: string } => Boolean(l.practitioner_id));
    if (lists.length) await tx.insertInto('gp_lists').values(lists).onConflict((oc) => oc.column('practitioner_id').doNothing()).execute();
    await tx.updateTable('persons').set({ municipality: 'Bergen' }).where('name', 'in', ['Kari Nordmann', 'Emma Nordmann', 'Jonas Nordmann', 'Ola Hansen', 'Amir Haddad', 'Ingrid Solberg']).where('municipality', 'is', null).execute();

    if (await tx.selectFrom('clinics').select('id').where('org_number', '=', DEMO_GP_OFFICE.org_number).executeTakeFirst()) return;
    const office = await tx
      .insertInto('clinics')
      .values({
        ...DEMO_GP_OFFICE,
        country: 'NO',
        time_zone: 'Europe/Oslo',
        municipality: 'Oslo',
        address: 'Elvebakken 3, 0182 Oslo',
        phone: '+47 23 00 00 00',
        email: 'post@elvebakken-legesenter.example',
        website: 'https://elvebakken-legesenter.example',
        services: ['booking', 'econsult', 'messages', 'prescription_renewal'],
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const nora = await practitioner(tx, syntheticNationalId('1980-02-14', 0, { female: true }), 'Nora Lien', '1000006');
    const sander = await practitioner(tx, syntheticNationalId('1976-10-05', 0, { female: false }), 'Sander Bakke', '1000007');
    for (const p of [nora, sander]) {
      const personId = (await tx.selectFrom('practitioners').select('person_id').where('id', '=', p).executeTakeFirstOrThrow()).person_id;
      await tx.insertInto('staff_roles').values({ person_id: personId, clinic_id: office.id, role: 'clinician' }).onConflict((oc) => oc.doNothing()).execute();
    }
    await tx
      .insertInto('gp_lists')
      .values([
        // Full: three on the list, three places.
        { practitioner_id: nora, clinic_id: office.id, ceiling: 3, gender: 'female', languages: ['norsk', 'engelsk', 'polsk'] },
        { practitioner_id: sander, clinic_id: office.id, ceiling: 1000, gender: 'male', languages: ['norsk', 'arabisk'] },
      ])
      .execute();
    const osloPeople = [
      ['1961-05-02', 'Hilde Strand', true],
      ['1972-08-19', 'Knut Moen', false],
      ['1990-12-01', 'Liv Aasen', true],
      ['1984-03-23', 'Geir Holm', false],
      ['1995-07-07', 'Siri Lunde', true],
    ] as const;
    const ids: string[] = [];
    for (const [birth, name, female] of osloPeople) {
      const pid = await person(tx, syntheticNationalId(birth, 1, { female }), name, null);
      await tx.updateTable('persons').set({ municipality: 'Oslo' }).where('id', '=', pid).execute();
      ids.push(pid);
    }
    await tx.insertInto('gp_list_entries').values(ids.slice(0, 3).map((pid) => ({ patient_id: pid, practitioner_id: nora, clinic_id: office.id }))).execute();
    // Two wait for Nora Lien's list (their first choice of a GP), Geir first.
    for (const pid of ids.slice(3)) {
      const sw = await tx.insertInto('gp_switches').values({ person_id: pid, year: switchYear(new Date()), kind: 'first', to_practitioner_id: nora, by_person_id: pid }).returning('id').executeTakeFirstOrThrow();
      await tx.insertInto('gp_waiting_list').values({ practitioner_id: nora, patient_id: pid, switch_id: sw.id }).execute();
    }
  });
}
