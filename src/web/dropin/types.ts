// The shapes of the drop-in API as the server sends them: a patient's place, the staff waiting list, a patient taken.
export type DropinVisitType = 'video' | 'phone';
export const DROPIN_VISIT_TYPES: readonly DropinVisitType[] = ['video', 'phone'];

/** 'none' when the patient has no recent place in this clinic's queue. */
export type PlaceStatus = 'none' | 'waiting' | 'taken' | 'left';

export interface Place {
  clinicId: string;
  patientId: string;
  status: PlaceStatus;
  visitType: DropinVisitType | null;
  joinedAt: string | null;
  /** 1 is next; null unless waiting. */
  position: number | null;
  estimatedWaitMinutes: number | null;
  takenAt: string | null;
  appointmentId: string | null;
  clinicianName: string | null;
}

export interface WaitingPatient {
  entryId: string;
  patientId: string;
  patientName: string | null;
  visitType: DropinVisitType;
  joinedAt: string;
  waitedMinutes: number;
  position: number;
}

export interface StaffQueue {
  clinicId: string;
  averageConsultationMinutes: number;
  cliniciansOnDuty: number;
  waiting: WaitingPatient[];
}

export interface TakenPatient {
  entryId: string;
  patientId: string;
  patientName: string | null;
  visitType: DropinVisitType;
  joinedAt: string;
  takenAt: string;
  appointment: { id: string; startsAt: string; endsAt: string; visitType: DropinVisitType };
}
