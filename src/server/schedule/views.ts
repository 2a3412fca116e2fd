// How schedules leave the API: rules as wall-clock 'HH:MM', instants as ISO 8601 with the clinic's offset; and their schemas.
import type { Selectable } from 'kysely';
import type { AvailabilityRuleTable } from '../platform/db/schema.ts';
import { isoInZone } from '../booking/domain.ts';
import type { BookedRow } from './store.ts';

const hhmm = (t: string | null) => (t ? t.slice(0, 5) : null);

export function ruleView(r: Selectable<AvailabilityRuleTable>) {
  return {
    id: r.id,
    weekday: r.weekday,
    startTime: hhmm(r.start_time)!,
    endTime: hhmm(r.end_time)!,
    breakStart: hhmm(r.break_start),
    breakEnd: hhmm(r.break_end),
    visitTypes: r.visit_types,
    slotMinutes: r.slot_minutes,
    bufferMinutes: r.buffer_minutes,
    validFrom: r.valid_from,
    validTo: r.valid_to,
  };
}

export function exceptionView(e: { id: string; starts_at: Date; ends_at: Date; kind: string }, zone: string) {
  return { id: e.id, startsAt: isoInZone(e.starts_at, zone), endsAt: isoInZone(e.ends_at, zone), kind: e.kind };
}

/** An appointment a schedule change touches: enough for the clinic to call the patient, nothing clinical. */
export function affectedView(a: BookedRow, zone: string) {
  return { appointmentId: a.id, start: isoInZone(a.starts_at, zone), patientName: a.patient_name, visitType: a.visit_type };
}

export type AffectedView = ReturnType<typeof affectedView>;

const str = { type: 'string' } as const;
const nstr = { type: ['string', 'null'] } as const;
const int = { type: 'integer' } as const;

export const ruleSchema = {
  type: 'object',
  properties: {
    id: str, weekday: int, startTime: str, endTime: str, breakStart: nstr, breakEnd: nstr,
    visitTypes: { type: 'array', items: str }, slotMinutes: int, bufferMinutes: int, validFrom: str, validTo: nstr,
  },
} as const;

export const exceptionSchema = { type: 'object', properties: { id: str, startsAt: str, endsAt: str, kind: str } } as const;

export const affectedListSchema = {
  type: 'array',
  items: { type: 'object', properties: { appointmentId: str, start: str, patientName: nstr, visitType: str } },
} as const;

export const scheduleSchema = {
  type: 'object',
  properties: {
    timeZone: str,
    clinicians: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: str,
          name: nstr,
          profession: str,
          rules: { type: 'array', items: ruleSchema },
          exceptions: { type: 'array', items: exceptionSchema },
        },
      },
    },
  },
} as const;
