// Demo schedules: weekday hours with lunch at the GP office, every day until 20 at the online clinic.
import type { Insertable } from 'kysely';
import type { Db } from '../platform/db/database.ts';
import type { AvailabilityRuleTable } from '../platform/db/schema.ts';
import { DEMO_CLINICS } from './seed.ts';

export async function seedBookingDemo(db: Db): Promise<void> {
  const clinics = await db.selectFrom('clinics').select(['id', 'org_number']).where('org_number', 'in', [DEMO_CLINICS.public.org_number, DEMO_CLINICS.private.org_number]).execute();
  const pub = clinics.find((c) => c.org_number === DEMO_CLINICS.public.org_number)?.id;
  const priv = clinics.find((c) => c.org_number === DEMO_CLINICS.private.org_number)?.id;
  if (!pub || !priv) return;
  const existing = await db.selectFrom('availability_rules').select('id').where('clinic_id', 'in', [pub, priv]).limit(1).executeTakeFirst();
  if (existing) return;
  await db.transaction().execute(async (tx) => {
    await tx.updateTable('clinics').set({ sms_keyword: 'FJORDBYEN' }).where('id', '=', pub).execute();
    await tx.updateTable('clinics').set({ sms_keyword: 'NORDLYS', dropin_visit_types: ['video', 'phone'], cancel_cutoff_hours: 2 }).where('id', '=', priv).execute();
    const clinicians = await tx
      .selectFrom('practitioners as pr')
      .innerJoin('staff_roles as s', 's.person_id', 'pr.person_id')
      .innerJoin('persons as p', 'p.id', 'pr.person_id')
      .select(['pr.id', 'p.name', 's.clinic_id'])
      .where('s.role', '=', 'clinician')
      .where('s.clinic_id', 'in', [pub, priv])
      .execute();
    const rows = clinicians.flatMap((c): Insertable<AvailabilityRuleTable>[] => {
      if (c.clinic_id === priv) {
        return [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
          clinic_id: c.clinic_id, practitioner_id: c.id, weekday, start_time: '08:00', end_time: '20:00', break_start: null, break_end: null,
          visit_types: ['video', 'phone'], slot_minutes: 15, buffer_minutes: 0, valid_from: '2020-01-01',
        }));
      }
      return [1, 2, 3, 4, 5].map((weekday) => ({
        clinic_id: c.clinic_id, practitioner_id: c.id, weekday, start_time: '08:00', end_time: '15:30', break_start: '11:30', break_end: '12:00',
        visit_types: ['clinic', 'video', 'phone'], slot_minutes: c.name === 'Mari Dahl' ? 20 : 15,
        buffer_minutes: c.name === 'Per Olsen' ? 5 : 0, valid_from: '2020-01-01',
      }));
    });
    if (rows.length) await tx.insertInto('availability_rules').values(rows).execute();
  });
}
