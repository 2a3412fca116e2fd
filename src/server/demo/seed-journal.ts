// Demo journal: a past visit of Ola Hansen with his GP, documented and then corrected (so "Journalen min" shows a
// note with an earlier version), and one for Emma Nordmann, so a parent sees a young child's journal.
import type { Db } from '../platform/db/database.ts';
import { insertCorrection, insertNote } from '../journal/store.ts';

const DAY_MS = 86_400_000;

async function pastVisit(db: Db, patient: string, clinician: string, daysAgo: number, note: { title: string; body: string }, correction?: string): Promise<void> {
  const people = await db
    .selectFrom('persons as p')
    .leftJoin('practitioners as pr', 'pr.person_id', 'p.id')
    .leftJoin('staff_roles as s', (j) => j.onRef('s.person_id', '=', 'p.id').on('s.role', '=', 'clinician'))
    .select(['p.id', 'p.name', 'pr.id as practitioner_id', 's.clinic_id'])
    .where('p.name', 'in', [patient, clinician])
    .execute();
  const p = people.find((x) => x.name === patient);
  const c = people.find((x) => x.name === clinician && x.practitioner_id && x.clinic_id);
  if (!p || !c) return;
  // At 10:00 UTC on a weekday some weeks back: before any schedule's first bookable time, so nothing overlaps.
  const day = new Date(Math.floor((Date.now() - daysAgo * DAY_MS) / DAY_MS) * DAY_MS + 10 * 3600_000);
  const end = new Date(day.getTime() + 15 * 60_000);
  await db.transaction().execute(async (tx) => {
    const a = await tx
      .insertInto('appointments')
      .values({ clinic_id: c.clinic_id!, practitioner_id: c.practitioner_id!, patient_id: p.id, booked_by: p.id, visit_type: 'clinic', starts_at: day, ends_at: end, blocked_until: end, status: 'completed', reason: '', created_at: new Date(day.getTime() - 7 * DAY_MS) })
      .returning('id')
      .executeTakeFirstOrThrow();
    const written = await insertNote(tx, { patientId: p.id, clinicId: c.clinic_id!, authorPractitionerId: c.practitioner_id!, sourceKind: 'appointment', sourceId: a.id, ...note });
    if (written && correction) {
      const full = await tx.selectFrom('journal_notes').selectAll().where('id', '=', written.id).executeTakeFirstOrThrow();
      await insertCorrection(tx, full, { title: note.title, body: correction });
    }
  });
}

export async function seedJournalDemo(db: Db): Promise<void> {
  if (await db.selectFrom('journal_notes').select('id').limit(1).executeTakeFirst()) return;
  await pastVisit(
    db,
    'Ola Hansen',
    'Per Olsen',
    23,
    { title: 'Konsultasjon: hoste', body: 'Tørrhoste i to uker, ingen feber. Lunger: normale funn. Råd: honning, rikelig drikke. Ny time ved feber eller tung pust.' },
    'Tørrhoste i tre uker (rettet fra to), ingen feber. Lunger: normale funn. Råd: honning, rikelig drikke. Ny time ved feber eller tung pust.',
  );
  await pastVisit(db, 'Emma Nordmann', 'Lise Berg', 40, { title: 'Konsultasjon: øreverk', body: 'Øreverk høyre side i ett døgn. Trommehinne lett rød. Smertestillende etter vekt; kontroll ved forverring.' });
}
