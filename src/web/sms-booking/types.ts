// The shapes of reception's booking requests as the server sends them: an SMS asking for a time, or a patient who declined video.
import type { Appointment, VisitType } from '../booking/types.ts';

export type BookingRequestKind = 'sms' | 'not_video';

export interface BookingRequest {
  id: string;
  kind: BookingRequestKind;
  status: string;
  /** ISO 8601 with the clinic's offset. */
  receivedAt: string;
  /** The patient's own words (an SMS), or the clinic's note for a declined video. */
  message: string;
  fromPhone: string | null;
  patient: { id: string; name: string | null; maskedNationalId: string | null } | null;
  /** The video appointment a "not video" request is about. */
  appointment: { id: string; start: string; visitType: VisitType; status: string; practitionerName: string | null } | null;
}

export interface HandledRequest {
  requestId: string;
  status: 'booked' | 'converted' | 'rejected';
  appointmentId?: string;
  visitType?: VisitType;
  appointment?: Appointment;
}
