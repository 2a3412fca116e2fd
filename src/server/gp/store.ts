// SQL of the GP list: lists with their sizes and waiting lists, a patient's entry, switches and rights, waiting
// places in order, history and transfers. Plain rows out; the rules are in domain.ts, the transactions in service.ts.
import { sql } from 'kysely';
import type { Db, Tx } from '../platform/db/database.ts';
import type { GpSummary } from './api.ts';

type Conn = Db | Tx;

export interface ListFilter {
  municipality?: string | undefined;
  name?: string | undefined;
  practitionerIds?: readonly string[];
  clinicId?: string;
}

/** GP lists with their office, size and waiting list, as anyone may see them. */
export async function summaries(db: Conn, f: ListFilter): Promise<GpSummary[]> {
  let q = db
    .selectFrom('gp_lists as l')
    .innerJoin('practitioners as pr', 'pr.id', 'l.practitioner_id')
    .innerJoin('persons as p', 'p.id', 'pr.person_id')
    .innerJoin('clinics as c', 'c.id', 'l.clinic_id')
    .select(['l.practitioner_id', 'l.ceiling', 'l.gender', 'l.languages', 'l.status', 'p.name', 'c.id as clinic_id', 'c.name as clinic_name', 'c.municipality', 'c.address', 'c.phone', 'c.website', 'c.services'])
    .select(sql<number>`(SELECT count(*)::int FROM gp_list_entries e WHERE e.practitioner_id = l.practitioner_id)`.as('list_size'))
    .select(sql<number>`(SELECT count(*)::int FROM gp_waiting_list w WHERE w.practitioner_id = l.practitioner_id AND w.status = 'waiting')`.as('waiting_count'))
    .orderBy('c.municipality')
    .orderBy('p.name');
  if (f.municipality) q = q.where('c.municipality', '=', f.municipality);
  if (f.name) q = q.where(sql<boolean>`p.name ILIKE ${`%${f.name.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  if (f.practitionerIds) q = f.practitionerIds.length ? q.where('l.practitioner_id', 'in', f.practitionerIds) : q.where(sql<boolean>`false`);
  if (f.clinicId) q = q.where('l.clinic_id', '=', f.clinicId);
  const rows = await q.limit(200).execute();
  return rows.map((r) => ({
    practitionerId: r.practitioner_id,
    name: r.name,
    gender: r.gender,
    languages: r.languages,
    office: { id: r.clinic_id, name: r.clinic_name, municipality: r.municipality, address: r.address, phone: r.phone, website: r.website, services: r.services },
    listSize: r.list_size,
    ceiling: r.ceiling,
    freePlaces: Math.max(0, r.ceiling - r.list_size),
    waitingCount: r.waiting_count,
    status: r.status,
  }));
}

export async function municipalities(db: Conn): Promise<string[]> {
  const rows = await db.selectFrom('gp_lists as l').innerJoin('clinics as c', 'c.id', 'l.clinic_id').select('c.municipality').distinct().where('c.municipality', 'is not', null).orderBy('c.municipality').execute();
  return rows.map((r) => r.municipality!);
}

export async function entryOf(db: Conn, patientId: string) {
  return db.selectFrom('gp_list_entries as e').innerJoin('clinics as c', 'c.id', 'e.clinic_id').select(['e.practitioner_id', 'e.clinic_id', 'e.since', 'c.municipality']).where('e.patient_id', '=', patientId).executeTakeFirst();
}

export async function listSize(db: Conn, practitionerId: string): Promise<number> {
  const r = await db.selectFrom('gp_list_entries').select(sql<number>`count(*)::int`.as('n')).where('practitioner_id', '=', practitionerId).executeTakeFirstOrThrow();
  return r.n;
}

/** The lists, locked in one order (by id) so two transactions that lock the same two never deadlock. */
export async function lockLists(tx: Tx, practitionerIds: readonly string[]) {
  const ids = [...new Set(practitionerIds)].sort();
  if (ids.length === 0) return [];
  return tx.selectFrom('gp_lists').selectAll().where('practitioner_id', 'in', ids).orderBy('practitioner_id').forUpdate().execute();
}

export async function lockPerson(tx: Tx, personId: string): Promise<void> {
  await sql`SELECT id FROM persons WHERE id = ${personId} FOR NO KEY UPDATE`.execute(tx);
}

export async function ordinaryUsed(db: Conn, personId: string, year: number): Promise<number> {
  const r = await db.selectFrom('gp_switches').select(sql<number>`count(*)::int`.as('n')).where('person_id', '=', personId).where('year', '=', year).where('kind', '=', 'ordinary').executeTakeFirstOrThrow();
  return r.n;
}

export async function unusedExtraSwitches(db: Conn, personId: string) {
  return db
    .selectFrom('gp_extra_switches as g')
    .leftJoin('gp_switches as s', 's.extra_switch_id', 'g.id')
    .select(['g.id', 'g.reason', 'g.granted_at'])
    .where('g.person_id', '=', personId)
    .where('s.id', 'is', null)
    .orderBy('g.granted_at')
    .orderBy('g.id')
    .execute();
}

export async function returnRights(db: Conn, personId: string, today: string) {
  return db
    .selectFrom('gp_return_rights as r')
    .innerJoin('practitioners as pr', 'pr.id', 'r.practitioner_id')
    .innerJoin('persons as p', 'p.id', 'pr.person_id')
    .select(['r.practitioner_id', 'r.move_id', 'r.until', 'p.name'])
    .where('r.person_id', '=', personId)
    .where('r.used_at', 'is', null)
    .where('r.until', '>=', today)
    .orderBy('r.until')
    .execute();
}

export async function waitingOf(db: Conn, patientId: string) {
  return db.selectFrom('gp_waiting_list').selectAll().where('patient_id', '=', patientId).where('status', '=', 'waiting').executeTakeFirst();
}

/** 1 for the first in line. (Compared in the database: a JavaScript Date would drop the microseconds.) */
export async function positionOf(db: Conn, w: { id: string; practitioner_id: string }): Promise<number> {
  const r = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM gp_waiting_list
     WHERE practitioner_id = ${w.practitioner_id} AND status = 'waiting'
       AND (created_at, id) <= (SELECT created_at, id FROM gp_waiting_list WHERE id = ${w.id}::uuid)`.execute(db);
  return r.rows[0]!.n;
}

/** The first `n` waiting for the list, in order, locked (the caller holds the list's lock). */
export async function firstWaiting(tx: Tx, practitionerId: string, n: number) {
  if (n <= 0) return [];
  return tx.selectFrom('gp_waiting_list').selectAll().where('practitioner_id', '=', practitionerId).where('status', '=', 'waiting').orderBy('created_at').orderBy('id').limit(n).forUpdate().execute();
}

export async function waitingList(db: Conn, practitionerId: string) {
  return db
    .selectFrom('gp_waiting_list as w')
    .innerJoin('persons as p', 'p.id', 'w.patient_id')
    .select(['w.patient_id', 'w.created_at', 'p.name'])
    .where('w.practitioner_id', '=', practitionerId)
    .where('w.status', '=', 'waiting')
    .orderBy('w.created_at')
    .orderBy('w.id')
    .execute();
}

export async function historyOf(db: Conn, patientId: string) {
  return db.selectFrom('gp_list_history').selectAll().where('patient_id', '=', patientId).orderBy('listed_until', 'desc').execute();
}

export async function transfersOf(db: Conn, patientId: string) {
  return db
    .selectFrom('gp_journal_transfers as t')
    .innerJoin('clinics as f', 'f.id', 't.from_clinic_id')
    .innerJoin('clinics as c', 'c.id', 't.to_clinic_id')
    .select(['t.id', 't.from_clinic_id', 't.to_clinic_id', 't.requested_at', 't.status', 't.sent_at', 'f.name as from_name', 'c.name as to_name'])
    .where('t.patient_id', '=', patientId)
    .orderBy('t.requested_at', 'desc')
    .execute();
}
