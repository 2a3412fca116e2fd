// What the wait estimate needs from a clinic: its recent consultation length and how many clinicians are on duty.
// Both change slowly, so each instance keeps them a minute: positions are always fresh, only the estimate's inputs are cached.
import type { Db } from '../platform/db/database.ts';
import { availability } from '../booking/availability.ts';
import { averageConsultationMinutes } from './domain.ts';
import * as store from './store.ts';

export interface QueueParameters {
  averageConsultationMinutes: number;
  cliniciansOnDuty: number;
}

const KEEP_MS = 60_000;
const SAMPLE_HOURS = 3;
const cache = new Map<string, { until: number; value: Promise<QueueParameters> }>();

async function compute(db: Db, clinicId: string, offered: readonly string[], now: Date): Promise<QueueParameters> {
  const takes = await store.recentTakes(db, clinicId, new Date(now.getTime() - SAMPLE_HOURS * 3600_000));
  // On duty: clinicians whose working hours offer a drop-in visit type within the next hour.
  const { slots } = await availability(db, { clinicId, from: now, to: new Date(now.getTime() + 3600_000), now, excludeBooked: false });
  const onDuty = new Set(slots.filter((s) => offered.includes(s.visitType)).map((s) => s.practitionerId));
  return { averageConsultationMinutes: averageConsultationMinutes(takes), cliniciansOnDuty: Math.max(1, onDuty.size) };
}

export function queueParameters(db: Db, clinicId: string, offered: readonly string[], now: Date): Promise<QueueParameters> {
  const hit = cache.get(clinicId);
  if (hit && hit.until > now.getTime()) return hit.value;
  const value = compute(db, clinicId, offered, now);
  cache.set(clinicId, { until: now.getTime() + KEEP_MS, value });
  value.catch(() => cache.delete(clinicId));
  return value;
}
