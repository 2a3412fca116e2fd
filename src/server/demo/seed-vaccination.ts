// A flu vaccine campaign for the demo (seed 002) at Fjordbyen legekontor: six weeks from the day the demo is made,
// weekdays 08:00–15:00, a time every 10 minutes with room for 6; free for health personnel, 150 kr for 65 and over
// and risk groups. Once only.
import type { Db } from '../platform/db/database.ts';
import { localDate } from '../../shared/time.ts';
import { createCampaign } from '../vaccination/service.ts';
import { DEMO_CLINICS } from './seed.ts';

export async function seedVaccinationDemo(db: Db, now = new Date()): Promise<void> {
  const clinic = await db.selectFrom('clinics').select('id').where('org_number', '=', DEMO_CLINICS.public.org_number).executeTakeFirst();
  const per = await db.selectFrom('persons').select('id').where('name', '=', 'Per Olsen').executeTakeFirst();
  if (!clinic || !per) return;
  if (await db.selectFrom('vaccination_campaigns').select('id').where('clinic_id', '=', clinic.id).executeTakeFirst()) return;
  const today = localDate(now);
  const endsOn = localDate(new Date(now.getTime() + 42 * 86_400_000));
  await createCampaign(db, { personId: per.id, clinicId: clinic.id, requestId: 'demo' }, {
    vaccine: `Influensavaksine ${today.slice(0, 4)}/${String(Number(today.slice(2, 4)) + 1).padStart(2, '0')}`,
    startsOn: today,
    endsOn,
    dayStart: '08:00',
    dayEnd: '15:00',
    slotMinutes: 10,
    capacityPerSlot: 6,
    groups: [
      { group: '65-plus', priceOre: 15000 },
      { group: 'risk-group', priceOre: 15000 },
      { group: 'health-personnel', priceOre: 0 },
    ],
  });
}
