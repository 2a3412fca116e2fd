// Drop-in queue rules, pure: who may join with which visit type, and how long the wait is estimated to be.

import type { DropinVisitType } from '../../shared/dropin-api.ts';

export type { DropinVisitType, PlaceStatus } from '../../shared/dropin-api.ts';
export const DROPIN_VISIT_TYPES: readonly DropinVisitType[] = ['video', 'phone'];


/** A drop-in consultation is booked as an appointment of this length, starting when the clinician takes the patient. */
export const DROPIN_APPOINTMENT_MINUTES = 15;
export const DEFAULT_CONSULTATION_MINUTES = 15;

/** The queue is open for a visit type only while the clinic offers drop-in for it. */
export function queueOpenFor(visitType: string, offered: readonly string[]): boolean {
  return offered.includes(visitType);
}

/** Position × average consultation ÷ clinicians on duty, rounded up to whole minutes. */
export function estimatedWaitMinutes(position: number, averageConsultationMinutes: number, cliniciansOnDuty: number): number {
  if (position < 1) return 0;
  return Math.ceil((position * averageConsultationMinutes) / Math.max(1, cliniciansOnDuty));
}

export interface Take {
  clinicianId: string;
  takenAt: Date;
}

const MIN_SAMPLES = 3;
// A gap longer than this is a break, not a consultation; a shorter one than this is a no-show or a mistake.
const LONGEST_GAP_MINUTES = 60;
const SHORTEST_GAP_MINUTES = 3;

/**
 * The clinic's recent consultation length: the time between one take and the next by the same clinician.
 * Falls back to the default until there are a few believable samples.
 */
export function averageConsultationMinutes(takes: readonly Take[], fallback = DEFAULT_CONSULTATION_MINUTES): number {
  const byClinician = new Map<string, number[]>();
  for (const t of takes) byClinician.set(t.clinicianId, [...(byClinician.get(t.clinicianId) ?? []), t.takenAt.getTime()]);
  const gaps: number[] = [];
  for (const times of byClinician.values()) {
    times.sort((a, b) => a - b);
    for (let i = 1; i < times.length; i++) {
      const minutes = (times[i]! - times[i - 1]!) / 60_000;
      if (minutes >= SHORTEST_GAP_MINUTES && minutes <= LONGEST_GAP_MINUTES) gaps.push(minutes);
    }
  }
  if (gaps.length < MIN_SAMPLES) return fallback;
  return Math.round(gaps.reduce((a, b) => a + b, 0) / gaps.length);
}

/** Whole minutes a patient has waited since joining. */
export function waitedMinutes(joinedAt: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - joinedAt.getTime()) / 60_000));
}
