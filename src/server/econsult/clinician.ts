// The clinician's side: the work queue, opening a case (audited), claiming it (never two at once), answering, asking,
// handing it on, and closing it with an outcome that writes the journal note and captures (or releases) the payment.
import { DomainError, Forbidden, NotFound } from '../platform/http/errors.ts';
import { recordAccess } from '../platform/audit.ts';
import { retryingTransaction, type Tx } from '../platform/db/database.ts';
import { CLOSING_OUTCOMES, type ClosingOutcome } from './domain.ts';
import { publishChange, type Actor, type EconsultDeps } from './deps.ts';
import { schedulePurge } from './jobs.ts';
import { notifyPatient } from './notices.ts';
import * as store from './store.ts';

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

export async function queue(deps: EconsultDeps, actor: StaffActor, filter: { reasonId?: string; mine?: boolean }) {
  const claimedBy = filter.mine ? (await me(deps, actor)).id : undefined;
  return store.queue(deps.db, actor.clinicId, { reasonId: filter.reasonId, claimedBy });
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
  await tx
    .insertInto('journal_notes')
    .values({ patient_id: c.patient_id, clinic_id: c.clinic_id, author_practitioner_id: clinicianId, source_kind: 'econsult', source_id: c.id, title: NOTE_TITLES[outcome], body: journalNote })
    .execute();
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
