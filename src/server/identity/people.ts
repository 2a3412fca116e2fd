// SQL for people: persons, guardians, GP list, staff roles. Plain rows out, no decisions.
import { sql } from 'kysely';
import type { Db, Tx } from '../platform/db/database.ts';
import type { NationalId } from '../../shared/national-id.ts';

/** Finds the person with this number or creates them (a first login); never check-then-insert. */
export async function upsertPersonByNationalId(db: Db | Tx, id: NationalId, name: string | undefined) {
  return db
    .insertInto('persons')
    .values({ national_id: id.value, national_id_kind: id.kind, birth_date: id.birthDate, name: name ?? null })
    .onConflict((oc) =>
      oc.column('national_id').doUpdateSet({ name: sql`COALESCE(persons.name, excluded.name)` }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findPersonByNationalId(db: Db, nationalId: string) {
  return db.selectFrom('persons').selectAll().where('national_id', '=', nationalId).executeTakeFirst();
}

export async function getPerson(db: Db, id: string) {
  return db.selectFrom('persons').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function childrenOf(db: Db, guardianId: string) {
  return db
    .selectFrom('guardian_relations as g')
    .innerJoin('persons as p', 'p.id', 'g.child_id')
    .select(['p.id', 'p.name', 'p.national_id', 'p.birth_date'])
    .where('g.guardian_id', '=', guardianId)
    .orderBy('p.birth_date')
    .execute();
}

export async function isGuardianOf(db: Db, guardianId: string, childId: string): Promise<boolean> {
  const row = await db
    .selectFrom('guardian_relations')
    .select('child_id')
    .where('guardian_id', '=', guardianId)
    .where('child_id', '=', childId)
    .executeTakeFirst();
  return Boolean(row);
}

/** The patient's GP (fastlege) and the GP's office, if the patient is on a list. */
export async function gpOf(db: Db, patientId: string) {
  return db
    .selectFrom('gp_list_entries as e')
    .innerJoin('practitioners as pr', 'pr.id', 'e.practitioner_id')
    .innerJoin('persons as gp', 'gp.id', 'pr.person_id')
    .innerJoin('clinics as c', 'c.id', 'e.clinic_id')
    .select([
      'gp.name as gp_name',
      'pr.id as practitioner_id',
      'pr.profession',
      'c.id as clinic_id',
      'c.name as clinic_name',
      'c.kind as clinic_kind',
      'c.phone',
      'c.email',
      'c.address',
      'c.website',
      'c.services',
    ])
    .where('e.patient_id', '=', patientId)
    .executeTakeFirst();
}

export async function staffMembershipsOf(db: Db, personId: string) {
  return db
    .selectFrom('staff_roles as s')
    .innerJoin('clinics as c', 'c.id', 's.clinic_id')
    .leftJoin('practitioners as p', 'p.person_id', 's.person_id')
    .select(['s.clinic_id', 's.role', 'c.name as clinic_name', 'p.hpr_number', 'p.id as practitioner_id'])
    .where('s.person_id', '=', personId)
    .orderBy('c.name')
    .execute();
}

export async function patientsOfClinic(db: Db, clinicId: string, limit = 200) {
  return db
    .selectFrom('patient_clinics as pc')
    .innerJoin('persons as p', 'p.id', 'pc.patient_id')
    .select(['p.id', 'p.name', 'p.national_id', 'p.birth_date'])
    .where('pc.clinic_id', '=', clinicId)
    .orderBy('p.name')
    .limit(limit)
    .execute();
}

export async function updateContact(db: Db, personId: string, contact: { phone?: string | null; email?: string | null }) {
  return db
    .updateTable('persons')
    .set({
      ...(contact.phone !== undefined ? { phone: contact.phone } : {}),
      ...(contact.email !== undefined ? { email: contact.email } : {}),
    })
    .where('id', '=', personId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function setPreferredLanguage(db: Db, personId: string, language: string): Promise<void> {
  await db.updateTable('persons').set({ preferred_language: language }).where('id', '=', personId).execute();
}

/** The clinicians of a clinic (staff with the clinician role and an HPR registration), by name. */
export async function cliniciansOf(db: Db | Tx, clinicId: string) {
  return db
    .selectFrom('staff_roles as s')
    .innerJoin('practitioners as pr', 'pr.person_id', 's.person_id')
    .innerJoin('persons as p', 'p.id', 's.person_id')
    .select(['pr.id as practitioner_id', 'p.id as person_id', 'p.name', 'pr.profession'])
    .where('s.clinic_id', '=', clinicId)
    .where('s.role', '=', 'clinician')
    .orderBy('p.name')
    .execute();
}
