// The patient side of messages: the inbox over the person's own threads and their children's (a 12–15-year-old's
// health questions stay the child's own), what each clinic takes, a new question, an answer, reading a thread.
import { DateTime } from 'luxon';
import type { Db, Tx } from '../platform/db/database.ts';
import { DomainError, Conflict, Invalid, NotFound } from '../platform/http/errors.ts';
import { recordAccess } from '../platform/audit.ts';
import { patientContactsAt } from '../contacts/service.ts';
import { idempotent } from '../platform/idempotency.ts';
import { patientsActorMayActFor } from '../identity/service.ts';
import { proxyAccess } from '../identity/domain.ts';
import { localDate } from '../../shared/time.ts';
import type { InboxThread, MessageClinic, ThreadDetail } from './api.ts';
import { nowOf, type MessagesDeps, type PatientActor } from './deps.ts';
import { answerDueAt, mayReply, patientSideMaySee, statusAfterMessage, type Country, type PatientSideAccess } from './domain.ts';
import { letterPdf } from './letter-pdf.ts';
import * as store from './store.ts';
import { detail, inboxThread, previewOf } from './views.ts';

/** Whose messages the person sees, and how much: themself, and each child they may act for today. */
export async function patientSide(db: Db | Tx, personId: string): Promise<Map<string, PatientSideAccess>> {
  const ids = await patientsActorMayActFor(db as Db, personId);
  const today = localDate(new Date());
  const people = await store.persons(db, ids);
  const side = new Map<string, PatientSideAccess>();
  for (const p of people) {
    if (p.id === personId) side.set(p.id, 'self');
    else {
      const access = proxyAccess(true, p.birth_date, today);
      if (access !== 'none') side.set(p.id, access);
    }
  }
  return side;
}

/** The thread if the person may see it; another patient's (or a teenager's health question) is simply not found. */
export async function visibleThread(db: Db | Tx, actor: PatientActor, threadId: string) {
  const t = await store.thread(db, threadId);
  const access = t && (await patientSide(db, actor.personId)).get(t.patient_id);
  if (!t || !access || !patientSideMaySee(access, t.kind)) throw NotFound();
  return t;
}

export async function inbox(deps: MessagesDeps, actor: PatientActor, query: { q?: string; patientId?: string }): Promise<InboxThread[]> {
  const side = await patientSide(deps.db, actor.personId);
  const entries = [...side].filter(([id]) => !query.patientId || id === query.patientId);
  const who = { all: entries.filter(([, a]) => a !== 'limited').map(([id]) => id), notClinical: entries.filter(([, a]) => a === 'limited').map(([id]) => id) };
  const rows = await store.patientInbox(deps.db, actor.personId, who, query.q?.trim() || undefined);
  return rows.map((r) => inboxThread(r, actor.personId));
}

/** The clinics the patient can write to, each with the kinds it takes (none: its contact details say how to reach it). */
export async function clinicsToWrite(deps: MessagesDeps, actor: PatientActor, patientId: string | undefined): Promise<MessageClinic[]> {
  const subject = patientId ?? actor.subjectId;
  const access = (await patientSide(deps.db, actor.personId)).get(subject);
  if (!access) throw NotFound();
  const out: MessageClinic[] = [];
  for (const c of await store.clinicsOfPatients(deps.db, [subject])) {
    const offers = c.message_kinds.filter((k) => patientSideMaySee(access, k));
    const clinicians = offers.includes('clinical') ? await store.cliniciansAt(deps.db, c.id) : [];
    const gp = offers.includes('clinical') ? await store.gpAt(deps.db, subject, c.id) : undefined;
    // Who is assigned to the patient is health information: a parent of a 12–15-year-old does not see it.
    const contacts = patientSideMaySee(access, 'clinical') ? await patientContactsAt(deps.db, subject, c.id) : [];
    out.push({
      id: c.id,
      name: c.name,
      patientId: subject,
      offers,
      contact: { phone: c.phone, email: c.email, address: c.address, website: c.website },
      gpPractitionerId: gp?.practitioner_id ?? null,
      clinicians: clinicians.map((p) => ({ practitionerId: p.practitioner_id, name: p.name, profession: p.profession })),
      contacts,
    });
  }
  return out;
}

async function threadDetail(db: Db | Tx, actor: PatientActor, threadId: string): Promise<ThreadDetail> {
  const t = await visibleThread(db, actor, threadId);
  const messages = await store.messagesOf(db, t.id);
  const attachments = await store.attachmentsOf(db, t.id);
  const unread = false; // the reader has just read it
  return detail(inboxThread({ ...t, unread, preview: previewOf(messages) }, actor.personId), messages, attachments, actor.personId);
}

/** The thread with its messages; reading it marks it read for the reader. */
export async function readThread(deps: MessagesDeps, actor: PatientActor, threadId: string): Promise<ThreadDetail> {
  const t = await visibleThread(deps.db, actor, threadId);
  await store.markRead(deps.db, t.id, actor.personId, nowOf(deps));
  return threadDetail(deps.db, actor, t.id);
}

export interface NewThreadInput {
  kind: 'admin' | 'clinical';
  clinicId: string;
  practitionerId?: string;
  subject: string;
  body: string;
  patientId?: string;
}

/** A question to the office or to a clinician; a repeat with the same Idempotency-Key gets the first answer. */
export async function startThread(deps: MessagesDeps, actor: PatientActor, input: NewThreadInput, idempotencyKey: string | undefined) {
  const patientId = input.patientId ?? actor.subjectId;
  const access = (await patientSide(deps.db, actor.personId)).get(patientId);
  if (!access) throw NotFound();
  if (!patientSideMaySee(access, input.kind)) throw new DomainError('forbidden', 'problem.proxy-limited');
  const clinic = await store.clinic(deps.db, input.clinicId);
  if (!clinic || !(await store.isPatientOfClinic(deps.db, patientId, clinic.id))) throw NotFound();
  if (!clinic.message_kinds.includes(input.kind)) {
    const contact = { name: clinic.name, phone: clinic.phone, email: clinic.email, address: clinic.address, website: clinic.website };
    throw new DomainError('conflict', 'problem.message-kind-not-offered', { clinic: clinic.name, phone: clinic.phone ?? '' }, { clinic: contact, offers: clinic.message_kinds });
  }
  let assigneeId: string | null = null;
  if (input.kind === 'clinical') {
    if (input.practitionerId) {
      const named = (await store.cliniciansAt(deps.db, clinic.id)).find((c) => c.practitioner_id === input.practitionerId);
      if (!named) throw Invalid('problem.message-not-clinician');
      assigneeId = named.person_id;
    } else {
      // Without a name the question goes to the patient's GP at this clinic, else to the clinic's clinicians.
      assigneeId = (await store.gpAt(deps.db, patientId, clinic.id))?.person_id ?? null;
    }
  } else if (input.practitionerId) {
    throw Invalid('problem.message-admin-to-office');
  }
  const now = nowOf(deps);
  const author = patientId === actor.personId ? 'patient' : 'guardian';
  const result = await idempotent<ThreadDetail>(deps.db, { personId: actor.personId, scope: 'messages.thread', key: idempotencyKey, request: { ...input, patientId } }, async (tx) => {
    const { id } = await store.insertThread(tx, {
      clinicId: clinic.id,
      patientId,
      kind: input.kind,
      subject: input.subject,
      assigneeId,
      assigneeRole: assigneeId ? 'clinician' : null,
      status: 'open',
      dueAt: answerDueAt(now, clinic.message_answer_days, clinic.country as Country, clinic.time_zone),
      createdBy: actor.personId,
      at: now,
    });
    await store.insertMessage(tx, { threadId: id, authorId: actor.personId, authorRole: author, body: input.body, at: now });
    await store.markRead(tx, id, actor.personId, now);
    if (author === 'guardian') {
      await recordAccess(tx, { actorPersonId: actor.personId, actorKind: 'guardian', subjectPersonId: patientId, clinicId: clinic.id, action: 'messages.thread.create', reason: 'parent acting for child', requestId: actor.requestId });
    }
    return { status: 201, body: await threadDetail(tx, actor, id) };
  });
  return result;
}

/** The patient's (or parent's) answer in a thread that takes one; it waits for the clinic again. */
export async function reply(deps: MessagesDeps, actor: PatientActor, threadId: string, body: string): Promise<ThreadDetail> {
  const t = await visibleThread(deps.db, actor, threadId);
  if (!mayReply(t.kind, t.status)) throw Conflict(t.kind === 'letter' ? 'problem.message-no-reply' : 'problem.message-thread-closed');
  const now = nowOf(deps);
  const author = t.patient_id === actor.personId ? 'patient' : 'guardian';
  return deps.db.transaction().execute(async (tx) => {
    // A thread already waiting keeps its deadline; one the clinic had answered gets a new one.
    const dueAt = t.status === 'open' && t.due_at ? undefined : answerDueAt(now, t.message_answer_days, t.country as Country, t.time_zone);
    if (!(await store.touchThread(tx, t.id, { status: statusAfterMessage(author), dueAt, at: now }))) throw Conflict('problem.message-thread-closed');
    await store.insertMessage(tx, { threadId: t.id, authorId: actor.personId, authorRole: author, body, at: now });
    await store.markRead(tx, t.id, actor.personId, now);
    return threadDetail(tx, actor, t.id);
  });
}

/** A letter of the patient's as a PDF to keep or print (only letters; the thread must be one the actor may see). */
export async function letterAsPdf(deps: MessagesDeps, actor: PatientActor, threadId: string): Promise<Uint8Array> {
  const t = await visibleThread(deps.db, actor, threadId);
  if (t.kind !== 'letter') throw NotFound();
  const [first] = await store.messagesOf(deps.db, t.id);
  const date = DateTime.fromJSDate(new Date(t.created_at), { zone: t.time_zone }).setLocale('nb').toFormat('d. LLLL yyyy');
  return letterPdf({ clinicName: t.clinic_name, patientName: t.patient_name, date, subject: t.subject, body: first?.body ?? '' });
}
