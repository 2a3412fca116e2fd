// The rules of messages, pure: the answer deadline in working days (the clinic's country's public holidays, see
// platform/holidays.ts), when a thread is overdue, and who may see, answer or take which kind of thread.
import { DateTime } from 'luxon';
import type { StaffRole } from '../platform/db/schema.ts';
import type { AuthorRole, ThreadKind, ThreadStatus } from './schema.ts';

export const DEFAULT_ANSWER_DAYS = 5;
export const MAX_ATTACHMENTS = 5;
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

import { isWorkingDay, type Country } from '../platform/holidays.ts';

export type { Country };
export { isWorkingDay, publicHolidays } from '../platform/holidays.ts';

/**
 * When the clinic must have answered something that arrived at `from`: the end of the `workingDays`-th working day after
 * that day, in the clinic's zone (a question on the Wednesday before Easter is due at the end of the fifth working
 * day after Easter Monday, not on the Monday after it).
 */
export function answerDueAt(from: Date, workingDays: number, country: Country, timeZone: string): Date {
  let day = DateTime.fromJSDate(from, { zone: timeZone }).startOf('day');
  for (let counted = 0; counted < workingDays; ) {
    day = day.plus({ days: 1 });
    if (isWorkingDay(day.toISODate()!, country)) counted++;
  }
  return day.plus({ days: 1 }).startOf('day').toJSDate();
}

/** Waiting for the clinic past its deadline. */
export function isOverdue(t: { status: ThreadStatus; due_at: Date | string | null }, now: Date): boolean {
  return t.status === 'open' && t.due_at !== null && new Date(t.due_at).getTime() <= now.getTime();
}

/**
 * How much a logged-in person sees of a patient's messages: their own ('self'); a child under 12 ('full'); a child of
 * 12–15 ('limited': DOMAIN.md leaves parents booking, e-consultation and the messages the clinic allows, here the
 * office's administrative threads and the clinic's letters, never the child's health questions).
 */
export type PatientSideAccess = 'self' | 'full' | 'limited';

export function patientSideMaySee(access: PatientSideAccess, kind: ThreadKind): boolean {
  return access !== 'limited' || kind !== 'clinical';
}

/** The patient side answers an open or answered question; a letter takes no answer, a closed thread none either. */
export function mayReply(kind: ThreadKind, status: ThreadStatus): boolean {
  return kind !== 'letter' && status !== 'closed';
}

/** Health questions are for clinicians: reception (and an admin who is no clinician) sees only that one exists. */
export function staffMayReadContent(kind: ThreadKind, roles: readonly StaffRole[]): boolean {
  return kind !== 'clinical' || roles.includes('clinician');
}

export function staffAuthorRole(roles: readonly StaffRole[]): AuthorRole {
  return roles.includes('clinician') ? 'clinician' : 'office';
}

/**
 * The role in which a staff member takes over a thread, or undefined when they may not: a clinical thread only as a
 * clinician; an administrative one preferably as reception, else in any role they have at the clinic.
 */
export function assigneeRoleFor(kind: ThreadKind, roles: readonly StaffRole[]): StaffRole | undefined {
  if (kind === 'letter') return undefined;
  if (kind === 'clinical') return roles.includes('clinician') ? 'clinician' : undefined;
  return (['reception', 'clinician', 'clinic_admin'] as const).find((r) => roles.includes(r));
}

/** The status after a message: the clinic's answer settles the question; the patient's opens it again. */
export function statusAfterMessage(author: AuthorRole): ThreadStatus {
  return author === 'patient' || author === 'guardian' ? 'open' : 'answered';
}
