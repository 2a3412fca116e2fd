// The appointment letter (innkallingsbrev): when the clinic books a video appointment on a patient's behalf, the
// patient's inbox gets a letter with the time, how to prepare and the join link, in the booking's own transaction.
import { DateTime } from 'luxon';
import type { Tx } from '../platform/db/database.ts';
import type { StaffRole } from '../platform/db/schema.ts';
import type { MessagesDeps } from './deps.ts';
import { writeLetter } from './staff.ts';

export interface LetterAppointment {
  id: string;
  clinic_id: string;
  practitioner_id: string;
  patient_id: string;
  visit_type: string;
  starts_at: Date;
  ends_at: Date;
  version: number;
}

export interface AppointmentLetterDeps extends Pick<MessagesDeps, 'notifications'> {
  publicUrl: string;
  /** The patient's signed join link (video capability). */
  videoJoinUrl?: (a: { id: string; patient_id: string; version: number; ends_at: Date }) => string;
}

export function appointmentLetter(deps: AppointmentLetterDeps) {
  return async (tx: Tx, a: LetterAppointment, staff: { personId: string; roles: StaffRole[]; requestId: string }): Promise<void> => {
    if (a.visit_type !== 'video') return;
    const clinic = await tx.selectFrom('clinics').select(['time_zone', 'phone']).where('id', '=', a.clinic_id).executeTakeFirstOrThrow();
    const clinician = await tx.selectFrom('practitioners as pr').innerJoin('persons as p', 'p.id', 'pr.person_id').select('p.name').where('pr.id', '=', a.practitioner_id).executeTakeFirst();
    const when = DateTime.fromJSDate(new Date(a.starts_at), { zone: clinic.time_zone }).setLocale('nb').toFormat("cccc d. LLLL yyyy 'kl.' HH:mm");
    const join = deps.videoJoinUrl ? deps.videoJoinUrl(a) : `${deps.publicUrl}/timer`;
    const body = [
      `Du har fått en videotime ${when}${clinician?.name ? ` hos ${clinician.name}` : ''}.`,
      '',
      'Slik forbereder du deg:',
      '- Finn et rolig sted der du kan snakke uforstyrret.',
      '- Ha lyset foran deg, ikke bak deg.',
      '- Bruk gjerne hodetelefoner.',
      '- Ha legitimasjon klar: du kan bli bedt om å vise den i kameraet.',
      `- Test kamera, mikrofon og forbindelse på forhånd: ${deps.publicUrl}/video/test`,
      '',
      `Når det er tid, går du inn i venterommet her: ${join}`,
      'Du finner også timen under Mine timer.',
      '',
      `Kan du ikke komme, gi beskjed til legekontoret${clinic.phone ? ` på ${clinic.phone}` : ''}.`,
    ].join('\n');
    await writeLetter(deps, tx, { personId: staff.personId, clinicId: a.clinic_id, roles: staff.roles, requestId: staff.requestId }, { patientId: a.patient_id, subject: 'Innkalling til videotime', body }, new Date());
  };
}
