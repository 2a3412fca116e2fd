// Content-free notices about appointments (booked, moved, cancelled) and the reminders before them, from the job queue.
import type { Tx } from '../platform/db/database.ts';
import type { AppointmentTable } from '../platform/db/schema.ts';
import type { Selectable } from 'kysely';
import type { TemplateName } from '../notifications/templates.ts';
import { reminderTimes } from './domain.ts';
import type { BookingDeps } from './service.ts';
import * as store from './store.ts';

export const REMINDER_QUEUE = 'booking.reminder';

type Appointment = Selectable<AppointmentTable>;
type AppointmentTemplate = Extract<TemplateName, `appointment-${string}`>;

interface ReminderJob {
  appointmentId: string;
  version: number;
  offsetMinutes: number;
}

/** Who hears about an appointment: the patient, or for a child the parent who booked it. */
async function recipients(tx: Tx | BookingDeps['db'], a: Appointment) {
  const ids = a.source === 'reception' || a.booked_by === a.patient_id ? [a.patient_id] : [a.patient_id, a.booked_by];
  const people = await tx.selectFrom('persons').select(['id', 'phone', 'email', 'preferred_language']).where('id', 'in', ids).execute();
  const byId = new Map(people.map((p) => [p.id, p]));
  return ids.map((id) => byId.get(id)).find((p) => p && (p.phone || p.email));
}

export async function notifyPatient(deps: BookingDeps, tx: Tx, a: Appointment, template: AppointmentTemplate, key = `${template}:${a.id}:${a.version}`): Promise<void> {
  const to = await recipients(tx, a);
  if (!to) return;
  const clinic = await store.bookingClinic(tx, a.clinic_id);
  const params = { startsAt: a.starts_at, timeZone: clinic?.time_zone ?? 'Europe/Oslo' };
  const language = (to.preferred_language ?? 'nb') as 'nb' | 'nn' | 'sv' | 'en';
  if (to.phone) await deps.notifications.notify({ personId: to.id, channel: 'sms', to: to.phone, template, language, params, idempotencyKey: `sms:${key}`, tx });
  if (to.email) await deps.notifications.notify({ personId: to.id, channel: 'email', to: to.email, template, language, params, idempotencyKey: `email:${key}`, tx });
}

/** One job per reminder, keyed by the appointment's version: moving it makes the old reminders stand down. */
export async function scheduleReminders(deps: BookingDeps, tx: Tx, a: Appointment, now: Date): Promise<void> {
  const clinic = await store.bookingClinic(tx, a.clinic_id);
  for (const r of reminderTimes(a.starts_at, clinic?.reminder_offsets_minutes ?? [1440, 120], now)) {
    await deps.jobs.send<ReminderJob>(REMINDER_QUEUE, { appointmentId: a.id, version: a.version, offsetMinutes: r.offsetMinutes }, {
      tx,
      startAfter: r.at,
      singletonKey: `${a.id}:${a.version}:${r.offsetMinutes}`,
    });
  }
}

export function defineReminderJobs(deps: BookingDeps): void {
  deps.jobs.define<ReminderJob>({
    name: REMINDER_QUEUE,
    retryLimit: 5,
    handler: async (job) => {
      await deps.db.transaction().execute(async (tx) => {
        const a = await store.appointment(tx, job.appointmentId);
        // Cancelled or moved since: this reminder is no longer true, and nothing is sent.
        if (!a || a.status !== 'booked' || a.version !== job.version) return;
        await notifyPatient(deps, tx, a, 'appointment-reminder', `appointment-reminder:${a.id}:${a.version}:${job.offsetMinutes}`);
      });
    },
  });
}
