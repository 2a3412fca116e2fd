// The health contacts API's shapes, as the routes send them (the web app may import these types).
import type { HealthContactRole, PatientContactRole } from './domain.ts';

export type { HealthContactRole, PatientContactRole } from './domain.ts';

export interface ClinicianChoice {
  practitionerId: string;
  name: string | null;
  profession: string;
}

/** An active assignment, for the clinic's staff: who, in which role, since when and given by whom. */
export interface StaffHealthContact extends ClinicianChoice {
  id: string;
  role: HealthContactRole;
  assignedAt: string;
  assignedBy: string | null;
}

/** The patient's contacts at the staff member's clinic, the clinicians one may assign, and whether this caller may. */
export interface StaffHealthContacts {
  contacts: StaffHealthContact[];
  clinicians: ClinicianChoice[];
  mayAssign: boolean;
}

/** A contact as the patient (or a parent) sees it in the inbox, with a way to write to them. */
export interface PatientHealthContact extends ClinicianChoice {
  role: PatientContactRole;
}
