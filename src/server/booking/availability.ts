// Free times: the clinic's weekly rules minus exceptions and booked appointments, computed in the clinic's zone.
import type { Db, Tx } from '../platform/db/database.ts';
import { NotFound } from '../platform/http/errors.ts';
import { freeSlots, type Slot, type VisitType } from './domain.ts';
import * as store from './store.ts';

export interface AvailabilityQuery {
  clinicId: string;
  practitionerId?: string;
  visitType?: VisitType;
  from: Date;
  to: Date;
  now: Date;
  /** false: ignore booked appointments (to tell "not a slot" from "just taken"). */
  excludeBooked?: boolean;
}

export async function availability(db: Db | Tx, q: AvailabilityQuery): Promise<{ timeZone: string; slots: Slot[] }> {
  const clinic = await store.bookingClinic(db, q.clinicId);
  if (!clinic) throw NotFound();
  const rules = await store.rules(db, q.clinicId, q.practitionerId);
  const ids = [...new Set(rules.map((r) => r.practitionerId))];
  const busy = [
    ...(await store.exceptionsBusy(db, ids, q.from, q.to)),
    ...(q.excludeBooked === false ? [] : await store.appointmentsBusy(db, ids, q.from, q.to)),
  ];
  return {
    timeZone: clinic.time_zone,
    slots: freeSlots({ rules, busy, from: q.from, to: q.to, timeZone: clinic.time_zone, now: q.now, ...(q.visitType ? { visitType: q.visitType } : {}) }),
  };
}

/** The slot starting exactly at `start`, if the rules offer one there (booked or not). */
export async function offeredSlot(db: Db | Tx, clinicId: string, practitionerId: string, visitType: VisitType, start: Date, now: Date): Promise<Slot | undefined> {
  const { slots } = await availability(db, {
    clinicId,
    practitionerId,
    visitType,
    from: start,
    to: new Date(start.getTime() + 6 * 3600_000),
    now,
    excludeBooked: false,
  });
  return slots.find((s) => s.start.getTime() === start.getTime());
}
