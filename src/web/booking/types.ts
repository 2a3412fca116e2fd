// The shapes of the booking API as the server sends them (clinics, clinicians, free times, appointments).
import type { ClinicKind } from '../identity/types.ts';
import type { CareCategory } from '../../server/platform/db/schema.ts';

export type { CareCategory };

export type VisitType = 'clinic' | 'video' | 'phone';
export const VISIT_TYPES: readonly VisitType[] = ['clinic', 'video', 'phone'];

export interface BookingClinic {
  id: string;
  name: string;
  kind: ClinicKind;
  /** IANA zone; every time of this clinic is shown in it, whatever the browser's zone is. */
  timeZone: string;
  phone: string | null;
  address: string | null;
  services: string[];
  cancelCutoffHours: number;
  dropinVisitTypes: VisitType[];
}

export interface Practitioner {
  id: string;
  name: string | null;
  profession: string | null;
}

/** A free time; start and end are ISO 8601 with the clinic's offset. */
export interface Slot {
  practitionerId: string;
  start: string;
  end: string;
  visitType: VisitType;
}

export interface Availability {
  timeZone: string;
  slots: Slot[];
}

export type AppointmentStatus = 'booked' | 'cancelled' | 'completed' | 'no_show';

export interface Appointment {
  id: string;
  clinicId: string;
  clinicName: string;
  clinicPhone: string | null;
  timeZone: string;
  practitionerId: string;
  practitionerName: string | null;
  patientId: string;
  patientName: string | null;
  visitType: VisitType;
  start: string;
  end: string;
  status: AppointmentStatus;
  reason: string;
  interpreterLanguage: string | null;
  careCategory: CareCategory | null;
  videoDeclined: boolean;
  upcoming: boolean;
  /** Booked, upcoming and before the clinic's cut-off: the patient may still change or cancel online. */
  patientMayChange: boolean;
  cancelCutoffHours: number;
  version: number;
}

export interface BookingRequest {
  practitionerId: string;
  start: string;
  visitType: VisitType;
  patientId: string;
  reason: string;
  interpreterLanguage: string | null;
  careCategory: CareCategory | null;
}
