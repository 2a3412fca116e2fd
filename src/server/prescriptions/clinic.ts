// The clinic's side: a patient's prescriptions for a clinician (respecting the patient's block), the open renewal
// requests, and the decision on one: approve (new prescriptions, validity by the rules, sent to the registry) or
// decline with a reason the patient reads. Each item is decided once; the loser of a race gets 409.
import type { SessionInfo } from '../platform/http/access.ts';
import type { Tx } from '../platform/db/database.ts';
import { Conflict, DomainError, Forbidden, Invalid, NotFound } from '../platform/http/errors.ts';
import { recordAccess } from '../platform/audit.ts';
import { localDate } from '../../shared/time.ts';
import type { PatientPrescriptionsForStaff, StaffRenewalRequestView } from './api.ts';
import { nowOf, type PrescriptionDeps } from './deps.ts';
import { notifyDecision } from './notices.ts';
import { renewalDecision, validUntil } from './rules.ts';
import * as store from './store.ts';
import { drugOf, requestViews, staffPrescriptionView } from './views.ts';

/** Professions that prescribe here (DOMAIN.md: doctors, dentists, midwives, public-health nurses; we cannot tell a public-health nurse from a nurse). */
const PRESCRIBERS: readonly string[] = ['doctor', 'midwife'];

/** The patient's prescriptions for a clinician of a clinic the patient belongs to (the access rule checked and audited that). */
export async function prescriptionsForStaff(deps: PrescriptionDeps, session: SessionInfo, patientId: string): Promise<PatientPrescriptionsForStaff> {
  const now = nowOf(deps);
  const blocked = !!(await store.accessBlock(deps.db, patientId));
  const [patient, rows, requests] = await Promise.all([
    store.patientName(deps.db, patientId),
    store.prescriptionsOfPatient(deps.db, patientId, blocked ? session.personId : undefined),
    store.requestsOfPatient(deps.db, patientId, session.clinicId!),
  ]);
  const items = await store.itemsOfRequests(deps.db, requests.map((r) => r.id));
  return {
    patient: { id: patientId, name: patient?.name ?? null },
    accessBlocked: blocked,
    prescriptions: rows.map((r) => staffPrescriptionView(deps.catalogue, r, now, session.personId)),
    renewalRequests: requestViews(deps.catalogue, requests, items),
  };
}

/** Requests with their items, each beside the prescription it asks to renew (the patient sent these to the clinic). */
async function staffRequestViews(deps: PrescriptionDeps, db: PrescriptionDeps['db'] | Tx, session: SessionInfo, requests: store.RequestRow[]): Promise<StaffRenewalRequestView[]> {
  const now = nowOf(deps);
  const items = await store.itemsOfRequests(db, requests.map((r) => r.id));
  const prescriptions = new Map((await store.prescriptionsByIds(db, [...new Set(items.map((i) => i.prescription_id))])).map((p) => [p.id, p]));
  return requestViews(deps.catalogue, requests, items).map((r) => ({
    ...r,
    items: r.items.map((i) => ({ ...i, prescription: staffPrescriptionView(deps.catalogue, prescriptions.get(i.prescriptionId)!, now, session.personId) })),
  }));
}

/** The clinic's requests with something left to decide, oldest first; each patient's read is audited. */
export async function openRequests(deps: PrescriptionDeps, session: SessionInfo, requestId: string): Promise<StaffRenewalRequestView[]> {
  const clinicId = session.clinicId!;
  const requests = await store.openRequestsOfClinic(deps.db, clinicId);
  for (const patientId of new Set(requests.map((r) => r.patient_id))) {
    await recordAccess(deps.db, { actorPersonId: session.personId, actorKind: 'staff', subjectPersonId: patientId, clinicId, action: 'prescriptions.renewal-requests.read', reason: 'treatment', requestId });
  }
  return staffRequestViews(deps, deps.db, session, requests);
}

async function requestOfClinic(deps: PrescriptionDeps, session: SessionInfo, id: string) {
  const request = await store.requestAtClinic(deps.db, id, session.clinicId!);
  if (!request) throw NotFound();
  return request;
}

const decided = () => Conflict('problem.prescription-renewal-decided');

/**
 * Approves every item still waiting: a new prescription for each (issued today on the clinic's calendar, valid as
 * the rules say, written by the approving clinician), sent to the registry, and a content-free notice to whoever asked.
 * An antibiotic needs `antibioticConfirmed`; an A/B-class drug is declined by rule, whatever is confirmed.
 */
export async function approveRenewal(deps: PrescriptionDeps, session: SessionInfo, id: string, input: { antibioticConfirmed: boolean }, requestId: string): Promise<StaffRenewalRequestView> {
  const request = await requestOfClinic(deps, session, id);
  const prescriber = await store.practitionerOf(deps.db, session.personId);
  if (!prescriber || !PRESCRIBERS.includes(prescriber.profession)) throw Forbidden('problem.prescription-not-a-prescriber');
  const clinic = await deps.db.selectFrom('clinics').select('time_zone').where('id', '=', request.clinic_id).executeTakeFirstOrThrow();
  const today = localDate(nowOf(deps), clinic.time_zone);

  await deps.db.transaction().execute(async (tx) => {
    const items = await store.sentItems(tx, id);
    if (items.length === 0) throw decided();
    const olds = new Map((await store.prescriptionsByIds(tx, items.map((i) => i.prescription_id))).map((p) => [p.id, p]));
    const decisions = items.map((i) => ({ item: i, old: olds.get(i.prescription_id)!, decision: renewalDecision(drugOf(deps.catalogue, olds.get(i.prescription_id)!.drug_id), input) }));
    if (decisions.some((d) => d.decision === 'needs-antibiotic-confirmation')) throw new DomainError('invalid', 'problem.prescription-antibiotic-confirmation');
    for (const { item, old, decision } of decisions) {
      if (decision === 'needs-visit') {
        if (!(await store.declineItemByRule(tx, item.id, 'needs-visit'))) throw decided();
        continue;
      }
      const drug = drugOf(deps.catalogue, old.drug_id);
      let newId: string;
      try {
        newId = await store.insertPrescription(tx, {
          patientId: old.patient_id,
          clinicId: request.clinic_id,
          prescriberPractitionerId: prescriber.id,
          drugId: old.drug_id,
          strength: old.strength,
          dosageText: old.dosage_text,
          type: old.type,
          issuedOn: today,
          validUntil: validUntil(drug, today),
          withdrawals: old.withdrawals_prescribed,
          replacesId: old.id,
        });
      } catch (err) {
        // Another approval renewed it first (its new prescription holds the one successor this prescription may have).
        if (store.errorOf(err).code === store.UNIQUE_VIOLATION) throw decided();
        throw err;
      }
      if (!(await store.approveItem(tx, item.id, session.personId, newId))) throw decided();
      await deps.registry.send(tx, newId);
    }
    await recordAccess(tx, { actorPersonId: session.personId, actorKind: 'staff', subjectPersonId: request.patient_id, clinicId: request.clinic_id, action: 'prescriptions.renewal.approve', reason: 'treatment', requestId });
    await notifyDecision(deps, tx, request);
  });
  return (await staffRequestViews(deps, deps.db, session, [request]))[0]!;
}

/** Declines every item still waiting with the clinician's reason, which the patient reads. */
export async function declineRenewal(deps: PrescriptionDeps, session: SessionInfo, id: string, reason: string, requestId: string): Promise<StaffRenewalRequestView> {
  const text = reason.trim();
  if (!text) throw Invalid('problem.invalid', { detail: 'body/reason is empty' });
  const request = await requestOfClinic(deps, session, id);
  await deps.db.transaction().execute(async (tx) => {
    const declined = await store.declineSentItems(tx, id, session.personId, text);
    if (declined.length === 0) throw decided();
    await recordAccess(tx, { actorPersonId: session.personId, actorKind: 'staff', subjectPersonId: request.patient_id, clinicId: request.clinic_id, action: 'prescriptions.renewal.decline', reason: 'treatment', requestId });
    await notifyDecision(deps, tx, request);
  });
  return (await staffRequestViews(deps, deps.db, session, [request]))[0]!;
}
