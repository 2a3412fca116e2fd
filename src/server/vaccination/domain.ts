// Seasonal vaccination, pure: a campaign's time slots in the clinic's zone (daylight-saving safe: each slot is a local
// wall-clock time turned into an instant), who belongs to which target group, and the price for the group.
import { DateTime } from 'luxon';

export const TARGET_GROUPS = ['65-plus', 'risk-group', 'health-personnel', 'others'] as const;
export type TargetGroup = (typeof TARGET_GROUPS)[number];
/** 65 and over on the day of the vaccine. */
export const SENIOR_AGE = 65;

export interface CampaignHours {
  startsOn: string;
  endsOn: string;
  /** HH:MM in the clinic's zone. */
  dayStart: string;
  dayEnd: string;
  slotMinutes: number;
  timeZone: string;
  /** ISO weekdays (1 = Monday) the clinic vaccinates; the campaign's default is Monday to Friday. */
  weekdays?: readonly number[];
}

/** Every slot's start in the campaign, as instants, in order. */
export function campaignSlots(c: CampaignHours): Date[] {
  const days = c.weekdays ?? [1, 2, 3, 4, 5];
  const out: Date[] = [];
  for (let day = DateTime.fromISO(c.startsOn, { zone: c.timeZone }); day.toISODate()! <= c.endsOn; day = day.plus({ days: 1 })) {
    if (!days.includes(day.weekday)) continue;
    const [sh, sm] = c.dayStart.split(':').map(Number) as [number, number];
    const [eh, em] = c.dayEnd.split(':').map(Number) as [number, number];
    const end = day.set({ hour: eh, minute: em, second: 0, millisecond: 0 });
    for (let t = day.set({ hour: sh, minute: sm, second: 0, millisecond: 0 }); t.plus({ minutes: c.slotMinutes }) <= end; t = t.plus({ minutes: c.slotMinutes })) {
      out.push(t.toJSDate());
    }
  }
  return out;
}

/**
 * The group a person books in: 65 and over by age on the day (whatever they say); otherwise the group they say they
 * belong to (risk group, health personnel), if the campaign has it, or 'others' if the campaign offers it to everyone.
 * Null: the campaign is not for them.
 */
export function groupFor(ageOnDay: number, said: TargetGroup | undefined, offered: readonly TargetGroup[]): TargetGroup | null {
  if (ageOnDay >= SENIOR_AGE && offered.includes('65-plus')) return '65-plus';
  if (said && said !== '65-plus' && offered.includes(said)) return said;
  return offered.includes('others') ? 'others' : null;
}
