// What happens to a case later, from the durable job queue: an unanswered case is closed and its reservation released;
// a closed case's written communication (answers, messages, photos) is deleted after the clinic's retention time;
// an abandoned draft is deleted after a week. Anonymous counts stay for statistics; the journal note stays by law.
import { DateTime } from 'luxon';
import { retryingTransaction, type Tx } from '../platform/db/database.ts';
import type { EconsultDeps } from './deps.ts';
import { publishChange } from './deps.ts';
import { FINAL_STATUSES } from './domain.ts';
import { notifyPatient } from './notices.ts';
import * as store from './store.ts';

export const EXPIRE_QUEUE = 'econsult.expire';
export const PURGE_QUEUE = 'econsult.purge';
export const DRAFT_DAYS = 7;

interface CaseJob {
  caseId: string;
}

export async function scheduleExpiry(deps: EconsultDeps, tx: Tx, c: store.CaseRow, clinic: store.EconsultClinic): Promise<void> {
  const at = new Date(c.due_at!.getTime() + clinic.econsult_unanswered_hours * 3600_000);
  await deps.jobs.send<CaseJob>(EXPIRE_QUEUE, { caseId: c.id }, { tx, startAfter: at, singletonKey: `expire:${c.id}` });
}

export async function scheduleDraftPurge(deps: EconsultDeps, tx: Tx, c: store.CaseRow): Promise<void> {
  await deps.jobs.send<CaseJob>(PURGE_QUEUE, { caseId: c.id }, { tx, startAfter: new Date(c.created_at.getTime() + DRAFT_DAYS * 86_400_000), singletonKey: `draft:${c.id}` });
}

/** Retention counts in calendar months in the clinic's zone from the day the case closed. */
export function purgeAt(closedAt: Date, months: number, timeZone: string): Date {
  return DateTime.fromJSDate(closedAt, { zone: timeZone }).plus({ months }).toJSDate();
}

export async function schedulePurge(deps: EconsultDeps, tx: Tx, c: store.CaseRow, clinic: store.EconsultClinic): Promise<void> {
  const at = purgeAt(c.closed_at!, clinic.econsult_retention_months, clinic.time_zone);
  await deps.jobs.send<CaseJob>(PURGE_QUEUE, { caseId: c.id }, { tx, startAfter: at, singletonKey: `purge:${c.id}` });
}

/** Closes a case nobody answered: nothing is charged, and the patient is told to log in. Runs once; a repeat finds it closed. */
export async function expire(deps: EconsultDeps, caseId: string, now = new Date()): Promise<boolean> {
  const row = await retryingTransaction(deps.db, async (tx) => {
    const moved = await store.move(tx, caseId, 'expire', null, { closed_at: now, outcome: 'expired', claimed_by: null }, { unanswered: true });
    if (!moved) return undefined;
    if (moved.payment_id) await deps.payments.requestRelease(tx, moved.payment_id);
    const clinic = (await store.econsultClinic(tx, moved.clinic_id))!;
    await schedulePurge(deps, tx, moved, clinic);
    await notifyPatient(deps, tx, moved, 'new-message', `expired:${moved.id}`);
    return moved;
  });
  if (row) await publishChange(deps, row);
  return Boolean(row);
}

/**
 * Deletes a case's written communication for good: the stored photos first (a repeat deletes nothing twice), then the
 * rows, leaving an anonymous statistics row. A draft past its week is deleted the same way, without statistics.
 */
export async function purge(deps: EconsultDeps, caseId: string, now = new Date()): Promise<'purged' | 'not-yet' | 'gone'> {
  const c = await store.caseById(deps.db, caseId);
  if (!c) return 'gone';
  const final = FINAL_STATUSES.includes(c.status);
  const staleDraft = (c.status === 'draft' || c.status === 'awaiting_payment') && now.getTime() - c.created_at.getTime() >= DRAFT_DAYS * 86_400_000 - 60_000;
  if (!final && !staleDraft) return 'not-yet';
  if (final) {
    const clinic = (await store.econsultClinic(deps.db, c.clinic_id))!;
    if (purgeAt(c.closed_at!, clinic.econsult_retention_months, clinic.time_zone).getTime() > now.getTime() + 60_000) return 'not-yet';
  }
  for (const p of await store.photosOf(deps.db, c.id)) {
    await deps.files.delete(p.storage_key);
    await deps.files.delete(p.thumb_key);
  }
  await retryingTransaction(deps.db, async (tx) => {
    const locked = await store.caseById(tx, c.id, true);
    if (!locked || locked.status !== c.status) return;
    if (final) {
      await tx
        .insertInto('econsult_statistics')
        .values({
          clinic_id: locked.clinic_id,
          reason_id: locked.reason_id ?? 'unknown',
          submitted_at: locked.submitted_at!,
          first_response_at: locked.first_response_at,
          closed_at: locked.closed_at!,
          outcome: locked.outcome!,
          photo_count: locked.photo_count,
          price_rule: locked.price_rule,
        })
        .execute();
    } else if (locked.payment_id) {
      await deps.payments.requestRelease(tx, locked.payment_id);
    }
    await tx.deleteFrom('econsult_cases').where('id', '=', locked.id).execute();
  });
  return 'purged';
}

export function defineEconsultJobs(deps: EconsultDeps): void {
  deps.jobs.define<CaseJob>({ name: EXPIRE_QUEUE, retryLimit: 10, handler: async (job) => void (await expire(deps, job.caseId)) });
  deps.jobs.define<CaseJob>({ name: PURGE_QUEUE, retryLimit: 10, expireInSeconds: 600, handler: async (job) => void (await purge(deps, job.caseId)) });
}
