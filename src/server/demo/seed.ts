// Demo data for a new installation: two clinics, their staff and six patients, a family among them.
// Idempotent: every row has a natural key and ON CONFLICT DO NOTHING, so each start may run it again.
import type { Db, Tx } from '../platform/db/database.ts';
import { parseNorwegian } from '../../shared/national-id.ts';
import { syntheticNationalId } from './synthetic-ids.ts';
import { seedBookingDemo } from './seed-booking.ts';
import { seedJournalDemo } from './seed-journal.ts';
import { seedMessagesDemo } from './seed-messages.ts';
import { seedPrescriptionsDemo } from './seed-prescriptions.ts';
import { seedHospitalDemo } from './seed-hospital.ts';
import { seedGpDemo } from './seed-gp.ts';
import { seedVaccinationDemo } from './seed-vaccination.ts';

/** A birth date `years` (and `days`) before `today`, so demo children keep their ages on a fresh install. */
export function yearsBefore(today: string, years: number, days = 40): string {
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

export const DEMO_CLINICS = {
  public: { org_number: '974112233', name: 'Fjordbyen legekontor', kind: 'public_gp' as const },
  private: { org_number: '998877665', name: 'Nordlys nettklinikk', kind: 'private' as const },
};

/** A demo person by a (synthetic) national ID number, made once; their id. */
export async function person(tx: Tx, nationalId: string, name: string, phone: string | null, email: string | null = null): Promise<string> {
  const id = parseNorwegian(nationalId);
  if (!id) throw new Error(`demo number ${nationalId} is not valid`);
  await tx
    .insertInto('persons')
    .values({ national_id: id.value, national_id_kind: id.kind, birth_date: id.birthDate, name, phone, email })
    .onConflict((oc) => oc.column('national_id').doNothing())
    .execute();
  const row = await tx.selectFrom('persons').select('id').where('national_id', '=', id.value).executeTakeFirstOrThrow();
  return row.id;
}

export async function seedDemo(db: Db, today: string): Promise<void> {
  // Once seeded, later starts change nothing: the people keep the numbers they were given.
  const already = await db.selectFrom('clinics').select('id').where('org_number', '=', DEMO_CLINICS.public.org_number).executeTakeFirst();
  if (already) return seedCapabilities(db);
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('clinics')
      .values([
        {
          ...DEMO_CLINICS.public,
          country: 'NO',
          time_zone: 'Europe/Oslo',
          municipality: 'Bergen',
          address: 'Strandgaten 10, 5013 Bergen',
          phone: '+47 55 00 00 00',
          email: 'post@fjordbyen-legekontor.example',
          website: 'https://fjordbyen-legekontor.example',
          services: ['booking', 'econsult', 'video', 'messages', 'prescription_renewal', 'contact_office', 'vaccination'],
        },
        {
          ...DEMO_CLINICS.private,
          country: 'NO',
          time_zone: 'Europe/Oslo',
          municipality: 'Oslo',
          address: 'Karl Johans gate 1, 0154 Oslo',
          phone: '+47 22 00 00 00',
          email: 'kontakt@nordlys-nettklinikk.example',
          website: 'https://nordlys-nettklinikk.example',
          services: ['booking', 'econsult', 'video', 'messages'],
          // A private clinic's own prices: a visit (at the office or by video) 650 kr, by phone 450 kr, e-consultation 350 kr;
          // a visit can be billed to the patient's health insurer instead of the card.
          econsult_price_ore: 35000,
          visit_price_ore: 65000,
          phone_price_ore: 45000,
          accepts_insurance: true,
        },
      ])
      .onConflict((oc) => oc.column('org_number').doNothing())
      .execute();
    const clinics = await tx.selectFrom('clinics').select(['id', 'org_number']).execute();
    const pub = clinics.find((c) => c.org_number === DEMO_CLINICS.public.org_number)!.id;
    const priv = clinics.find((c) => c.org_number === DEMO_CLINICS.private.org_number)!.id;

    const staff = [
      { nid: syntheticNationalId('1978-04-12', 0, { female: true }), name: 'Lise Berg', hpr: '1000001', profession: 'doctor' as const, clinic: pub, roles: ['clinician'] as const },
      { nid: syntheticNationalId('1969-09-03', 0, { female: false }), name: 'Per Olsen', hpr: '1000002', profession: 'doctor' as const, clinic: pub, roles: ['clinician', 'clinic_admin'] as const },
      { nid: syntheticNationalId('1985-01-22', 0, { female: true }), name: 'Mari Dahl', hpr: '1000003', profession: 'nurse' as const, clinic: pub, roles: ['clinician'] as const },
      { nid: syntheticNationalId('1981-06-30', 0, { female: true }), name: 'Anna Lindqvist', hpr: '1000004', profession: 'doctor' as const, clinic: priv, roles: ['clinician', 'clinic_admin'] as const },
      { nid: syntheticNationalId('1990-11-15', 0, { female: true }), name: 'Tone Ås', hpr: null, profession: null, clinic: pub, roles: ['reception'] as const },
    ];
    const practitionerIds: string[] = [];
    for (const s of staff) {
      const personId = await person(tx, s.nid, s.name, null);
      if (s.hpr && s.profession) {
        await tx.insertInto('practitioners').values({ person_id: personId, hpr_number: s.hpr, profession: s.profession }).onConflict((oc) => oc.doNothing()).execute();
        const pr = await tx.selectFrom('practitioners').select('id').where('person_id', '=', personId).executeTakeFirstOrThrow();
        practitionerIds.push(pr.id);
      }
      for (const role of s.roles) {
        await tx.insertInto('staff_roles').values({ person_id: personId, clinic_id: s.clinic, role }).onConflict((oc) => oc.doNothing()).execute();
      }
    }
    const [lise, per] = practitionerIds as [string, string];

    const kari = await person(tx, syntheticNationalId(yearsBefore(today, 41), 0, { female: true }), 'Kari Nordmann', '+4791000001', 'kari@example.com');
    const emma = await person(tx, syntheticNationalId(yearsBefore(today, 9), 0, { female: true }), 'Emma Nordmann', null);
    const jonas = await person(tx, syntheticNationalId(yearsBefore(today, 14), 0, { female: false }), 'Jonas Nordmann', null);
    const ola = await person(tx, syntheticNationalId('1958-02-27', 0, { female: false }), 'Ola Hansen', '+4791000002');
    const amir = await person(tx, syntheticNationalId('1992-07-08', 0, { dNumber: true, female: false }), 'Amir Haddad', '+4791000003');
    const ingrid = await person(tx, syntheticNationalId('1947-12-01', 0, { female: true }), 'Ingrid Solberg', '+4791000004');

    await tx
      .insertInto('guardian_relations')
      .values([
        { guardian_id: kari, child_id: emma },
        { guardian_id: kari, child_id: jonas },
      ])
      .onConflict((oc) => oc.doNothing())
      .execute();
    await tx
      .insertInto('gp_list_entries')
      .values([
        { patient_id: kari, practitioner_id: lise, clinic_id: pub },
        { patient_id: emma, practitioner_id: lise, clinic_id: pub },
        { patient_id: jonas, practitioner_id: lise, clinic_id: pub },
        { patient_id: ola, practitioner_id: per, clinic_id: pub },
        { patient_id: amir, practitioner_id: per, clinic_id: pub },
        { patient_id: ingrid, practitioner_id: lise, clinic_id: pub },
      ])
      .onConflict((oc) => oc.doNothing())
      .execute();
  });
  await seedCapabilities(db);
}

/** What each capability adds to the demo; each step does nothing when its data is there already. */
async function seedCapabilities(db: Db): Promise<void> {
  await seedBookingDemo(db);
  await seedJournalDemo(db);
  await seedPrescriptionsDemo(db);
  await seedMessagesDemo(db);
  await seedHealthContactsDemo(db);
  await seedHospitalDemo(db);
  await seedGpDemo(db);
  await seedVaccinationDemo(db);
}

/** Lise Berg is Ola Hansen's care coordinator (forløpskoordinator) at Fjordbyen, assigned by his GP Per Olsen; once only. */
async function seedHealthContactsDemo(db: Db): Promise<void> {
  const people = await db.selectFrom('persons').select(['id', 'name']).where('name', 'in', ['Ola Hansen', 'Per Olsen']).execute();
  const [ola, per] = ['Ola Hansen', 'Per Olsen'].map((name) => people.find((p) => p.name === name)?.id);
  const lise = await db.selectFrom('practitioners as pr').innerJoin('persons as p', 'p.id', 'pr.person_id').select(['pr.id', 'pr.person_id']).where('p.name', '=', 'Lise Berg').executeTakeFirst();
  const clinic = await db.selectFrom('clinics').select('id').where('org_number', '=', DEMO_CLINICS.public.org_number).executeTakeFirst();
  if (!ola || !per || !lise || !clinic) return;
  // Seeded once: an assignment ended in the demo is not given back at the next start.
  if (await db.selectFrom('health_contacts').select('id').where('patient_id', '=', ola).limit(1).executeTakeFirst()) return;
  await db
    .insertInto('health_contacts')
    .values({ patient_id: ola, clinic_id: clinic.id, practitioner_id: lise.id, practitioner_person_id: lise.person_id, role: 'care_coordinator', assigned_by: per })
    .onConflict((oc) => oc.columns(['patient_id', 'clinic_id', 'practitioner_id', 'role']).where('ended_at', 'is', null).doNothing())
    .execute();
}
