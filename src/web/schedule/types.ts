// The shapes of the schedule API: weekly rules in wall-clock 'HH:MM', exceptions and affected appointments as ISO with the clinic's offset.
import type { VisitType } from '../booking/types.ts';

/** 1 is Monday, 7 Sunday (ISO). */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
export const WEEKDAYS: readonly Weekday[] = [1, 2, 3, 4, 5, 6, 7];

export interface Rule {
  id: string;
  weekday: number;
  startTime: string;
  endTime: string;
  breakStart: string | null;
  breakEnd: string | null;
  visitTypes: VisitType[];
  slotMinutes: number;
  bufferMinutes: number;
  validFrom: string;
  validTo: string | null;
}

/** What PUT …/rules takes: a rule without its id; without validFrom it is valid from today. */
export type RuleInput = Omit<Rule, 'id' | 'validFrom' | 'validTo'> & { validFrom?: string; validTo?: string | null };

export type ExceptionKind = 'vacation' | 'sick' | 'other';
export const EXCEPTION_KINDS: readonly ExceptionKind[] = ['vacation', 'sick', 'other'];

export interface ScheduleException {
  id: string;
  startsAt: string;
  endsAt: string;
  kind: ExceptionKind;
}

export interface ClinicianSchedule {
  id: string;
  name: string | null;
  profession: string | null;
  rules: Rule[];
  exceptions: ScheduleException[];
}

export interface Schedule {
  timeZone: string;
  clinicians: ClinicianSchedule[];
}

/** A booked appointment a change touches: enough to call the patient, nothing clinical. */
export interface AffectedAppointment {
  appointmentId: string;
  start: string;
  patientName: string | null;
  visitType: VisitType;
}

export interface ExceptionPeriod {
  startsAt: string;
  endsAt: string;
  kind: ExceptionKind;
}
