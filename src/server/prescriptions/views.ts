// Prescriptions and renewal requests as the API shows them (see api.ts), from the store's rows and the catalogue.
import { localDate } from '../../shared/time.ts';
import type { PrescriptionDrug, PrescriptionView, RenewalAvailability, RenewalItemView, RenewalRequestView, StaffPrescriptionView } from './api.ts';
import type { DrugCatalogue } from './catalogue.ts';
import type { Drug } from './drug.ts';
import { mayPrescribeDigitally, prescriptionStatus } from './rules.ts';
import type { ItemRow, PrescriptionRow, RequestRow } from './store.ts';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** A drug that left the catalogue is shown by its id and treated as needing a visit (nothing known, nothing assumed). */
export function drugOf(catalogue: DrugCatalogue, drugId: string): Drug {
  return (
    catalogue.find(drugId) ?? { id: drugId, name: drugId, atc: '', form: '', strength: '', prescriptionClass: 'A', antibiotic: false, hormonalContraceptive: false, blueEligible: false }
  );
}

const drugView = (d: Drug): PrescriptionDrug => ({
  id: d.id,
  name: d.name,
  brand: d.brand ?? null,
  form: d.form,
  atc: d.atc,
  prescriptionClass: d.prescriptionClass,
  antibiotic: d.antibiotic,
  hormonalContraceptive: d.hormonalContraceptive,
});

function renewalOf(r: PrescriptionRow, drug: Drug): RenewalAvailability {
  if (r.renewed_by_id) return 'renewed';
  if (r.renewal_open) return 'requested';
  return mayPrescribeDigitally(drug).ok ? 'available' : 'needs-visit';
}

/** One prescription; the reference number only for the patient (`forPatient`). */
export function prescriptionView(catalogue: DrugCatalogue, r: PrescriptionRow, now: Date, forPatient: boolean): PrescriptionView {
  const drug = drugOf(catalogue, r.drug_id);
  return {
    id: r.id,
    drug: drugView(drug),
    strength: r.strength,
    dosageText: r.dosage_text,
    type: r.type,
    issuedOn: r.issued_on,
    validUntil: r.valid_until,
    withdrawalsLeft: r.withdrawals_left,
    status: prescriptionStatus({ validUntil: r.valid_until, withdrawalsLeft: r.withdrawals_left }, localDate(now, r.time_zone)),
    locked: r.locked,
    referenceNumber: forPatient ? r.reference_number : null,
    prescriber: { name: r.prescriber_name, profession: r.prescriber_profession },
    clinic: { id: r.clinic_id, name: r.clinic_name },
    replacesId: r.replaces_id,
    renewedById: r.renewed_by_id,
    renewal: renewalOf(r, drug),
  };
}

export function staffPrescriptionView(catalogue: DrugCatalogue, r: PrescriptionRow, now: Date, readerPersonId: string): StaffPrescriptionView {
  return { ...prescriptionView(catalogue, r, now, false), prescribedByMe: r.prescriber_person_id === readerPersonId };
}

export function itemView(catalogue: DrugCatalogue, i: ItemRow): RenewalItemView {
  const drug = drugOf(catalogue, i.drug_id);
  return {
    id: i.id,
    prescriptionId: i.prescription_id,
    drugName: drug.brand ? `${drug.name} (${drug.brand})` : drug.name,
    strength: i.strength,
    status: i.status,
    declineRule: i.decline_rule,
    declineReason: i.decline_reason,
    decidedAt: iso(i.decided_at),
    decidedByName: i.decided_by_name,
    newPrescriptionId: i.new_prescription_id,
  };
}

/** Requests with their items (each request's items taken from `items`). */
export function requestViews(catalogue: DrugCatalogue, requests: RequestRow[], items: ItemRow[]): RenewalRequestView[] {
  return requests.map((r) => {
    const mine = items.filter((i) => i.request_id === r.id).map((i) => itemView(catalogue, i));
    return {
      id: r.id,
      patient: { id: r.patient_id, name: r.patient_name },
      clinic: { id: r.clinic_id, name: r.clinic_name },
      note: r.note,
      createdAt: iso(r.created_at)!,
      status: mine.some((i) => i.status === 'sent') ? 'sent' : 'decided',
      items: mine,
    };
  });
}
