// The clinician's side: the work queue, opening a case (audited), claiming it (never two at once), answering, asking,
// handing it on, and closing it with an outcome that writes the journal note and captures (or releases) the payment.
import { insertNote } from '../journal/store.ts';
import { DomainError, Forbidden, NotFound } from '../platform/http/errors.ts';
import { recordAccess } from '../platform/audit.ts';
import { retryingTransaction, type Tx } from '../platform/db/database.ts';
import { CLOSING_OUTCOMES, type ClosingOutcome } from './domain.ts';
import { publishChange, type Actor, type EconsultDeps } from './deps.ts';
import { schedulePurge } from './jobs.ts';
import { notifyPatient } from './notices.ts';
import * as store from './store.ts';
import type { QueueView } from '../../shared/econsult-api.ts';
import { queueItemView } from './views.ts';

export interface StaffActor extends Actor {
  clinicId: string;
}

/** The case, if it belongs to the staff member's clinic; 404 otherwise, so other clinics learn nothing. */
export async function clinicCase(deps: EconsultDeps, actor: StaffActor, caseId: string): Promise<store.CaseRow> {
  const row = await store.caseById(deps.db, caseId);
  if (!row || row.clinic_id !== actor.clinicId || row.status === 'draft' || row.status === 'awaiting_payment') throw NotFound();
  return row;
}

async function me(deps: EconsultDeps, actor: StaffActor) {
  const clinician = await store.clinicianAt(deps.db, actor.personId, actor.clinicId);
  if (!clinician) throw Forbidden();
  return clinician;
}

/** Opening a case shows the patient: written to the audit log, which the patient can read. */
export async function openCase(deps: EconsultDeps, actor: StaffActor, caseId: string): Promise<store.CaseRow> {
  const row = await clinicCase(deps, actor, caseId);
  await recordAccess(deps.db, { actorPersonId: actor.personId, actorKind: 'staff', subjectPersonId: row.patient_id, clinicId: actor.clinicId, action: 'econsult.read', reason: 'e-consultation', requestId: actor.requestId });
  return row;
}

type QueueContext = Awaited<ReturnType<typeof store.queueContext>>;
const CONTEXT_TTL_MS = 60_000;
const contexts = new Map<string, { at: number; rows: QueueContext }>();

/**
 * The clinic's clinicians, remembered for a minute: the queue is read on every change by every clinician watching it,
 * and who works at a clinic changes seldom. Only names and ids come from here, never access (the session decides that);
 * a viewer missing from it (just added) fetches it afresh.
 */
async function queueContext(deps: EconsultDeps, clinicId: string, personId: string): Promise<QueueContext> {
  const known = contexts.get(clinicId);
  if (known && Date.now() - known.at < CONTEXT_TTL_MS && known.rows.some((c) => c.person_id === personId)) return known.rows;
  const rows = await store.queueContext(deps.db, clinicId);
  contexts.set(clinicId, { at: Date.now(), rows });
  return rows;
}

/** The work queue as the clinician sees it: live cases by deadline, who holds each, which are theirs. */
export async function staffQueue(deps: EconsultDeps, actor: StaffActor, filter: { reasonId?: string; mine?: boolean } = {}, now = new Date()): Promise<QueueView> {
  // The clinic's clinicians (who holds what, who is the viewer) and the cases: two short statements, side by side
  // unless "mine" needs the viewer's practitioner id first.
  const load = (claimedBy?: string) => store.queue(deps.db, actor.clinicId, { reasonId: filter.reasonId, claimedBy });
  const [context, all] = await Promise.all([queueContext(deps, actor.clinicId, actor.personId), filter.mine ? undefined : load()]);
  const myId = context.find((c) => c.person_id === actor.personId)?.practitioner_id ?? undefined;
  if (filter.mine && !myId) throw Forbidden();
  const rows = all ?? (await load(myId));
  const names = new Map(context.map((c) => [c.practitioner_id, c.name]));
  return { items: rows.map((r) => queueItemView(r, myId, (r.claimed_by && names.get(r.claimed_by)) ?? null, now)), now: now.toISOString() };
}

async function changed(deps: EconsultDeps, row: store.CaseRow | undefined, refusal: 'problem.econsult-already-claimed' | 'problem.econsult-not-yours' | 'problem.econsult-wrong-state') {
  if (!row) throw new DomainError('conflict', refusal);
  await publishChange(deps, row);
  return row;
}

export async function claim(deps: EconsultDeps, actor: StaffActor, caseId: string): Promise<store.CaseRow> {
  const clinician = await me(deps, actor);
  await clinicCase(deps, actor, caseId);
  const row = await retryingTransaction(deps.db, (tx) => store.move(tx, caseId, 'claim', actor.personId, { claimed_by: clinician.id }, { clinicId: actor.clinicId }, clinician.id));
  return changed(deps, row, 'problem.econsult-already-claimed');
}

/** Back to the queue, or to a named colleague at the clinic. Only the clinician holding it hands it back. */
export async function handOn(deps: EconsultDeps, actor: StaffActor, caseId: string, toPractitionerId: string | null): Promise<store.CaseRow> {
  const clinician = await me(deps, actor);
  const c = await clinicCase(deps, actor, caseId);
  if (toPractitionerId && !(await store.practitionerIsClinicianAt(deps.db, toPractitionerId, actor.clinicId))) throw new DomainError('invalid', 'problem.econsult-not-colleague');
  if (c.claimed_by !== null && c.claimed_by !== clinician.id) throw new DomainError('conflict', 'problem.econsult-not-yours');
  const row = await retryingTransaction(deps.db, (tx) =>
    toPractitionerId
      ? store.move(tx, caseId, 'hand-over', actor.personId, { claimed_by: toPractitionerId }, { clinicId: actor.clinicId, ...(c.claimed_by ? { claimedBy: clinician.id } : {}) }, toPractitionerId)
      : store.move(tx, caseId, 'hand-back', actor.personId, { claimed_by: null }, { clinicId: actor.clinicId, claimedBy: clinician.id }),
  );
  return changed(deps, row, 'problem.econsult-not-yours');
}

/** A reply (the case stays with the clinician) or a question (the case waits for the patient). The patient is told to log in. */
export async function write(deps: EconsultDeps, actor: StaffActor, caseId: string, kind: 'reply' | 'question', body: string): Promise<store.CaseRow> {
  const clinician = await me(deps, actor);
  const c = await clinicCase(deps, actor, caseId);
  const row = await retryingTransaction(deps.db, async (tx) => {
    const moved = await store.move(tx, c.id, kind === 'question' ? 'ask' : 'reply', actor.personId, { first_response_at: c.first_response_at ?? new Date() }, { clinicId: actor.clinicId, claimedBy: clinician.id });
    if (!moved) return undefined;
    const message = await store.insertMessage(tx, { caseId: c.id, authorPersonId: actor.personId, authorRole: 'clinician', kind, body });
    await notifyPatient(deps, tx, moved, 'new-answer', `message:${message.id}`);
    return moved;
  });
  return changed(deps, row, c.claimed_by === clinician.id ? 'problem.econsult-wrong-state' : 'problem.econsult-not-yours');
}

const NOTE_TITLES: Record<ClosingOutcome | 'rejected', string> = {
  advice: 'E-konsultasjon: råd',
  prescription: 'E-konsultasjon: resept',
  referral: 'E-konsultasjon: henvisning',
  'in-person': 'E-konsultasjon: trenger fysisk konsultasjon',
  rejected: 'E-konsultasjon: avvist',
};

async function finish(
  deps: EconsultDeps,
  tx: Tx,
  actor: StaffActor,
  clinicianId: string,
  c: store.CaseRow,
  outcome: ClosingOutcome | 'rejected',
  summary: string,
  journalNote: string,
): Promise<store.CaseRow | undefined> {
  const now = new Date();
  const action = outcome === 'rejected' ? 'reject' : 'close';
  // A rejection may come straight from the queue; closing needs the case in hand.
  const where = outcome === 'rejected' && c.status === 'open' ? { clinicId: actor.clinicId } : { clinicId: actor.clinicId, claimedBy: clinicianId };
  const moved = await store.move(tx, c.id, action, actor.personId, { outcome, outcome_summary: summary, closed_at: now, claimed_by: null, first_response_at: c.first_response_at ?? now }, where);
  if (!moved) return undefined;
  await store.insertMessage(tx, { caseId: c.id, authorPersonId: actor.personId, authorRole: 'clinician', kind: 'outcome', body: summary });
  await insertNote(tx, { patientId: c.patient_id, clinicId: c.clinic_id, authorPractitionerId: clinicianId, sourceKind: 'econsult', sourceId: c.id, title: NOTE_TITLES[outcome], body: journalNote });
  if (moved.payment_id) {
    if (outcome === 'rejected') await deps.payments.requestRelease(tx, moved.payment_id);
    else await deps.payments.requestCapture(tx, moved.payment_id);
  }
  const clinic = (await store.econsultClinic(tx, c.clinic_id))!;
  await schedulePurge(deps, tx, moved, clinic);
  await notifyPatient(deps, tx, moved, 'new-answer', `closed:${c.id}`);
  return moved;
}

/** Closes the case with an outcome: the summary goes to the patient, the note to the journal, the reservation is captured. */
export async function close(deps: EconsultDeps, actor: StaffActor, caseId: string, input: { outcome: ClosingOutcome | 'rejected'; summary: string; journalNote: string }): Promise<store.CaseRow> {
  if (input.outcome !== 'rejected' && !CLOSING_OUTCOMES.includes(input.outcome)) throw new DomainError('invalid', 'problem.econsult-wrong-state');
  const clinician = await me(deps, actor);
  const c = await clinicCase(deps, actor, caseId);
  const row = await retryingTransaction(deps.db, (tx) => finish(deps, tx, actor, clinician.id, c, input.outcome, input.summary, input.journalNote));
  return changed(deps, row, c.claimed_by && c.claimed_by !== clinician.id ? 'problem.econsult-not-yours' : 'problem.econsult-wrong-state');
}
