// The drop-in queue's JSON as the server sends it and the web app reads it: one definition for both sides.
export type DropinVisitType = 'video' | 'phone';

/** 'none' when the patient has no recent place in this clinic's queue. */
export type PlaceStatus = 'none' | 'waiting' | 'taken' | 'left';

/** A patient's place in a clinic's queue. */
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

/** The waiting list staff see. */
export interface StaffQueue {
  clinicId: string;
  averageConsultationMinutes: number;
  cliniciansOnDuty: number;
  waiting: WaitingPatient[];
}

/** What a clinician gets from "take next". */
export interface TakenPatient {
  entryId: string;
  patientId: string;
  patientName: string | null;
  visitType: DropinVisitType;
  joinedAt: string;
  takenAt: string;
  appointment: { id: string; startsAt: string; endsAt: string; visitType: DropinVisitType };
}
