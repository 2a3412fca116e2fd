// What an appointment is, as facts: time, for whom, clinician, clinic, visit type, interpreter; the same on every booking page.
import { displayName } from '../identity/display-name.ts';
import type { Fact } from '../platform/facts.tsx';
import { useT } from '../i18n/index.tsx';
import { useClinicTime } from './clinic-time.ts';
import type { Appointment } from './types.ts';

export function useAppointmentFacts(timeZone: string) {
  const t = useT();
  const time = useClinicTime(timeZone);
  return (appointment: Appointment, options: { time?: boolean; reason?: boolean } = {}): Fact[] => {
    const facts: Fact[] = [];
    if (options.time ?? true) facts.push([t('booking.fact.time'), <time dateTime={appointment.start}>{time.capitalise(time.dayAndTime(appointment.start, true))}</time>]);
    facts.push(
      [t('booking.fact.patient'), displayName(appointment.patientName, t)],
      [t('booking.fact.clinician'), displayName(appointment.practitionerName, t)],
      [t('booking.fact.clinic'), appointment.clinicName],
      [t('booking.fact.visitType'), t(`booking.visitType.${appointment.visitType}`)],
    );
    if (appointment.interpreterLanguage) facts.push([t('booking.fact.interpreter'), appointment.interpreterLanguage]);
    if (options.reason && appointment.reason) facts.push([t('booking.fact.reason'), appointment.reason]);
    return facts;
  };
}
