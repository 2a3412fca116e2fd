// E-consultation storage: cases, their history, messages and photos. Every state change is one conditional UPDATE
// guarded by the states it may come from, so two clinicians (or a clinician and a job) can never both move a case.
import { sql, type Selectable, type Updateable } from 'kysely';
import type { Db, Tx } from '../platform/db/database.ts';
import { fromStates, LIVE_STATUSES, nextStatus, type Action } from './domain.ts';
import type { CaseStatus, EconsultCaseTable } from './schema.ts';

export type CaseRow = Selectable<EconsultCaseTable>;
type Conn = Db | Tx;

export async function econsultClinic(db: Conn, clinicId: string) {
  return db
    .selectFrom('clinics')
    .select(['id', 'name', 'kind', 'country', 'time_zone', 'phone', 'services', 'econsult_price_ore', 'econsult_cutoff', 'econsult_reasons', 'econsult_retention_months', 'econsult_unanswered_hours'])
    .where('id', '=', clinicId)
    .executeTakeFirst();
}

export type EconsultClinic = NonNullable<Awaited<ReturnType<typeof econsultClinic>>>;

export async function insertDraft(tx: Tx, v: { clinicId: string; patientId: string; submittedBy: string; screeningVersion: number }): Promise<CaseRow> {
  const row = await tx
    .insertInto('econsult_cases')
    .values({ clinic_id: v.clinicId, patient_id: v.patientId, submitted_by: v.submittedBy, screening_version: v.screeningVersion })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordEvent(tx, row.id, v.submittedBy, 'start', null, 'draft');
  return row;
}

export async function caseById(db: Conn, id: string, lock = false): Promise<CaseRow | undefined> {
  let q = db.selectFrom('econsult_cases').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function recordEvent(tx: Conn, caseId: string, actor: string | null, action: string, from: string | null, to: string, toPractitionerId: string | null = null): Promise<void> {
  await tx
    .insertInto('econsult_case_events')
    .values({ case_id: caseId, actor_person_id: actor, action, from_status: from, to_status: to, to_practitioner_id: toPractitionerId })
    .execute();
}

export type CaseChanges = Omit<Updateable<EconsultCaseTable>, 'id' | 'status' | 'version'>;

/**
 * Moves a case by `action` if, and only if, it is in one of the states the action may come from (and matches `where`):
 * the guard and the move are one statement. Returns the moved row, or undefined when the case was not in such a state.
 */
export async function move(
  tx: Tx,
  caseId: string,
  action: Action,
  actor: string | null,
  changes: CaseChanges = {},
  where: { clinicId?: string; claimedBy?: string; unanswered?: boolean } = {},
  toPractitionerId: string | null = null,
): Promise<CaseRow | undefined> {
  const from = fromStates(action);
  const to = nextStatus(action);
  let q = tx
    .updateTable('econsult_cases')
    .set({ ...changes, status: to, version: sql<number>`version + 1` })
    .where('id', '=', caseId)
    .where('status', 'in', from);
  if (where.clinicId) q = q.where('clinic_id', '=', where.clinicId);
  if (where.claimedBy) q = q.where('claimed_by', '=', where.claimedBy);
  if (where.unanswered) q = q.where('first_response_at', 'is', null);
  // Locked first, so the history records the state this move really came from.
  const before = await tx.selectFrom('econsult_cases').select('status').where('id', '=', caseId).forUpdate().executeTakeFirst();
  const row = await q.returningAll().executeTakeFirst();
  if (row) await recordEvent(tx, caseId, actor, action, before?.status ?? null, to, toPractitionerId);
  return row;
}

export async function updateDraft(tx: Tx, caseId: string, changes: CaseChanges): Promise<CaseRow | undefined> {
  return tx
    .updateTable('econsult_cases')
    .set({ ...changes, version: sql<number>`version + 1` })
    .where('id', '=', caseId)
    .where('status', '=', 'draft')
    .returningAll()
    .executeTakeFirst();
}

/** Takes one photo place, or none when the limit for the case's state is reached: the count is the database's. */
export async function takePhotoPlace(tx: Tx, caseId: string, states: CaseStatus[], max: number): Promise<CaseRow | undefined> {
  return tx
    .updateTable('econsult_cases')
    .set({ photo_count: sql<number>`photo_count + 1`, version: sql<number>`version + 1` })
    .where('id', '=', caseId)
    .where('status', 'in', states)
    .where('photo_count', '<', max)
    .returningAll()
    .executeTakeFirst();
}

export async function insertPhoto(
  tx: Tx,
  v: { caseId: string; uploadedBy: string; storageKey: string; thumbKey: string; width: number; height: number; thumbWidth: number; thumbHeight: number; bytes: number; sha256: string; afterSubmit: boolean },
) {
  return tx
    .insertInto('econsult_photos')
    .values({
      case_id: v.caseId,
      uploaded_by: v.uploadedBy,
      storage_key: v.storageKey,
      thumb_key: v.thumbKey,
      width: v.width,
      height: v.height,
      thumb_width: v.thumbWidth,
      thumb_height: v.thumbHeight,
      bytes: v.bytes,
      sha256: v.sha256,
      after_submit: v.afterSubmit,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function photosOf(db: Conn, caseId: string) {
  return db.selectFrom('econsult_photos').selectAll().where('case_id', '=', caseId).orderBy('created_at').execute();
}

export async function photo(db: Conn, photoId: string) {
  return db
    .selectFrom('econsult_photos as p')
    .innerJoin('econsult_cases as c', 'c.id', 'p.case_id')
    .select(['p.id', 'p.case_id', 'p.storage_key', 'p.thumb_key', 'c.clinic_id', 'c.patient_id', 'c.submitted_by', 'c.status'])
    .where('p.id', '=', photoId)
    .executeTakeFirst();
}

/** Removes a draft's photo and gives its place back; answers the keys to delete from the file store after commit. */
export async function removeDraftPhoto(tx: Tx, caseId: string, photoId: string): Promise<{ storage_key: string; thumb_key: string } | undefined> {
  const draft = await tx.selectFrom('econsult_cases').select('id').where('id', '=', caseId).where('status', '=', 'draft').forUpdate().executeTakeFirst();
  if (!draft) return undefined;
  const gone = await tx.deleteFrom('econsult_photos').where('id', '=', photoId).where('case_id', '=', caseId).returning(['storage_key', 'thumb_key']).executeTakeFirst();
  if (gone) await tx.updateTable('econsult_cases').set({ photo_count: sql<number>`photo_count - 1`, version: sql<number>`version + 1` }).where('id', '=', caseId).execute();
  return gone;
}

export async function insertMessage(tx: Tx, v: { caseId: string; authorPersonId: string; authorRole: 'patient' | 'clinician'; kind: 'reply' | 'question' | 'answer' | 'outcome'; body: string }) {
  return tx
    .insertInto('econsult_messages')
    .values({ case_id: v.caseId, author_person_id: v.authorPersonId, author_role: v.authorRole, kind: v.kind, body: v.body })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function messagesOf(db: Conn, caseId: string) {
  return db
    .selectFrom('econsult_messages as m')
    .innerJoin('persons as p', 'p.id', 'm.author_person_id')
    .select(['m.id', 'm.author_role', 'm.kind', 'm.body', 'm.created_at', 'p.name as author_name'])
    .where('m.case_id', '=', caseId)
    .orderBy('m.created_at')
    .orderBy('m.id')
    .execute();
}

export async function eventsOf(db: Conn, caseId: string) {
  return db
    .selectFrom('econsult_case_events as e')
    .leftJoin('persons as p', 'p.id', 'e.actor_person_id')
    .select(['e.at', 'e.action', 'e.from_status', 'e.to_status', 'p.name as actor_name'])
    .where('e.case_id', '=', caseId)
    .orderBy('e.id')
    .execute();
}

/** The cases a person may see as a patient: their own and those of the children they act for. */
export async function casesFor(db: Conn, patientIds: string[]) {
  if (patientIds.length === 0) return [];
  return db
    .selectFrom('econsult_cases as c')
    .innerJoin('clinics as k', 'k.id', 'c.clinic_id')
    .innerJoin('persons as p', 'p.id', 'c.patient_id')
    .select(['c.id', 'c.status', 'c.reason_id', 'c.created_at', 'c.submitted_at', 'c.due_at', 'c.closed_at', 'c.outcome', 'c.patient_id', 'p.name as patient_name', 'k.name as clinic_name'])
    .where('c.patient_id', 'in', patientIds)
    .orderBy('c.created_at', 'desc')
    .limit(200)
    .execute();
}

export interface QueueFilter {
  reasonId?: string;
  /** Only cases this practitioner holds. */
  claimedBy?: string;
}

/**
 * The clinicians' work queue: a clinic's live cases by deadline, served by the partial index on (clinic_id, due_at).
 * No names: the queue shows what a case is about and how urgent it is; the patient is seen (and audited) on opening it.
 */
export async function queue(db: Conn, clinicId: string, f: QueueFilter = {}, limit = 200): Promise<QueueRow[]> {
  // One table, one index. Times come as epoch milliseconds: parsing 400 timestamps into Dates cost more than the query.
  let q = db
    .selectFrom('econsult_cases')
    .select([
      'id',
      'status',
      'reason_id',
      sql<number>`(extract(epoch FROM submitted_at) * 1000)::float8`.as('submitted_ms'),
      sql<number>`(extract(epoch FROM due_at) * 1000)::float8`.as('due_ms'),
      'claimed_by',
      'photo_count',
      'patient_age',
      'flag_count',
    ])
    .where('clinic_id', '=', clinicId)
    .where('status', 'in', LIVE_STATUSES);
  if (f.reasonId) q = q.where('reason_id', '=', f.reasonId);
  if (f.claimedBy) q = q.where('claimed_by', '=', f.claimedBy);
  return q.orderBy('due_at').orderBy('id').limit(limit).execute();
}

export interface QueueRow {
  id: string;
  status: CaseStatus;
  reason_id: string | null;
  submitted_ms: number;
  due_ms: number;
  claimed_by: string | null;
  photo_count: number;
  patient_age: number | null;
  flag_count: number;
}

/** The clinic's clinicians (to name who holds a case and find the viewer) and its time zone, in one statement. */
export async function queueContext(db: Conn, clinicId: string) {
  return db
    .selectFrom('clinics as k')
    .leftJoin('staff_roles as r', (j) => j.onRef('r.clinic_id', '=', 'k.id').on('r.role', '=', 'clinician'))
    .leftJoin('practitioners as pr', 'pr.person_id', 'r.person_id')
    .leftJoin('persons as p', 'p.id', 'pr.person_id')
    .select(['k.time_zone', 'pr.id as practitioner_id', 'pr.person_id', 'p.name'])
    .where('k.id', '=', clinicId)
    .execute();
}

export async function earlierCases(db: Conn, clinicId: string, patientId: string, exceptId: string) {
  return db
    .selectFrom('econsult_cases')
    .select(['id', 'reason_id', 'submitted_at', 'closed_at', 'outcome', 'status'])
    .where('clinic_id', '=', clinicId)
    .where('patient_id', '=', patientId)
    .where('id', '<>', exceptId)
    .where('submitted_at', 'is not', null)
    .orderBy('submitted_at', 'desc')
    .limit(20)
    .execute();
}

/** The practitioner a staff member is at their clinic, if they are a clinician there. */
export async function clinicianAt(db: Conn, personId: string, clinicId: string): Promise<{ id: string; name: string | null } | undefined> {
  return db
    .selectFrom('practitioners as pr')
    .innerJoin('staff_roles as r', 'r.person_id', 'pr.person_id')
    .innerJoin('persons as p', 'p.id', 'pr.person_id')
    .select(['pr.id', 'p.name'])
    .where('pr.person_id', '=', personId)
    .where('r.clinic_id', '=', clinicId)
    .where('r.role', '=', 'clinician')
    .executeTakeFirst();
}

export async function practitionerIsClinicianAt(db: Conn, practitionerId: string, clinicId: string): Promise<boolean> {
  const row = await db
    .selectFrom('practitioners as pr')
    .innerJoin('staff_roles as r', 'r.person_id', 'pr.person_id')
    .select('pr.id')
    .where('pr.id', '=', practitionerId)
    .where('r.clinic_id', '=', clinicId)
    .where('r.role', '=', 'clinician')
    .executeTakeFirst();
  return Boolean(row);
}


export async function person(db: Conn, id: string) {
  return db.selectFrom('persons').select(['id', 'name', 'birth_date', 'phone', 'email', 'preferred_language']).where('id', '=', id).executeTakeFirst();
}
