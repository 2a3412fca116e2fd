// SQL of the prescription capability: prescriptions, renewal requests and their items, the access block. Plain rows
// out; no decisions here.
import type { Db, Tx } from '../platform/db/database.ts';
import type { PrescriptionType } from './rules.ts';
import type { PrescriptionTables } from './schema.ts';

type Conn = Db | Tx;
const t = (db: Conn) => db.withTables<PrescriptionTables>();

export const UNIQUE_VIOLATION = '23505';
export const errorOf = (err: unknown) => err as { code?: string; constraint?: string };

/** Prescriptions with their prescriber, clinic, the prescription that renewed them and whether a request is open. */
function withDetails(db: Conn) {
  return t(db)
    .selectFrom('prescriptions as p')
    .innerJoin('practitioners as pr', 'pr.id', 'p.prescriber_practitioner_id')
    .innerJoin('persons as doc', 'doc.id', 'pr.person_id')
    .innerJoin('clinics as c', 'c.id', 'p.clinic_id')
    .leftJoin('prescriptions as next', 'next.replaces_id', 'p.id')
    .select([
      'p.id', 'p.patient_id', 'p.clinic_id', 'p.prescriber_practitioner_id', 'p.drug_id', 'p.strength', 'p.dosage_text', 'p.type', 'p.issued_on', 'p.valid_until',
      'p.withdrawals_prescribed', 'p.withdrawals_left', 'p.locked', 'p.reference_number', 'p.replaces_id', 'p.created_at',
      'doc.name as prescriber_name', 'pr.person_id as prescriber_person_id', 'pr.profession as prescriber_profession', 'c.name as clinic_name', 'c.time_zone', 'next.id as renewed_by_id',
    ])
    .select((eb) =>
      eb.exists(eb.selectFrom('prescription_renewal_items as i').select('i.id').whereRef('i.prescription_id', '=', 'p.id').where('i.status', '=', 'sent')).as('renewal_open'),
    );
}

export type PrescriptionRow = Awaited<ReturnType<typeof prescriptionsOfPatient>>[number];

/** A patient's prescriptions, newest first; only those `prescriberPersonId` wrote, when given. */
export async function prescriptionsOfPatient(db: Conn, patientId: string, prescriberPersonId?: string) {
  let q = withDetails(db).where('p.patient_id', '=', patientId);
  if (prescriberPersonId) q = q.where('pr.person_id', '=', prescriberPersonId);
  return q.orderBy('p.issued_on', 'desc').orderBy('p.created_at', 'desc').execute();
}

export async function prescriptionsByIds(db: Conn, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return withDetails(db).where('p.id', 'in', ids).execute();
}

export interface NewPrescription {
  patientId: string;
  clinicId: string;
  prescriberPractitionerId: string;
  drugId: string;
  strength: string;
  dosageText: string;
  type: PrescriptionType;
  issuedOn: string;
  validUntil: string;
  withdrawals: number;
  withdrawalsLeft?: number;
  replacesId: string | null;
}

export async function insertPrescription(db: Conn, n: NewPrescription): Promise<string> {
  const row = await t(db)
    .insertInto('prescriptions')
    .values({
      patient_id: n.patientId,
      clinic_id: n.clinicId,
      prescriber_practitioner_id: n.prescriberPractitionerId,
      drug_id: n.drugId,
      strength: n.strength,
      dosage_text: n.dosageText,
      type: n.type,
      issued_on: n.issuedOn,
      valid_until: n.validUntil,
      withdrawals_prescribed: n.withdrawals,
      withdrawals_left: n.withdrawalsLeft ?? n.withdrawals,
      replaces_id: n.replacesId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function anyPrescription(db: Conn): Promise<boolean> {
  return !!(await t(db).selectFrom('prescriptions').select('id').limit(1).executeTakeFirst());
}

// --- renewal requests -------------------------------------------------------------------------------------------

export async function insertRequest(tx: Tx, r: { patientId: string; clinicId: string; requestedBy: string; note: string | null }): Promise<string> {
  const row = await t(tx)
    .insertInto('prescription_renewal_requests')
    .values({ patient_id: r.patientId, clinic_id: r.clinicId, requested_by: r.requestedBy, note: r.note })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** An item waiting for the clinic, or one declined at once by a rule. */
export async function insertItem(tx: Tx, requestId: string, prescriptionId: string, declinedByRule: 'needs-visit' | null): Promise<void> {
  await t(tx)
    .insertInto('prescription_renewal_items')
    .values(
      declinedByRule
        ? { request_id: requestId, prescription_id: prescriptionId, status: 'declined', decline_rule: declinedByRule, decided_at: new Date() }
        : { request_id: requestId, prescription_id: prescriptionId },
    )
    .execute();
}

function requestsWithClinic(db: Conn) {
  return t(db)
    .selectFrom('prescription_renewal_requests as r')
    .innerJoin('clinics as c', 'c.id', 'r.clinic_id')
    .innerJoin('persons as patient', 'patient.id', 'r.patient_id')
    .select(['r.id', 'r.patient_id', 'r.clinic_id', 'r.requested_by', 'r.note', 'r.created_at', 'c.name as clinic_name', 'patient.name as patient_name']);
}

export type RequestRow = Awaited<ReturnType<typeof requestsOfPatient>>[number];

/** A patient's requests, newest first; only those to `clinicId`, when given. */
export async function requestsOfPatient(db: Conn, patientId: string, clinicId?: string) {
  let q = requestsWithClinic(db).where('r.patient_id', '=', patientId);
  if (clinicId) q = q.where('r.clinic_id', '=', clinicId);
  return q.orderBy('r.created_at', 'desc').execute();
}

export async function requestAtClinic(db: Conn, requestId: string, clinicId: string) {
  return requestsWithClinic(db).where('r.id', '=', requestId).where('r.clinic_id', '=', clinicId).executeTakeFirst();
}

/** The clinic's requests with an item still waiting, oldest first (the one waiting longest comes first). */
export async function openRequestsOfClinic(db: Conn, clinicId: string) {
  return requestsWithClinic(db)
    .where('r.clinic_id', '=', clinicId)
    .where((eb) => eb.exists(eb.selectFrom('prescription_renewal_items as i').select('i.id').whereRef('i.request_id', '=', 'r.id').where('i.status', '=', 'sent')))
    .orderBy('r.created_at')
    .limit(200)
    .execute();
}

export type ItemRow = Awaited<ReturnType<typeof itemsOfRequests>>[number];

export async function itemsOfRequests(db: Conn, requestIds: readonly string[]) {
  if (requestIds.length === 0) return [];
  return t(db)
    .selectFrom('prescription_renewal_items as i')
    .innerJoin('prescriptions as p', 'p.id', 'i.prescription_id')
    .leftJoin('persons as d', 'd.id', 'i.decided_by')
    .select(['i.id', 'i.request_id', 'i.prescription_id', 'i.status', 'i.decline_rule', 'i.decline_reason', 'i.decided_at', 'i.new_prescription_id', 'p.drug_id', 'p.strength', 'd.name as decided_by_name'])
    .where('i.request_id', 'in', requestIds)
    .orderBy('i.id')
    .execute();
}

/** The items of a request still waiting for a decision, in a fixed order (two deciders then lock rows alike). */
export async function sentItems(tx: Tx, requestId: string) {
  return t(tx).selectFrom('prescription_renewal_items').select(['id', 'prescription_id']).where('request_id', '=', requestId).where('status', '=', 'sent').orderBy('id').execute();
}

/** Decides one item once: undefined when it was decided already (another clinician was first). */
export async function approveItem(tx: Tx, itemId: string, decidedBy: string, newPrescriptionId: string) {
  return t(tx)
    .updateTable('prescription_renewal_items')
    .set({ status: 'approved', decided_by: decidedBy, decided_at: new Date(), new_prescription_id: newPrescriptionId })
    .where('id', '=', itemId)
    .where('status', '=', 'sent')
    .returning('id')
    .executeTakeFirst();
}

export async function declineItemByRule(tx: Tx, itemId: string, rule: 'needs-visit') {
  return t(tx)
    .updateTable('prescription_renewal_items')
    .set({ status: 'declined', decline_rule: rule, decided_at: new Date() })
    .where('id', '=', itemId)
    .where('status', '=', 'sent')
    .returning('id')
    .executeTakeFirst();
}

/** Declines every item still waiting; the ids of those it declined (none: all were decided already). */
export async function declineSentItems(tx: Tx, requestId: string, decidedBy: string, reason: string) {
  return t(tx)
    .updateTable('prescription_renewal_items')
    .set({ status: 'declined', decline_reason: reason, decided_by: decidedBy, decided_at: new Date() })
    .where('request_id', '=', requestId)
    .where('status', '=', 'sent')
    .returning('id')
    .execute();
}

// --- the access block --------------------------------------------------------------------------------------------

export async function accessBlock(db: Conn, patientId: string) {
  return t(db).selectFrom('prescription_access_blocks').select(['blocked_at']).where('patient_id', '=', patientId).executeTakeFirst();
}

export async function setAccessBlock(db: Conn, patientId: string, blocked: boolean): Promise<void> {
  if (blocked) await t(db).insertInto('prescription_access_blocks').values({ patient_id: patientId }).onConflict((oc) => oc.column('patient_id').doNothing()).execute();
  else await t(db).deleteFrom('prescription_access_blocks').where('patient_id', '=', patientId).execute();
}

// --- people -----------------------------------------------------------------------------------------------------

/** The staff member's practitioner record (prescribers have one), or undefined. */
export async function practitionerOf(db: Conn, personId: string) {
  return db.selectFrom('practitioners').select(['id', 'profession']).where('person_id', '=', personId).executeTakeFirst();
}

export async function patientName(db: Conn, patientId: string) {
  return db.selectFrom('persons').select(['id', 'name']).where('id', '=', patientId).executeTakeFirst();
}
