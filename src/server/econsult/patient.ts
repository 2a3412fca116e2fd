// The patient's side of an e-consultation: start it past the emergency screening, fill it in, submit (and pay), answer.
import { DomainError, Invalid, NotFound } from '../platform/http/errors.ts';
import { recordAccess } from '../platform/audit.ts';
import { mayActFor, patientsActorMayActFor } from '../identity/service.ts';
import { retryingTransaction, type Tx } from '../platform/db/database.ts';
import { idempotent } from '../platform/idempotency.ts';
import { cleanAnswers, flagsFor, screeningOutcome, validateAnswers, type Answers } from '../../shared/econsult/questionnaire.ts';
import { questionnaire, screening } from './questionnaires/catalogue.ts';
import { canMove, dueAt, priceRule } from './domain.ts';
import { priceFor, recordPaidCopayment } from '../money/service.ts';
import { sendReceiptLetter } from '../money/receipts.ts';
import { recordConsent } from '../consents/service.ts';
import { ageOn } from '../../shared/national-id.ts';
import { localDate } from '../../shared/time.ts';
import { PURPOSE, publishChange, type Actor, type AuthorizedPayment, type EconsultDeps } from './deps.ts';
import { scheduleExpiry, scheduleDraftPurge } from './jobs.ts';
import * as store from './store.ts';

/** The case a patient (or the parent acting for a child) may see and change; anyone else gets 404. */
export async function patientCase(deps: EconsultDeps, actor: Actor, caseId: string, lock?: Tx): Promise<store.CaseRow> {
  const row = await store.caseById(lock ?? deps.db, caseId, Boolean(lock));
  if (!row) throw NotFound();
  if (row.patient_id === actor.personId || row.submitted_by === actor.personId) return row;
  if (await mayActFor(deps.db, actor.personId, row.patient_id)) return row;
  throw NotFound();
}

export async function offeringClinic(deps: EconsultDeps, clinicId: string) {
  const clinic = await store.econsultClinic(deps.db, clinicId);
  if (!clinic) throw NotFound();
  if (!clinic.services.includes('econsult')) throw new DomainError('conflict', 'problem.econsult-not-offered');
  return clinic;
}

export function offeredReason(clinic: store.EconsultClinic, reasonId: string) {
  const q = questionnaire(reasonId);
  if (!q || (clinic.econsult_reasons && !clinic.econsult_reasons.includes(reasonId))) throw Invalid('problem.econsult-reason-unknown');
  return q;
}

/** Starts a draft. The screening is checked here too: a client that skips the first screen gets no case. */
/** Starts a draft; a repeat with the same Idempotency-Key (a retry after a lost answer) gets the same draft, not a second. */
export async function startCase(deps: EconsultDeps, actor: Actor, input: { clinicId: string; patientId: string; screening: Record<string, boolean> }, idempotencyKey?: string): Promise<store.CaseRow> {
  const clinic = await offeringClinic(deps, input.clinicId);
  const guardian = input.patientId !== actor.personId;
  if (guardian && !(await mayActFor(deps.db, actor.personId, input.patientId))) throw new DomainError('forbidden', 'problem.cannot-act-for');
  const s = screening();
  // Any yes stops first, even with other questions unanswered: the emergency advice matters more than the form.
  const outcome = screeningOutcome(s, input.screening);
  if (outcome === 'stop') throw Invalid('problem.econsult-emergency');
  if (outcome === 'incomplete') throw Invalid('problem.econsult-screening-incomplete');
  const started = await idempotent(deps.db, { personId: actor.personId, scope: 'econsult.start', key: idempotencyKey, request: input }, async (tx) => {
    const draft = await store.insertDraft(tx, { clinicId: clinic.id, patientId: input.patientId, submittedBy: actor.personId, screeningVersion: s.version });
    if (guardian) {
      await recordAccess(tx, { actorPersonId: actor.personId, actorKind: 'guardian', subjectPersonId: input.patientId, clinicId: clinic.id, action: 'econsult.start', reason: 'parent acting for child', requestId: actor.requestId });
    }
    await scheduleDraftPurge(deps, tx, draft);
    return { status: 201, body: { id: draft.id } };
  });
  const row = await store.caseById(deps.db, started.body.id);
  if (!row) throw NotFound();
  return row;
}

export interface DraftInput {
  reasonId?: string;
  answers?: Answers;
  description?: string;
}

/** Saves what the patient has filled in so far; answers are kept as given and checked in full at submit. */
export async function saveDraft(deps: EconsultDeps, actor: Actor, caseId: string, input: DraftInput): Promise<store.CaseRow> {
  const current = await patientCase(deps, actor, caseId);
  if (current.status !== 'draft') throw new DomainError('conflict', 'problem.econsult-not-draft');
  const clinic = await offeringClinic(deps, current.clinic_id);
  const changes: store.CaseChanges = {};
  const reasonId = input.reasonId ?? current.reason_id;
  if (input.reasonId !== undefined) {
    const q = offeredReason(clinic, input.reasonId);
    changes.reason_id = q.reasonId;
    changes.questionnaire_version = q.version;
    // Another reason: the old reason's answers no longer belong to anything.
    if (input.reasonId !== current.reason_id && input.answers === undefined) changes.answers = '{}';
  }
  if (input.answers !== undefined) {
    if (!reasonId) throw Invalid('problem.econsult-reason-unknown');
    const q = offeredReason(clinic, reasonId);
    changes.answers = JSON.stringify(cleanAnswers(q, input.answers));
  }
  if (input.description !== undefined) changes.description = input.description;
  const row = await retryingTransaction(deps.db, (tx) => store.updateDraft(tx, caseId, changes));
  if (!row) throw new DomainError('conflict', 'problem.econsult-not-draft');
  return row;
}

export interface Submitted {
  row: store.CaseRow;
  /** Where to send the patient to reserve the price; absent when nothing is to be paid or it is reserved already. */
  redirectUrl?: string;
}

/** Checks the whole case, prices it and submits it: straight to the queue when free, else to the card reservation. */
export async function submit(deps: EconsultDeps, actor: Actor, caseId: string, now = new Date()): Promise<Submitted> {
  const existing = await patientCase(deps, actor, caseId);
  if (existing.status === 'awaiting_payment' && existing.payment_id) return resumePayment(deps, actor, existing);
  const clinic = await offeringClinic(deps, existing.clinic_id);
  const outcome = await retryingTransaction(deps.db, async (tx) => {
    const c = await patientCase(deps, actor, caseId, tx);
    if (!canMove(c.status, 'submit-free')) throw new DomainError('conflict', 'problem.econsult-not-draft');
    if (!c.reason_id) throw Invalid('problem.econsult-reason-unknown');
    const q = offeredReason(clinic, c.reason_id);
    const answers = c.answers as unknown as Answers;
    const problems = validateAnswers(q, answers);
    if (problems.length > 0) throw new DomainError('invalid', 'problem.econsult-answers', { count: problems.length }, { problems });
    const patient = await store.person(tx, c.patient_id);
    const age = ageOn(patient!.birth_date, localDate(now, clinic.time_zone));
    const quote = await priceFor(tx, { clinicId: clinic.id, visitType: 'econsult', patientId: c.patient_id, at: now });
    const price = { amountOre: quote.amountOre, rule: priceRule(clinic.kind, quote.exemption) };
    const flags = flagsFor(q, answers);
    // Sending the case counts as consent to e-consultation and electronic processing (DOMAIN.md), recorded with the text's version.
    await recordConsent(tx, { personId: c.patient_id, kind: 'econsult', given: true, byPersonId: actor.personId, source: 'econsult-submit' });
    const common = {
      questionnaire_version: q.version,
      answers: JSON.stringify(cleanAnswers(q, answers)),
      flags: JSON.stringify(flags),
      flag_count: flags.length,
      patient_age: age,
      price_ore: price.amountOre,
      price_rule: price.rule,
      payment_declined_at: null,
    };
    if (price.amountOre === 0) {
      const row = await store.move(tx, c.id, 'submit-free', actor.personId, { ...common, submitted_at: now, due_at: dueAt(now, clinic.time_zone, clinic.econsult_cutoff) });
      await scheduleExpiry(deps, tx, row!, clinic);
      return { row: row!, pay: false };
    }
    const row = await store.move(tx, c.id, 'submit-paid', actor.personId, common);
    return { row: row!, pay: true };
  });
  if (!outcome.pay) {
    await publishChange(deps, outcome.row);
    return { row: outcome.row };
  }
  return resumePayment(deps, actor, outcome.row);
}

/** Starts (or finds again) the card reservation of a case waiting for it: the payments service gives one per case. */
async function resumePayment(deps: EconsultDeps, actor: Actor, c: store.CaseRow): Promise<Submitted> {
  const clinic = (await store.econsultClinic(deps.db, c.clinic_id))!;
  const started = await deps.payments.begin({
    clinicId: c.clinic_id,
    personId: c.submitted_by,
    purpose: PURPOSE,
    purposeId: c.id,
    amountOre: c.price_ore!,
    currency: clinic.country === 'SE' ? 'SEK' : 'NOK',
    // Content-free: the card statement shows the clinic and the kind of service, never the reason.
    description: `${clinic.name}: e-konsultasjon`,
    returnPath: `/e-konsultasjon/${c.id}`,
    language: actor.language,
  });
  const row = await retryingTransaction(deps.db, async (tx) =>
    tx.updateTable('econsult_cases').set({ payment_id: started.paymentId }).where('id', '=', c.id).where('status', '=', 'awaiting_payment').returningAll().executeTakeFirst(),
  );
  return { row: row ?? (await store.caseById(deps.db, c.id))!, redirectUrl: started.redirectUrl };
}

/** The payment hooks: a reserved price puts the case in the queue, a declined card sends it back to the patient. */
export function registerPaymentHooks(deps: EconsultDeps): void {
  deps.payments.onAuthorized(PURPOSE, async (tx: Tx, p: AuthorizedPayment) => {
    const c = await store.caseById(tx, p.purposeId, true);
    if (!c) return;
    const clinic = (await store.econsultClinic(tx, c.clinic_id))!;
    const now = new Date();
    const row = await store.move(tx, c.id, 'payment-authorized', null, { payment_id: p.id, submitted_at: now, due_at: dueAt(now, clinic.time_zone, clinic.econsult_cutoff) });
    if (!row) {
      // The case left 'awaiting_payment' meanwhile (it cannot, but if it did): nothing to reserve for.
      await deps.payments.requestRelease(tx, p.id);
      return;
    }
    await scheduleExpiry(deps, tx, row, clinic);
  });
  deps.payments.onDeclined(PURPOSE, async (tx: Tx, p: AuthorizedPayment) => {
    await store.move(tx, p.purposeId, 'payment-declined', null, { payment_id: null, payment_declined_at: new Date() });
  });
  // The money taken counts towards the patient's yearly co-payment ceiling (a public clinic's, once per case).
  deps.payments.onCaptured(PURPOSE, async (tx: Tx, p: AuthorizedPayment) => {
    const c = await store.caseById(tx, p.purposeId);
    const clinic = c && (await store.econsultClinic(tx, c.clinic_id));
    if (!c || !clinic) return;
    await recordPaidCopayment(tx, { personId: c.patient_id, clinicId: clinic.id, clinicKind: clinic.kind, visitType: 'econsult', purpose: PURPOSE, purposeId: c.id, amountOre: p.amountOre, paidAt: new Date(), timeZone: clinic.time_zone });
    await sendReceiptLetter(tx, { method: 'card', paymentId: p.id });
  });
  // Live listeners hear of it only once it has committed, or they would recompute the queue without the case.
  deps.payments.afterMove(PURPOSE, async (p: AuthorizedPayment) => publishChange(deps, { id: p.purposeId, clinic_id: p.clinicId }));
}

/** The patient answers the clinician's question; the case goes back to the clinician who holds it. */
export async function answer(deps: EconsultDeps, actor: Actor, caseId: string, body: string): Promise<store.CaseRow> {
  const c = await patientCase(deps, actor, caseId);
  const row = await retryingTransaction(deps.db, async (tx) => {
    const moved = await store.move(tx, c.id, 'answer', actor.personId);
    if (!moved) throw new DomainError('conflict', 'problem.econsult-wrong-state');
    await store.insertMessage(tx, { caseId: c.id, authorPersonId: actor.personId, authorRole: 'patient', kind: 'answer', body });
    return moved;
  });
  await publishChange(deps, row);
  return row;
}

/** Discards a draft the patient no longer wants (with its photos). */
export async function discardDraft(deps: EconsultDeps, actor: Actor, caseId: string): Promise<void> {
  const c = await patientCase(deps, actor, caseId);
  if (c.status !== 'draft') throw new DomainError('conflict', 'problem.econsult-not-draft');
  const photos = await store.photosOf(deps.db, c.id);
  for (const p of photos) {
    await deps.files.delete(p.storage_key);
    await deps.files.delete(p.thumb_key);
  }
  await deps.db.deleteFrom('econsult_cases').where('id', '=', c.id).where('status', '=', 'draft').execute();
}

export async function myCases(deps: EconsultDeps, actor: Actor) {
  return store.casesFor(deps.db, await patientsActorMayActFor(deps.db, actor.personId));
}
