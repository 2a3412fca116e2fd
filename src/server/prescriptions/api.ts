// Prescriptions as the API shows them: to the patient (GET /api/prescriptions) and to the clinic's clinicians (a
// patient's prescriptions, the open renewal requests). Plain JSON; dates are calendar dates YYYY-MM-DD, instants ISO.
import type { PrescriptionClass } from './drug.ts';
import type { PrescriptionStatus, PrescriptionType } from './rules.ts';
import type { DeclineRule, RenewalItemStatus } from './schema.ts';

export interface PrescriptionDrug {
  id: string;
  name: string;
  brand: string | null;
  form: string;
  atc: string;
  prescriptionClass: PrescriptionClass;
  antibiotic: boolean;
  hormonalContraceptive: boolean;
}

/**
 * What a renewal request can do for this prescription now: 'available'; 'needs-visit' (A/B-class, never renewed
 * digitally); 'requested' (a request waits for the clinic); 'renewed' (a newer prescription replaces it).
 */
export type RenewalAvailability = 'available' | 'needs-visit' | 'requested' | 'renewed';

export interface PrescriptionView {
  id: string;
  drug: PrescriptionDrug;
  strength: string;
  dosageText: string;
  type: PrescriptionType;
  issuedOn: string;
  validUntil: string;
  withdrawalsLeft: number;
  /** On the clinic's calendar today. */
  status: PrescriptionStatus;
  locked: boolean;
  /** The number the patient gives the pharmacy for a locked prescription; only ever shown to the patient. */
  referenceNumber: string | null;
  prescriber: { name: string | null; profession: string };
  clinic: { id: string; name: string };
  replacesId: string | null;
  renewedById: string | null;
  renewal: RenewalAvailability;
}

export interface StaffPrescriptionView extends PrescriptionView {
  prescribedByMe: boolean;
}

export interface RenewalItemView {
  id: string;
  prescriptionId: string;
  drugName: string;
  strength: string;
  status: RenewalItemStatus;
  /** Declined by rule: 'needs-visit' (A/B-class drugs are never renewed digitally). */
  declineRule: DeclineRule | null;
  /** Declined by a clinician: the reason they wrote for the patient. */
  declineReason: string | null;
  decidedAt: string | null;
  decidedByName: string | null;
  /** The prescription an approval wrote. */
  newPrescriptionId: string | null;
}

export interface RenewalRequestView {
  id: string;
  patient: { id: string; name: string | null };
  clinic: { id: string; name: string };
  note: string | null;
  createdAt: string;
  /** 'sent' while any item waits for the clinic, else 'decided'. */
  status: 'sent' | 'decided';
  items: RenewalItemView[];
}

export interface StaffRenewalRequestView extends RenewalRequestView {
  items: (RenewalItemView & { prescription: StaffPrescriptionView })[];
}

export interface AccessBlockView {
  /** Health personnel do not see the patient's prescriptions; each prescriber still sees the ones they wrote. */
  blocked: boolean;
  since: string | null;
}

export interface MyPrescriptions {
  prescriptions: PrescriptionView[];
  renewalRequests: RenewalRequestView[];
  accessBlock: AccessBlockView;
}

export interface PatientPrescriptionsForStaff {
  patient: { id: string; name: string | null };
  /** With the block on, `prescriptions` holds only the ones the reader wrote. */
  accessBlocked: boolean;
  prescriptions: StaffPrescriptionView[];
  /** The patient's renewal requests to the reader's clinic, newest first. */
  renewalRequests: RenewalRequestView[];
}

/** What the pharmacy (the dev page's stand-in) sees of one prescription. */
export interface PharmacyPrescription {
  id: string;
  patientName: string | null;
  maskedNationalId: string;
  drugName: string;
  strength: string;
  dosageText: string;
  type: PrescriptionType;
  issuedOn: string;
  validUntil: string;
  withdrawalsLeft: number;
  status: PrescriptionStatus;
  prescriberName: string | null;
  clinicName: string;
  locked: boolean;
}
