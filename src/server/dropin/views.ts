// What the drop-in queue looks like to a patient (their place) and to staff (the waiting list), as JSON and as schemas.
import type { DropinVisitType, Place, StaffQueue, WaitingPatient } from '../../shared/dropin-api.ts';
import { estimatedWaitMinutes, waitedMinutes } from './domain.ts';
import type { QueueParameters } from './estimate.ts';
import type { PlaceRow } from './store.ts';

export type PlaceView = Place;

export function placeView(clinicId: string, patientId: string, row: PlaceRow | undefined, p: QueueParameters): PlaceView {
  const waiting = row?.status === 'waiting' && row.position !== null;
  return {
    clinicId,
    patientId,
    status: row?.status ?? 'none',
    visitType: row?.visit_type ?? null,
    joinedAt: row?.joined_at.toISOString() ?? null,
    position: waiting ? row.position : null,
    estimatedWaitMinutes: waiting ? estimatedWaitMinutes(row.position!, p.averageConsultationMinutes, p.cliniciansOnDuty) : null,
    takenAt: row?.taken_at?.toISOString() ?? null,
    appointmentId: row?.status === 'taken' ? row.appointment_id : null,
    clinicianName: row?.status === 'taken' ? row.clinician_name : null,
  };
}

export type WaitingPatientView = WaitingPatient;

export type QueueView = StaffQueue;

export function queueView(
  clinicId: string,
  rows: Array<{ id: string; patient_id: string; patient_name: string | null; visit_type: DropinVisitType; joined_at: Date }>,
  p: QueueParameters,
  now: Date,
): QueueView {
  return {
    clinicId,
    ...p,
    waiting: rows.map((r, i) => ({
      entryId: r.id,
      patientId: r.patient_id,
      patientName: r.patient_name,
      visitType: r.visit_type,
      joinedAt: r.joined_at.toISOString(),
      waitedMinutes: waitedMinutes(r.joined_at, now),
      position: i + 1,
    })),
  };
}

const str = { type: 'string' } as const;
const nstr = { type: ['string', 'null'] } as const;
const nint = { type: ['integer', 'null'] } as const;

export const placeSchema = {
  type: 'object',
  properties: {
    clinicId: str,
    patientId: str,
    status: { type: 'string', enum: ['none', 'waiting', 'taken', 'left'] },
    visitType: nstr,
    joinedAt: nstr,
    position: nint,
    estimatedWaitMinutes: nint,
    takenAt: nstr,
    appointmentId: nstr,
    clinicianName: nstr,
  },
} as const;

export const queueSchema = {
  type: 'object',
  properties: {
    clinicId: str,
    averageConsultationMinutes: { type: 'integer' },
    cliniciansOnDuty: { type: 'integer' },
    waiting: {
      type: 'array',
      items: {
        type: 'object',
        properties: { entryId: str, patientId: str, patientName: nstr, visitType: str, joinedAt: str, waitedMinutes: { type: 'integer' }, position: { type: 'integer' } },
      },
    },
  },
} as const;

export const takenSchema = {
  type: 'object',
  properties: {
    entryId: str,
    patientId: str,
    patientName: nstr,
    visitType: str,
    joinedAt: str,
    takenAt: str,
    appointment: { type: 'object', properties: { id: str, startsAt: str, endsAt: str, visitType: str } },
  },
} as const;
