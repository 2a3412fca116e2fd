// Free times: the clinic's weekly rules minus exceptions and booked appointments, computed in the clinic's zone.
import type { Db, Tx } from '../platform/db/database.ts';
import { NotFound } from '../platform/http/errors.ts';
import { freeSlots, slotAt, slotSearchEnd, type Slot, type VisitType } from './domain.ts';
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
  const inputs = await store.availabilityInputs(db, { clinicId: q.clinicId, practitionerId: q.practitionerId, from: q.from, to: q.to, withBooked: q.excludeBooked !== false });
  if (!inputs) throw NotFound();
  const { timeZone, rules, busy } = inputs;
  return {
    timeZone,
    slots: freeSlots({ rules, busy, from: q.from, to: q.to, timeZone, now: q.now, ...(q.visitType ? { visitType: q.visitType } : {}) }),
  };
}

/** The slot starting exactly at `start`, if the rules offer one there (booked or not). */
export async function offeredSlot(db: Db | Tx, clinicId: string, practitionerId: string, visitType: VisitType, start: Date, now: Date): Promise<Slot | undefined> {
  const inputs = await store.availabilityInputs(db, { clinicId, practitionerId, from: start, to: slotSearchEnd(start), withBooked: false });
  if (!inputs) throw NotFound();
  return slotAt({ ...inputs, visitType, start, now });
}
