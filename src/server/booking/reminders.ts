// Content-free notices about appointments (booked, moved, cancelled) and the reminders before them, from the job queue.
import type { Tx } from '../platform/db/database.ts';
import type { AppointmentTable } from '../platform/db/schema.ts';
import type { CompiledQuery, Selectable } from 'kysely';
import type { NewJob } from '../platform/jobs/queue.ts';
import type { NotifyRequest } from '../notifications/service.ts';
import type { TemplateName } from '../notifications/templates.ts';
import { reminderTimes } from './domain.ts';
import type { BookingDeps } from './service.ts';
import * as store from './store.ts';
import type { BookingPerson } from './context.ts';

export const REMINDER_QUEUE = 'booking.reminder';

type Appointment = Selectable<AppointmentTable>;
/** What notices and reminders need of an appointment. */
type Notice = Pick<Appointment, 'id' | 'version' | 'clinic_id' | 'patient_id' | 'booked_by' | 'source' | 'starts_at'> & Partial<Pick<Appointment, 'visit_type' | 'ends_at'>>;
type AppointmentTemplate = Extract<TemplateName, `appointment-${string}`>;
type Person = Pick<BookingPerson, 'id' | 'phone' | 'email' | 'preferred_language' | 'withdrawn'>;

/** Who hears about an appointment and in which zone its time is told; the caller may know both already. */
export interface Audience {
  to: Person | undefined;
  timeZone: string;
}

interface ReminderJob {
  appointmentId: string;
  version: number;
  offsetMinutes: number;
}

const whoHears = (a: Notice) => (a.source === 'reception' || a.booked_by === a.patient_id ? [a.patient_id] : [a.patient_id, a.booked_by]);

/** The patient, or for a child the parent who booked it: the first of them with a phone or an e-mail address. */
export function recipientAmong(a: Notice, people: Person[]): Person | undefined {
  const byId = new Map(people.map((p) => [p.id, p]));
  return whoHears(a).map((id) => byId.get(id)).find((p) => p && (p.phone || p.email));
}

async function audienceOf(tx: Tx, a: Notice): Promise<Audience> {
  const people = await tx.selectFrom('persons').select(['id', 'phone', 'email', 'preferred_language']).where('id', 'in', whoHears(a)).execute();
  const clinic = await store.bookingClinic(tx, a.clinic_id);
  return { to: recipientAmong(a, people), timeZone: clinic?.time_zone ?? 'Europe/Oslo' };
}

export async function notifyPatient(deps: BookingDeps, tx: Tx, a: Notice, template: AppointmentTemplate, key = noticeKey(template, a), audience?: Audience): Promise<void> {
  for (const req of noticeRequests(deps, a, template, key, audience ?? (await audienceOf(tx, a)))) await deps.notifications.notify({ ...req, tx });
}

/**
 * notifyPatient's statements for a new appointment, for a caller that runs them in its own transaction (a pipeline):
 * on the channels the person has not withdrawn consent to (as the audience read it).
 */
export async function newNoticeStatements(deps: BookingDeps, a: Notice, template: AppointmentTemplate, audience: Audience): Promise<CompiledQuery[]> {
  const requests = noticeRequests(deps, a, template, noticeKey(template, a), audience).filter((r) => !audience.to?.withdrawn?.includes(r.channel));
  return (await Promise.all(requests.map((r) => deps.notifications.newNoticeStatements(r)))).flat();
}

const noticeKey = (template: AppointmentTemplate, a: Notice) => `${template}:${a.id}:${a.version}`;

/** The notices about an appointment: one per channel the person who hears it has. */
function noticeRequests(deps: BookingDeps, a: Notice, template: AppointmentTemplate, key: string, { to, timeZone }: Audience): Array<NotifyRequest<AppointmentTemplate>> {
  if (!to) return [];
  // A video appointment's notices carry its signed join link (it still needs the patient's e-ID); a cancelled one does not.
  const join = template !== 'appointment-cancelled' && a.visit_type === 'video' && a.ends_at && deps.videoJoinUrl ? deps.videoJoinUrl({ ...a, ends_at: a.ends_at }) : undefined;
  const params = { startsAt: a.starts_at, timeZone, ...(join ? { url: join } : {}) };
  const language = (to.preferred_language ?? 'nb') as 'nb' | 'nn' | 'sv' | 'en';
  // A reminder is worth nothing once the appointment has begun: a send retried past that is dropped.
  const validUntil = template === 'appointment-reminder' ? a.starts_at : undefined;
  const common = { personId: to.id, template, language, params, ...(validUntil ? { validUntil } : {}) };
  return [
    ...(to.phone ? [{ ...common, channel: 'sms' as const, to: to.phone, idempotencyKey: `sms:${key}` }] : []),
    ...(to.email ? [{ ...common, channel: 'email' as const, to: to.email, idempotencyKey: `email:${key}` }] : []),
  ];
}

/** One job per reminder, keyed by the appointment's version: moving it makes the old reminders stand down. */
export async function scheduleReminders(deps: BookingDeps, tx: Tx, a: Notice, now: Date, offsetsMinutes?: number[]): Promise<void> {
  const offsets = offsetsMinutes ?? (await store.bookingClinic(tx, a.clinic_id))?.reminder_offsets_minutes ?? [1440, 120];
  await deps.jobs.sendMany<ReminderJob>(REMINDER_QUEUE, reminderJobs(a, now, offsets), { tx });
}

/** scheduleReminders's statement, for a caller that runs it in its own transaction (a pipeline); none when no reminder is due. */
export async function reminderStatements(deps: BookingDeps, a: Notice, now: Date, offsetsMinutes: number[]): Promise<CompiledQuery[]> {
  const jobs = reminderJobs(a, now, offsetsMinutes);
  return jobs.length ? [await deps.jobs.sendStatement<ReminderJob>(REMINDER_QUEUE, jobs)] : [];
}

function reminderJobs(a: Notice, now: Date, offsetsMinutes: number[]): Array<NewJob<ReminderJob>> {
  return reminderTimes(a.starts_at, offsetsMinutes, now).map((r) => ({
    data: { appointmentId: a.id, version: a.version, offsetMinutes: r.offsetMinutes },
    startAfter: r.at,
    singletonKey: `${a.id}:${a.version}:${r.offsetMinutes}`,
  }));
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
