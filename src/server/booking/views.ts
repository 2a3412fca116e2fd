// How an appointment leaves the API: times as ISO 8601 with the clinic's offset, names, what the patient may still do.
import { isoInZone, patientMayChange } from './domain.ts';
import type { ViewRow } from './store.ts';

export function appointmentView(a: ViewRow, now: Date) {
  const upcoming = a.starts_at.getTime() > now.getTime();
  return {
    id: a.id,
    clinicId: a.clinic_id,
    clinicName: a.clinic_name,
    clinicPhone: a.clinic_phone,
    timeZone: a.time_zone,
    practitionerId: a.practitioner_id,
    practitionerName: a.practitioner_name,
    patientId: a.patient_id,
    patientName: a.patient_name,
    bookedBy: a.booked_by,
    visitType: a.visit_type,
    start: isoInZone(a.starts_at, a.time_zone),
    end: isoInZone(a.ends_at, a.time_zone),
    status: a.status,
    reason: a.reason,
    interpreterLanguage: a.interpreter_language,
    careCategory: a.care_category,
    videoDeclined: a.video_declined,
    source: a.source,
    version: a.version,
    upcoming,
    patientMayChange: a.status === 'booked' && upcoming && patientMayChange(a.starts_at, now, a.cancel_cutoff_hours),
    cancelCutoffHours: a.cancel_cutoff_hours,
  };
}

export type AppointmentView = ReturnType<typeof appointmentView>;

const nstr = { type: ['string', 'null'] } as const;
const str = { type: 'string' } as const;

export const appointmentSchema = {
  type: 'object',
  properties: {
    id: str,
    clinicId: str,
    clinicName: str,
    clinicPhone: nstr,
    timeZone: str,
    practitionerId: str,
    practitionerName: nstr,
    patientId: str,
    patientName: nstr,
    bookedBy: str,
    visitType: str,
    start: str,
    end: str,
    status: str,
    reason: str,
    interpreterLanguage: nstr,
    careCategory: nstr,
    videoDeclined: { type: 'boolean' },
    source: str,
    version: { type: 'integer' },
    upcoming: { type: 'boolean' },
    patientMayChange: { type: 'boolean' },
    cancelCutoffHours: { type: 'integer' },
  },
} as const;
