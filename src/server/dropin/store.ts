// SQL for the drop-in queue. Plain rows out; the database's constraints are turned into domain errors here.
import { sql } from 'kysely';
import type { Db, Tx } from '../platform/db/database.ts';
import { Conflict } from '../platform/http/errors.ts';
import { DROPIN_APPOINTMENT_MINUTES, type DropinVisitType, type Take } from './domain.ts';

export interface EntryRow {
  id: string;
  clinic_id: string;
  patient_id: string;
  joined_by: string;
  visit_type: DropinVisitType;
  status: 'waiting' | 'taken' | 'left';
  joined_at: Date;
  taken_at: Date | null;
  taken_by: string | null;
  appointment_id: string | null;
}

export interface PlaceRow extends EntryRow {
  /** 1 for the next patient; null unless waiting. */
  position: number | null;
  clinician_name: string | null;
}

export async function clinic(db: Db | Tx, clinicId: string) {
  return db.selectFrom('clinics').select(['id', 'name', 'time_zone', 'dropin_visit_types']).where('id', '=', clinicId).executeTakeFirst();
}

export async function practitionerOfPerson(db: Db | Tx, personId: string) {
  return db.selectFrom('practitioners').select(['id']).where('person_id', '=', personId).executeTakeFirst();
}

/** A second waiting place for the same patient is refused by the unique index, never by a check before. */
export async function insertEntry(db: Db | Tx, e: { clinicId: string; patientId: string; joinedBy: string; visitType: DropinVisitType }): Promise<EntryRow> {
  try {
    return (await db
      .insertInto('dropin_entries')
      .values({ clinic_id: e.clinicId, patient_id: e.patientId, joined_by: e.joinedBy, visit_type: e.visitType })
      .returningAll()
      .executeTakeFirstOrThrow()) as EntryRow;
  } catch (err) {
    const pg = err as { code?: string; constraint?: string };
    if (pg.code === '23505' && pg.constraint === 'dropin_one_place_each') throw Conflict('problem.already-in-queue');
    throw err;
  }
}

export async function leave(db: Db | Tx, clinicId: string, patientId: string): Promise<EntryRow | undefined> {
  return (await db
    .updateTable('dropin_entries')
    .set({ status: 'left' })
    .where('clinic_id', '=', clinicId)
    .where('patient_id', '=', patientId)
    .where('status', '=', 'waiting')
    .returningAll()
    .executeTakeFirst()) as EntryRow | undefined;
}

/** The patient's current place (a waiting one first, else the latest since `since`), with its position. */
export async function place(db: Db | Tx, clinicId: string, patientId: string, since: Date): Promise<PlaceRow | undefined> {
  const r = await sql<PlaceRow>`
    SELECT e.*,
           CASE WHEN e.status = 'waiting' THEN (
             SELECT count(*)::int + 1 FROM dropin_entries w
              WHERE w.clinic_id = e.clinic_id AND w.status = 'waiting' AND (w.joined_at, w.id) < (e.joined_at, e.id)
           ) END AS position,
           doc.name AS clinician_name
      FROM dropin_entries e
      LEFT JOIN practitioners pr ON pr.id = e.taken_by
      LEFT JOIN persons doc ON doc.id = pr.person_id
     WHERE e.clinic_id = ${clinicId} AND e.patient_id = ${patientId} AND (e.status = 'waiting' OR e.joined_at > ${since})
     ORDER BY (e.status = 'waiting') DESC, e.joined_at DESC
     LIMIT 1`.execute(db);
  return r.rows[0];
}

/** The waiting list in queue order, with the patients' names. */
export async function waiting(db: Db | Tx, clinicId: string) {
  return db
    .selectFrom('dropin_entries as e')
    .innerJoin('persons as p', 'p.id', 'e.patient_id')
    .select(['e.id', 'e.patient_id', 'p.name as patient_name', 'e.visit_type', 'e.joined_at'])
    .where('e.clinic_id', '=', clinicId)
    .where('e.status', '=', 'waiting')
    .orderBy('e.joined_at')
    .orderBy('e.id')
    .execute();
}

/**
 * Takes the longest-waiting patient in one statement. SKIP LOCKED: two clinicians pressing at once lock
 * different rows, so they can never get the same patient; with one patient waiting, the other finds none.
 */
export async function takeNext(tx: Tx, clinicId: string, practitionerId: string): Promise<EntryRow | undefined> {
  const r = await sql<EntryRow>`
    UPDATE dropin_entries SET status = 'taken', taken_at = now(), taken_by = ${practitionerId}
     WHERE status = 'waiting' AND id = (
       SELECT e.id FROM dropin_entries e
        WHERE e.clinic_id = ${clinicId} AND e.status = 'waiting'
          -- A patient in another consultation right now is passed over (keeping their place), not allowed to block the queue.
          -- Read in the same statement so SKIP LOCKED stays one atomic choice; booking owns the table.
          AND NOT EXISTS (
            SELECT 1 FROM appointments a
             WHERE a.patient_id = e.patient_id AND a.status = 'booked'
               AND a.starts_at < now() + make_interval(mins => ${DROPIN_APPOINTMENT_MINUTES}) AND a.ends_at > now())
        ORDER BY e.joined_at, e.id
        LIMIT 1 FOR UPDATE SKIP LOCKED)
    RETURNING *`.execute(tx);
  return r.rows[0];
}

export async function linkAppointment(tx: Tx, entryId: string, appointmentId: string): Promise<void> {
  await tx.updateTable('dropin_entries').set({ appointment_id: appointmentId }).where('id', '=', entryId).execute();
}

export async function personName(db: Db | Tx, personId: string): Promise<string | null> {
  return (await db.selectFrom('persons').select('name').where('id', '=', personId).executeTakeFirst())?.name ?? null;
}

/** Recent takes at the clinic, for the average consultation length. */
export async function recentTakes(db: Db | Tx, clinicId: string, since: Date): Promise<Take[]> {
  const rows = await db
    .selectFrom('dropin_entries')
    .select(['taken_by', 'taken_at'])
    .where('clinic_id', '=', clinicId)
    .where('status', '=', 'taken')
    .where('taken_at', '>', since)
    .execute();
  return rows.flatMap((r) => (r.taken_by && r.taken_at ? [{ clinicianId: r.taken_by, takenAt: r.taken_at }] : []));
}
