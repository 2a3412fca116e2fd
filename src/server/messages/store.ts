// SQL of the messages capability: threads, their messages, read markers, attachments, and the clinic facts it needs.
// Plain rows out; no decisions here.
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db, Tx } from '../platform/db/database.ts';
import type { StaffRole } from '../platform/db/schema.ts';
import type { AuthorRole, MessageTables, ThreadAttachmentTable, ThreadKind, ThreadStatus } from './schema.ts';
import { cliniciansOf } from '../identity/people.ts';

type Conn = Db | Tx;
const m = (db: Conn) => db.withTables<MessageTables>();

export const PREVIEW_CHARS = 140;

/** A clinic with its contact details and message settings. */
export async function clinic(db: Conn, clinicId: string) {
  return m(db)
    .selectFrom('clinics')
    .select(['id', 'name', 'country', 'time_zone', 'phone', 'email', 'address', 'website', 'message_kinds', 'message_answer_days'])
    .where('id', '=', clinicId)
    .executeTakeFirst();
}

/** The clinics each of the patients belongs to (GP list, appointments, queue places, requests), with their settings. */
export async function clinicsOfPatients(db: Conn, patientIds: string[]) {
  if (patientIds.length === 0) return [];
  return m(db)
    .selectFrom('patient_clinics as pc')
    .innerJoin('clinics as c', 'c.id', 'pc.clinic_id')
    .select(['pc.patient_id', 'c.id', 'c.name', 'c.phone', 'c.email', 'c.address', 'c.website', 'c.message_kinds'])
    .where('pc.patient_id', 'in', patientIds)
    .orderBy('c.name')
    .execute();
}

export async function isPatientOfClinic(db: Conn, patientId: string, clinicId: string): Promise<boolean> {
  return Boolean(await db.selectFrom('patient_clinics').select('patient_id').where('patient_id', '=', patientId).where('clinic_id', '=', clinicId).executeTakeFirst());
}

/** The clinic's clinicians (practitioner and person ids), for "to my clinician" and hand-over. */
export const cliniciansAt = cliniciansOf;

/** The patient's GP (fastlege) if the GP works at this clinic. */
export async function gpAt(db: Conn, patientId: string, clinicId: string) {
  return db
    .selectFrom('gp_list_entries as e')
    .innerJoin('practitioners as pr', 'pr.id', 'e.practitioner_id')
    .select(['pr.id as practitioner_id', 'pr.person_id'])
    .where('e.patient_id', '=', patientId)
    .where('e.clinic_id', '=', clinicId)
    .executeTakeFirst();
}

export async function staffRolesAt(db: Conn, personId: string, clinicId: string): Promise<StaffRole[]> {
  const rows = await db.selectFrom('staff_roles').select('role').where('person_id', '=', personId).where('clinic_id', '=', clinicId).execute();
  return rows.map((r) => r.role);
}

/** People with what a notice and a label need: name, birth date, contact details, language. */
export async function persons(db: Conn, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('persons').select(['id', 'name', 'birth_date', 'phone', 'email', 'preferred_language']).where('id', 'in', ids).execute();
}

export async function guardiansOf(db: Conn, childId: string) {
  return db
    .selectFrom('guardian_relations as g')
    .innerJoin('persons as p', 'p.id', 'g.guardian_id')
    .select(['p.id', 'p.phone', 'p.email', 'p.preferred_language'])
    .where('g.child_id', '=', childId)
    .execute();
}

export interface NewThread {
  clinicId: string;
  patientId: string;
  kind: ThreadKind;
  subject: string;
  assigneeId: string | null;
  assigneeRole: StaffRole | null;
  status: ThreadStatus;
  dueAt: Date | null;
  createdBy: string;
  at: Date;
}

export async function insertThread(tx: Tx, t: NewThread) {
  return m(tx)
    .insertInto('message_threads')
    .values({
      clinic_id: t.clinicId,
      patient_id: t.patientId,
      kind: t.kind,
      subject: t.subject,
      assignee_id: t.assigneeId,
      assignee_role: t.assigneeRole,
      status: t.status,
      due_at: t.dueAt,
      created_by: t.createdBy,
      created_at: t.at,
      last_message_at: t.at,
      closed_at: null,
      closed_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/**
 * A letter the product writes itself (no human author), once per origin: a second call with the same origin writes
 * nothing and gives undefined.
 */
export async function insertSystemLetter(tx: Tx, l: { clinicId: string; patientId: string; subject: string; body: string; origin: string; at: Date }) {
  const thread = await m(tx)
    .insertInto('message_threads')
    .values({ clinic_id: l.clinicId, patient_id: l.patientId, kind: 'letter', subject: l.subject, assignee_id: null, assignee_role: null, status: 'answered', due_at: null, created_by: null, origin: l.origin, created_at: l.at, last_message_at: l.at, closed_at: null, closed_by: null })
    .onConflict((oc) => oc.column('origin').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (thread) await insertMessage(tx, { threadId: thread.id, authorId: null, authorRole: 'system', body: l.body, at: l.at });
  return thread?.id;
}

export async function insertMessage(tx: Tx, msg: { threadId: string; authorId: string | null; authorRole: AuthorRole; body: string; at: Date }) {
  return m(tx)
    .insertInto('thread_messages')
    .values({ thread_id: msg.threadId, author_id: msg.authorId, author_role: msg.authorRole, body: msg.body, created_at: msg.at })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** Records a new message on a thread that is not closed (locked by the update); undefined when it is closed. */
export async function touchThread(tx: Tx, id: string, change: { status: ThreadStatus; dueAt?: Date | null; at: Date }) {
  return m(tx)
    .updateTable('message_threads')
    .set({ status: change.status, last_message_at: change.at, ...(change.dueAt !== undefined ? { due_at: change.dueAt } : {}) })
    .where('id', '=', id)
    .where('status', '<>', 'closed')
    .returning('id')
    .executeTakeFirst();
}

export async function markRead(db: Conn, threadId: string, personId: string, at: Date): Promise<void> {
  await m(db)
    .insertInto('thread_reads')
    .values({ thread_id: threadId, person_id: personId, read_at: at })
    .onConflict((oc) => oc.columns(['thread_id', 'person_id']).doUpdateSet({ read_at: sql<Date>`greatest(thread_reads.read_at, excluded.read_at)` }))
    .execute();
}

/** A thread with its clinic, patient and assignee named. */
export async function thread(db: Conn, id: string) {
  return m(db)
    .selectFrom('message_threads as t')
    .innerJoin('clinics as c', 'c.id', 't.clinic_id')
    .innerJoin('persons as p', 'p.id', 't.patient_id')
    .leftJoin('persons as a', 'a.id', 't.assignee_id')
    .selectAll('t')
    .select(['c.name as clinic_name', 'c.country', 'c.time_zone', 'c.message_answer_days', 'p.name as patient_name', 'a.name as assignee_name'])
    .where('t.id', '=', id)
    .executeTakeFirst();
}

export type ThreadRow = NonNullable<Awaited<ReturnType<typeof thread>>>;

export async function messagesOf(db: Conn, threadId: string) {
  return m(db)
    .selectFrom('thread_messages as tm')
    .leftJoin('persons as p', 'p.id', 'tm.author_id')
    .select(['tm.id', 'tm.author_id', 'tm.author_role', 'tm.body', 'tm.created_at'])
    // A letter the product wrote itself is signed by the clinic.
    .select(sql<string | null>`coalesce(p.name, (SELECT c.name FROM message_threads t JOIN clinics c ON c.id = t.clinic_id WHERE t.id = tm.thread_id))`.as('author_name'))
    .where('tm.thread_id', '=', threadId)
    .orderBy('tm.created_at')
    .orderBy('tm.id')
    .execute();
}

export async function attachmentsOf(db: Conn, threadId: string) {
  return m(db).selectFrom('thread_attachments').select(['id', 'content_type', 'bytes', 'uploaded_by', 'created_at']).where('thread_id', '=', threadId).orderBy('created_at').execute();
}

export async function attachment(db: Conn, threadId: string, id: string) {
  return m(db).selectFrom('thread_attachments').selectAll().where('thread_id', '=', threadId).where('id', '=', id).executeTakeFirst();
}

/** Takes one of the thread's attachment places (at most 5, a CHECK); undefined when full or closed. */
export async function takeAttachmentPlace(tx: Tx, threadId: string) {
  return m(tx)
    .updateTable('message_threads')
    .set({ attachment_count: sql<number>`attachment_count + 1` })
    .where('id', '=', threadId)
    .where('status', '<>', 'closed')
    .where('attachment_count', '<', 5)
    .returning('attachment_count')
    .executeTakeFirst();
}

export async function insertAttachment(tx: Tx, a: Omit<ThreadAttachmentTable, 'created_at'>) {
  return m(tx).insertInto('thread_attachments').values(a).returning(['id', 'content_type', 'bytes', 'uploaded_by', 'created_at']).executeTakeFirstOrThrow();
}

export async function assign(tx: Tx, id: string, assignee: { id: string; role: StaffRole } | null) {
  return m(tx)
    .updateTable('message_threads')
    .set({ assignee_id: assignee?.id ?? null, assignee_role: assignee?.role ?? null })
    .where('id', '=', id)
    .returning('id')
    .executeTakeFirst();
}

export async function close(tx: Tx, id: string, by: string, at: Date) {
  return m(tx).updateTable('message_threads').set({ status: 'closed', closed_at: at, closed_by: by }).where('id', '=', id).where('status', '<>', 'closed').returning('id').executeTakeFirst();
}

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Threads whose subject or any message matches `q`: whole words (full-text, 'simple') or any part of a word. */
function matches(q: string): Expression<SqlBool> {
  const pattern = likePattern(q);
  return sql<SqlBool>`(
    to_tsvector('simple', t.subject) @@ websearch_to_tsquery('simple', ${q}) OR t.subject ILIKE ${pattern}
    OR EXISTS (SELECT 1 FROM thread_messages s WHERE s.thread_id = t.id
               AND (to_tsvector('simple', s.body) @@ websearch_to_tsquery('simple', ${q}) OR s.body ILIKE ${pattern})))`;
}

/** The thread list columns, with whether `readerId` has something unread and, where `withContent`, a preview. */
function listed(db: Conn, readerId: string, withContent: Expression<SqlBool>) {
  return m(db)
    .selectFrom('message_threads as t')
    .innerJoin('clinics as c', 'c.id', 't.clinic_id')
    .innerJoin('persons as p', 'p.id', 't.patient_id')
    .leftJoin('persons as a', 'a.id', 't.assignee_id')
    .select(['t.id', 't.clinic_id', 't.patient_id', 't.kind', 't.subject', 't.status', 't.due_at', 't.assignee_id', 't.assignee_role', 't.created_at', 't.last_message_at', 't.attachment_count'])
    .select(['c.name as clinic_name', 'p.name as patient_name', 'a.name as assignee_name'])
    .select(sql<boolean>`${withContent}`.as('with_content'))
    .select(
      sql<string | null>`CASE WHEN ${withContent} THEN left((SELECT l.body FROM thread_messages l WHERE l.thread_id = t.id ORDER BY l.created_at DESC, l.id DESC LIMIT 1), ${PREVIEW_CHARS}) END`.as('preview'),
    )
    .select(
      sql<boolean>`EXISTS (SELECT 1 FROM thread_messages u WHERE u.thread_id = t.id AND u.author_id IS DISTINCT FROM ${readerId}
        AND u.created_at > coalesce((SELECT r.read_at FROM thread_reads r WHERE r.thread_id = t.id AND r.person_id = ${readerId}), '-infinity'))`.as('unread'),
    )
    .orderBy('t.last_message_at', 'desc')
    .orderBy('t.id', 'desc')
    .limit(500);
}

export type ListedThread = Awaited<ReturnType<typeof patientInbox>>[number];

/** The threads of the patients a person may see: every kind for `all`, all but clinical for `notClinical`. */
export async function patientInbox(db: Conn, readerId: string, who: { all: string[]; notClinical: string[] }, q?: string) {
  if (who.all.length === 0 && who.notClinical.length === 0) return [];
  let query = listed(db, readerId, sql<SqlBool>`true`).where((eb) =>
    eb.or([
      ...(who.all.length ? [eb('t.patient_id', 'in', who.all)] : []),
      ...(who.notClinical.length ? [eb.and([eb('t.patient_id', 'in', who.notClinical), eb('t.kind', '<>', 'clinical')])] : []),
    ]),
  );
  if (q) query = query.where(matches(q));
  return query.execute();
}

/** The clinic's threads; the subject and preview of clinical ones only when `clinicalContent`. */
export async function staffInbox(db: Conn, clinicId: string, readerId: string, opts: { clinicalContent: boolean; includeClosed: boolean; q?: string }) {
  const withContent = opts.clinicalContent ? sql<SqlBool>`true` : sql<SqlBool>`t.kind <> 'clinical'`;
  let query = listed(db, readerId, withContent).where('t.clinic_id', '=', clinicId);
  if (!opts.includeClosed) query = query.where('t.status', '<>', 'closed');
  // Reception searches only what it may read.
  if (opts.q) query = query.where(matches(opts.q)).where(withContent);
  return query.execute();
}

/** The clinic's message settings: which kinds patients may send, and how many working days an answer may take. */
export async function messageSettings(db: Conn, clinicId: string) {
  return m(db).selectFrom('clinics').select(['message_kinds', 'message_answer_days']).where('id', '=', clinicId).executeTakeFirstOrThrow();
}

export async function setMessageSettings(db: Conn, clinicId: string, s: { kinds: Array<'admin' | 'clinical'>; answerDays: number }) {
  return m(db)
    .updateTable('clinics')
    .set({ message_kinds: s.kinds, message_answer_days: s.answerDays })
    .where('id', '=', clinicId)
    .returning(['message_kinds', 'message_answer_days'])
    .executeTakeFirstOrThrow();
}
