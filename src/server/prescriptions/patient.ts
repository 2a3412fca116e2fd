// The patient's prescriptions (their own, or a child's under 12: DOMAIN.md keeps health information from parents once
// the child is 12): the list, renewal requests, locking one, and the block on health personnel's view.
import type { SessionInfo } from '../platform/http/access.ts';
import type { Db, Tx } from '../platform/db/database.ts';
import { Conflict, DomainError, Invalid, NotFound } from '../platform/http/errors.ts';
import { recordAccess } from '../platform/audit.ts';
import { idempotent, type IdempotentResult } from '../platform/idempotency.ts';
import { mayActFor, requireFullAccess } from '../identity/service.ts';
import type { AccessBlockView, MyPrescriptions, PrescriptionView, RenewalRequestView } from './api.ts';
import { nowOf, type PrescriptionDeps } from './deps.ts';
import { mayPrescribeDigitally } from './rules.ts';
import * as store from './store.ts';
import { drugOf, prescriptionView, requestViews } from './views.ts';

/** Who acts and for whom: the session's own subject, or a child named in the body whom the session may act for. */
export async function subjectFor(deps: PrescriptionDeps, session: SessionInfo, sessionSubject: string, patientId?: string): Promise<string> {
  const subject = patientId ?? sessionSubject;
  if (subject !== session.personId && subject !== sessionSubject && !(await mayActFor(deps.db, session.personId, subject))) throw new DomainError('forbidden', 'problem.cannot-act-for');
  await requireFullAccess(deps.db, session.personId, subject);
  return subject;
}

/** What is done for a child is recorded as done by the parent on the child's behalf. */
async function recordProxy(tx: Tx, session: SessionInfo, subjectId: string, action: string, clinicId: string | null, requestId: string): Promise<void> {
  if (subjectId === session.personId) return;
  await recordAccess(tx, { actorPersonId: session.personId, actorKind: 'guardian', subjectPersonId: subjectId, clinicId, action, reason: 'parent acting for child', requestId });
}

async function blockView(deps: PrescriptionDeps, patientId: string): Promise<AccessBlockView> {
  const b = await store.accessBlock(deps.db, patientId);
  return { blocked: !!b, since: b ? b.blocked_at.toISOString() : null };
}

export async function myPrescriptions(deps: PrescriptionDeps, session: SessionInfo, subjectId: string): Promise<MyPrescriptions> {
  await requireFullAccess(deps.db, session.personId, subjectId);
  const now = nowOf(deps);
  const [rows, requests, accessBlock] = await Promise.all([store.prescriptionsOfPatient(deps.db, subjectId), store.requestsOfPatient(deps.db, subjectId), blockView(deps, subjectId)]);
  const items = await store.itemsOfRequests(deps.db, requests.map((r) => r.id));
  return { prescriptions: rows.map((r) => prescriptionView(deps.catalogue, r, now, true)), renewalRequests: requestViews(deps.catalogue, requests, items), accessBlock };
}

/** The subject's own prescriptions among `ids`, or 404 for all of them: another person's id tells nothing. */
async function ownPrescriptions(db: Db | Tx, subjectId: string, ids: readonly string[]) {
  const rows = await store.prescriptionsByIds(db, ids);
  if (rows.length !== ids.length || rows.some((r) => r.patient_id !== subjectId)) throw NotFound();
  return rows;
}

export interface RenewalInput {
  prescriptionIds: string[];
  note?: string;
}

/**
 * Asks the prescriptions' clinic to renew them. A/B-class drugs are declined by rule at once ("needs a visit"): the
 * patient learns it while asking, and no clinician spends time on a request the rules already answer.
 */
export async function requestRenewal(
  deps: PrescriptionDeps,
  session: SessionInfo,
  subjectId: string,
  input: RenewalInput,
  keys: { idempotencyKey: string | undefined; requestId: string },
): Promise<IdempotentResult<RenewalRequestView>> {
  const ids = [...new Set(input.prescriptionIds)];
  const note = input.note?.trim() || null;
  // The checks run after the key's claim, so a repeat replays the first answer even when things changed since.
  return idempotent(deps.db, { personId: session.personId, scope: 'prescriptions.renewal-request', key: keys.idempotencyKey, request: { subjectId, ids, note } }, async (tx) => {
    const rows = await ownPrescriptions(tx, subjectId, ids);
    if (new Set(rows.map((r) => r.clinic_id)).size !== 1) throw Invalid('problem.prescription-renewal-one-clinic');
    if (rows.some((r) => r.renewed_by_id)) throw Conflict('problem.prescription-already-renewed');
    const clinicId = rows[0]!.clinic_id;
    const requestId = await store.insertRequest(tx, { patientId: subjectId, clinicId, requestedBy: session.personId, note });
    try {
      for (const r of rows) await store.insertItem(tx, requestId, r.id, mayPrescribeDigitally(drugOf(deps.catalogue, r.drug_id)).ok ? null : 'needs-visit');
    } catch (err) {
      if (store.errorOf(err).code === store.UNIQUE_VIOLATION) throw Conflict('problem.prescription-renewal-pending');
      throw err;
    }
    await recordProxy(tx, session, subjectId, 'prescriptions.renewal.request', clinicId, keys.requestId);
    const [request] = requestViews(deps.catalogue, [(await store.requestAtClinic(tx, requestId, clinicId))!], await store.itemsOfRequests(tx, [requestId]));
    return { status: 201, body: request! };
  });
}

/** Locks one of the subject's prescriptions; the view then carries the reference number for the pharmacy. */
export async function lockPrescription(deps: PrescriptionDeps, session: SessionInfo, subjectId: string, prescriptionId: string, requestId: string): Promise<PrescriptionView> {
  await requireFullAccess(deps.db, session.personId, subjectId);
  const [row] = await ownPrescriptions(deps.db, subjectId, [prescriptionId]);
  await deps.db.transaction().execute(async (tx) => {
    await deps.registry.lock(tx, prescriptionId);
    await recordProxy(tx, session, subjectId, 'prescriptions.lock', row!.clinic_id, requestId);
  });
  const [locked] = await store.prescriptionsByIds(deps.db, [prescriptionId]);
  return prescriptionView(deps.catalogue, locked!, nowOf(deps), true);
}

/** Turns the block on health personnel's view on or off; each prescriber keeps seeing what they wrote. */
export async function setAccessBlock(deps: PrescriptionDeps, session: SessionInfo, subjectId: string, blocked: boolean, requestId: string): Promise<AccessBlockView> {
  await requireFullAccess(deps.db, session.personId, subjectId);
  await deps.db.transaction().execute(async (tx) => {
    await store.setAccessBlock(tx, subjectId, blocked);
    await recordProxy(tx, session, subjectId, blocked ? 'prescriptions.block' : 'prescriptions.unblock', null, requestId);
  });
  return blockView(deps, subjectId);
}
