// The clinic's side of messages: one inbox per clinic, in which reception handles administrative questions and
// letters and sees that a health question exists (to route it) but not what it says; clinicians answer health
// questions; threads are handed between staff; every staff read of a thread's content is audited.
import type { Tx } from '../platform/db/database.ts';
import { Conflict, Forbidden, Invalid, NotFound } from '../platform/http/errors.ts';
import { recordAccess } from '../platform/audit.ts';
import type { StaffInboxThread, ThreadDetail } from './api.ts';
import { nowOf, type MessagesDeps, type StaffActor } from './deps.ts';
import { assigneeRoleFor, staffAuthorRole, staffMayReadContent, statusAfterMessage } from './domain.ts';
import { notifyPatientSide } from './notices.ts';
import type { ThreadKind } from './schema.ts';
import * as store from './store.ts';
import { detail, previewOf, staffInboxThread } from './views.ts';

async function audit(db: MessagesDeps['db'] | Tx, staff: Pick<StaffActor, 'personId' | 'clinicId' | 'requestId'>, patientId: string, action: string): Promise<void> {
  await recordAccess(db, { actorPersonId: staff.personId, actorKind: 'staff', subjectPersonId: patientId, clinicId: staff.clinicId, action, reason: 'messages', requestId: staff.requestId });
}

/** A thread of the staff member's clinic; another clinic's is not found. */
async function clinicThread(deps: MessagesDeps, staff: StaffActor, threadId: string) {
  const t = await store.thread(deps.db, threadId);
  if (!t || t.clinic_id !== staff.clinicId) throw NotFound();
  return t;
}

/** As clinicThread, and refused (403) where the caller may not read its content: reception and a health question. */
async function readableThread(deps: MessagesDeps, staff: StaffActor, threadId: string) {
  const t = await clinicThread(deps, staff, threadId);
  if (!staffMayReadContent(t.kind, staff.roles)) throw Forbidden('problem.message-clinical-content');
  return t;
}

export async function staffInbox(deps: MessagesDeps, staff: StaffActor, query: { q?: string; closed?: boolean }): Promise<StaffInboxThread[]> {
  const rows = await store.staffInbox(deps.db, staff.clinicId, staff.personId, {
    clinicalContent: staffMayReadContent('clinical', staff.roles),
    includeClosed: query.closed === true,
    q: query.q?.trim() || undefined,
  });
  const now = nowOf(deps);
  return rows.map((r) => staffInboxThread(r, now));
}

async function staffDetail(db: MessagesDeps['db'] | Tx, staff: StaffActor, threadId: string, now: Date): Promise<ThreadDetail<StaffInboxThread>> {
  const t = (await store.thread(db, threadId))!;
  const messages = await store.messagesOf(db, t.id);
  const attachments = await store.attachmentsOf(db, t.id);
  const item = staffInboxThread({ ...t, unread: false, preview: previewOf(messages), with_content: true }, now);
  return detail(item, messages, attachments, staff.personId);
}

/** The thread's content, for staff who may read it; audited, and marked read for the reader. */
export async function readStaffThread(deps: MessagesDeps, staff: StaffActor, threadId: string): Promise<ThreadDetail<StaffInboxThread>> {
  const t = await readableThread(deps, staff, threadId);
  const now = nowOf(deps);
  await audit(deps.db, staff, t.patient_id, `messages.${t.kind}.read`);
  await store.markRead(deps.db, t.id, staff.personId, now);
  return staffDetail(deps.db, staff, t.id, now);
}

/** The clinic's answer; the patient side is told that there is one. */
export async function staffReply(deps: MessagesDeps, staff: StaffActor, threadId: string, body: string): Promise<ThreadDetail<StaffInboxThread>> {
  const t = await readableThread(deps, staff, threadId);
  if (t.kind === 'letter') throw Conflict('problem.message-no-reply');
  const now = nowOf(deps);
  const role = staffAuthorRole(staff.roles);
  return deps.db.transaction().execute(async (tx) => {
    if (!(await store.touchThread(tx, t.id, { status: statusAfterMessage(role), at: now }))) throw Conflict('problem.message-thread-closed');
    const { id } = await store.insertMessage(tx, { threadId: t.id, authorId: staff.personId, authorRole: role, body, at: now });
    await store.markRead(tx, t.id, staff.personId, now);
    await audit(tx, staff, t.patient_id, `messages.${t.kind}.answer`);
    await notifyPatientSide(deps, tx, t, 'new-answer', id);
    return staffDetail(tx, staff, t.id, now);
  });
}

/**
 * Hands the thread to a staff member of the clinic (a clinical one only to a clinician), or back to the team with
 * null. Reception may route a health question it cannot read: routing needs only that it exists.
 */
export async function assignThread(deps: MessagesDeps, staff: StaffActor, threadId: string, personId: string | null): Promise<StaffInboxThread> {
  const t = await clinicThread(deps, staff, threadId);
  if (t.kind === 'letter') throw Conflict('problem.message-no-reply');
  let assignee: { id: string; role: NonNullable<ReturnType<typeof assigneeRoleFor>> } | null = null;
  if (personId) {
    const role = assigneeRoleFor(t.kind, await store.staffRolesAt(deps.db, personId, t.clinic_id));
    if (!role) throw Invalid(t.kind === 'clinical' ? 'problem.message-not-clinician' : 'problem.message-not-staff');
    assignee = { id: personId, role };
  }
  await deps.db.transaction().execute((tx) => store.assign(tx, t.id, assignee));
  return listItem(deps, staff, t.id, t.kind);
}

export async function closeThread(deps: MessagesDeps, staff: StaffActor, threadId: string): Promise<StaffInboxThread> {
  const t = await readableThread(deps, staff, threadId);
  if (t.status !== 'closed') await deps.db.transaction().execute((tx) => store.close(tx, t.id, staff.personId, nowOf(deps)));
  return listItem(deps, staff, t.id, t.kind);
}

async function listItem(deps: MessagesDeps, staff: StaffActor, threadId: string, kind: ThreadKind): Promise<StaffInboxThread> {
  const t = (await store.thread(deps.db, threadId))!;
  const withContent = staffMayReadContent(kind, staff.roles);
  const preview = withContent ? previewOf(await store.messagesOf(deps.db, t.id)) : null;
  return staffInboxThread({ ...t, unread: false, preview, with_content: withContent }, nowOf(deps));
}

/** A letter from the clinic to a patient of the clinic: no answer expected, none possible. */
export async function sendLetter(deps: MessagesDeps, staff: StaffActor, input: { patientId: string; subject: string; body: string }): Promise<ThreadDetail<StaffInboxThread>> {
  if (!(await store.isPatientOfClinic(deps.db, input.patientId, staff.clinicId))) throw NotFound();
  const now = nowOf(deps);
  return deps.db.transaction().execute(async (tx) => {
    const id = await writeLetter(deps, tx, staff, input, now);
    return staffDetail(tx, staff, id, now);
  });
}

/** The letter inside the caller's transaction (also booking's appointment letter): thread, message, audit, notice. */
export async function writeLetter(deps: Pick<MessagesDeps, 'notifications'>, tx: Tx, staff: Pick<StaffActor, 'personId' | 'clinicId' | 'roles' | 'requestId'>, input: { patientId: string; subject: string; body: string }, now: Date): Promise<string> {
  const { id } = await store.insertThread(tx, {
    clinicId: staff.clinicId,
    patientId: input.patientId,
    kind: 'letter',
    subject: input.subject,
    assigneeId: null,
    assigneeRole: null,
    status: 'answered',
    dueAt: null,
    createdBy: staff.personId,
    at: now,
  });
  const message = await store.insertMessage(tx, { threadId: id, authorId: staff.personId, authorRole: staffAuthorRole(staff.roles), body: input.body, at: now });
  await store.markRead(tx, id, staff.personId, now);
  await audit(tx, staff, input.patientId, 'messages.letter.write');
  await notifyPatientSide(deps, tx, { patient_id: input.patientId, kind: 'letter' }, 'new-message', message.id);
  return id;
}

/** Who a thread of the clinic can be handed to: the clinic's staff with their roles (clinical threads: clinicians only). */
export async function handOverCandidates(deps: MessagesDeps, staff: StaffActor, threadId: string): Promise<Array<{ personId: string; name: string | null; role: StaffActor['roles'][number] }>> {
  const t = await clinicThread(deps, staff, threadId);
  const rows = await deps.db
    .selectFrom('staff_roles as r')
    .innerJoin('persons as p', 'p.id', 'r.person_id')
    .select(['r.person_id', 'p.name', 'r.role'])
    .where('r.clinic_id', '=', t.clinic_id)
    .orderBy('p.name')
    .execute();
  const roles = new Map<string, { name: string | null; roles: StaffActor['roles'] }>();
  for (const r of rows) roles.set(r.person_id, { name: r.name, roles: [...(roles.get(r.person_id)?.roles ?? []), r.role] });
  return [...roles].flatMap(([personId, p]) => {
    const role = assigneeRoleFor(t.kind, p.roles);
    return role && personId !== t.assignee_id ? [{ personId, name: p.name, role }] : [];
  });
}
