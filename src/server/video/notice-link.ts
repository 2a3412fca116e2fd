// The patient's signed join link for a video appointment's notices (booked, moved, reminders): the same link the app
// gives, valid until the room closes and only for this version of the appointment; opening it still needs the e-ID login.
import { closesAt, signLink } from './domain.ts';

export function patientJoinUrl(publicUrl: string, secret: string) {
  return (a: { id: string; patient_id: string; version: number; ends_at: Date }): string =>
    `${publicUrl}/video/join#${signLink(secret, { appointmentId: a.id, role: 'patient', personId: a.patient_id, version: a.version, expiresAt: closesAt({ endsAt: a.ends_at }) })}`;
}
