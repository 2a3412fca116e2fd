// The shapes of the staff API as the server sends them.
import type { ClinicKind } from '../identity/types.ts';

export interface PatientListItem {
  id: string;
  name: string | null;
  maskedNationalId: string;
  age: number;
}

export interface StaffHome {
  person: { id: string; name: string | null };
  clinic: { id: string; name: string; kind: ClinicKind };
  roles: string[];
  hprNumber: string | null;
  /** Set when the staff member is a clinician: their own appointments and notes. */
  practitionerId: string | null;
  patients: PatientListItem[];
}

export interface PatientSummary {
  id: string;
  name: string | null;
  maskedNationalId: string;
  birthDate: string;
  age: number;
  phone: string | null;
  email: string | null;
  gp: { name: string | null } | null;
}
