// A hospital outpatient clinic for the demo (seed 001): visits at the clinic or by video, paid afterwards by an invoice
// with a KID into the clinic's account. Sara Moe is its doctor and clinic admin, Jon Vik its reception. Once only.
import type { Db } from '../platform/db/database.ts';
import { syntheticNationalId } from './synthetic-ids.ts';
import { person } from './seed.ts';

export const DEMO_HOSPITAL = { org_number: '983975240', name: 'Vestbyen sykehus, poliklinikk', kind: 'hospital_outpatient' as const };

export async function seedHospitalDemo(db: Db): Promise<void> {
  if (await db.selectFrom('clinics').select('id').where('org_number', '=', DEMO_HOSPITAL.org_number).executeTakeFirst()) return;
  await db.transaction().execute(async (tx) => {
    const clinic = await tx
      .insertInto('clinics')
      .values({
        ...DEMO_HOSPITAL,
        country: 'NO',
        time_zone: 'Europe/Oslo',
        municipality: 'Bergen',
        address: 'Sykehusveien 1, 5021 Bergen',
        phone: '+47 55 10 00 00',
        email: 'poliklinikk@vestbyen-sykehus.example',
        website: 'https://vestbyen-sykehus.example',
        services: ['booking', 'video', 'messages'],
        // A valid Norwegian account number (MOD11): invoices name it with their KID.
        bank_account: '15036412345',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const staff = [
      { nid: syntheticNationalId('1975-03-18', 0, { female: true }), name: 'Sara Moe', hpr: '1000005', roles: ['clinician', 'clinic_admin'] as const },
      { nid: syntheticNationalId('1988-08-09', 0, { female: false }), name: 'Jon Vik', hpr: null, roles: ['reception'] as const },
    ];
    for (const s of staff) {
      const personId = await person(tx, s.nid, s.name, null);
      for (const role of s.roles) await tx.insertInto('staff_roles').values({ person_id: personId, clinic_id: clinic.id, role }).onConflict((oc) => oc.doNothing()).execute();
      if (!s.hpr) continue;
      const pr = await tx.insertInto('practitioners').values({ person_id: personId, hpr_number: s.hpr, profession: 'doctor' }).returning('id').executeTakeFirstOrThrow();
      await tx
        .insertInto('availability_rules')
        .values(
          [1, 2, 3, 4, 5].map((weekday) => ({
            clinic_id: clinic.id, practitioner_id: pr.id, weekday, start_time: '08:00', end_time: '15:00', break_start: '11:30', break_end: '12:00',
            visit_types: ['clinic', 'video'], slot_minutes: 30, buffer_minutes: 0, valid_from: '2020-01-01',
          })),
        )
        .execute();
    }
  });
}
