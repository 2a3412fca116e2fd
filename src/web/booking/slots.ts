// Pure helpers over free times: group them by the clinic's days, keep the first clinician per time, find the nearest.
import { dateInZone } from './zoned-time.ts';
import type { Slot } from './types.ts';

export interface SlotDay {
  date: string;
  slots: Slot[];
}

/** Slots by calendar day in the clinic's zone, days and times in order. */
export function slotsByDay(slots: readonly Slot[], timeZone: string): SlotDay[] {
  const days = new Map<string, Slot[]>();
  for (const slot of [...slots].sort(byStart)) {
    const date = dateInZone(slot.start, timeZone);
    days.set(date, [...(days.get(date) ?? []), slot]);
  }
  return [...days].sort(([a], [b]) => a.localeCompare(b)).map(([date, list]) => ({ date, slots: list }));
}

/** "Første ledige": one slot per start time, with whichever clinician comes first there. */
export function firstClinicianPerTime(slots: readonly Slot[]): Slot[] {
  const seen = new Set<number>();
  return [...slots].sort(byStart).filter((slot) => {
    const at = Date.parse(slot.start);
    if (seen.has(at)) return false;
    seen.add(at);
    return true;
  });
}

/** The `count` free times nearest to the wanted one (before or after), in time order; never the wanted one itself. */
export function nearestSlots(slots: readonly Slot[], wanted: Slot, count = 3): Slot[] {
  const target = Date.parse(wanted.start);
  return slots
    .filter((slot) => !(sameSlot(slot, wanted)))
    .map((slot) => ({ slot, distance: Math.abs(Date.parse(slot.start) - target) }))
    .sort((a, b) => a.distance - b.distance || byStart(a.slot, b.slot))
    .slice(0, count)
    .map(({ slot }) => slot)
    .sort(byStart);
}

export function sameSlot(a: Slot, b: Slot): boolean {
  return a.practitionerId === b.practitionerId && Date.parse(a.start) === Date.parse(b.start) && a.visitType === b.visitType;
}

function byStart(a: Slot, b: Slot): number {
  return Date.parse(a.start) - Date.parse(b.start) || a.practitionerId.localeCompare(b.practitionerId);
}
