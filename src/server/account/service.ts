// "Delete my account" where the law allows (issue 11): communication and profile data go — messages with their
// attachments, the notices sent, contact details and preferences, consent choices, downloads of one's data, sessions —
// while what the law keeps stays: the journal, appointments and e-consultations as health records, prescriptions,
// payments and invoices, the access log, the GP list, vaccinations. Refused while something is still open (an
// upcoming appointment or vaccine time, an e-consultation not closed, a place on a waiting list): the clinic must be told.
import type { Logger } from 'pino';
import { retryingTransaction, type Db } from '../platform/db/database.ts';
import { recordAccess } from '../platform/audit.ts';
import { DomainError } from '../platform/http/errors.ts';
import type { FileStore } from '../files/store.ts';
import type { MessageTables } from '../messages/schema.ts';

export interface AccountDeps {
  db: Db;
  files: FileStore;
  log: Logger;
}

/** What is still open and stops the deletion, by kind; empty when it may go ahead. */
export async function openMatters(db: Db, personId: string, now = new Date()): Promise<string[]> {
  const [appointments, vaccines, cases, waiting] = await Promise.all([
    db.selectFrom('appointments').select('id').where('patient_id', '=', personId).where('status', '=', 'booked').where('starts_at', '>', now).limit(1).execute(),
    db.selectFrom('vaccination_bookings').select('id').where('patient_id', '=', personId).where('status', '=', 'booked').where('starts_at', '>', now).limit(1).execute(),
    db.selectFrom('econsult_cases').select('id').where('patient_id', '=', personId).where('status', 'in', ['awaiting_payment', 'open', 'claimed', 'waiting_for_patient']).limit(1).execute(),
    db.selectFrom('gp_waiting_list').select('id').where('patient_id', '=', personId).where('status', '=', 'waiting').limit(1).execute(),
  ]);
  return [appointments.length && 'appointments', vaccines.length && 'vaccinations', cases.length && 'econsult', waiting.length && 'gp-waiting'].filter((x): x is string => Boolean(x));
}

export async function deleteAccount(deps: AccountDeps, person: { personId: string; requestId: string }, now = new Date()): Promise<{ deletedAt: string }> {
  const open = await openMatters(deps.db, person.personId, now);
  if (open.length) throw new DomainError('conflict', 'problem.account-open', {}, { open });
  const files = await retryingTransaction(deps.db, async (tx) => {
    const id = person.personId;
    const m = tx.withTables<MessageTables>();
    const threads = (await m.selectFrom('message_threads').select('id').where('patient_id', '=', id).execute()).map((t) => t.id);
    const keys: string[] = [];
    if (threads.length) {
      keys.push(...(await m.selectFrom('thread_attachments').select('storage_key').where('thread_id', 'in', threads).execute()).map((a) => a.storage_key));
      await tx.updateTable('invoices').set({ letter_thread_id: null }).where('letter_thread_id', 'in', threads).execute();
      await m.deleteFrom('thread_attachments').where('thread_id', 'in', threads).execute();
      await m.deleteFrom('thread_reads').where('thread_id', 'in', threads).execute();
      await m.deleteFrom('thread_messages').where('thread_id', 'in', threads).execute();
      await m.deleteFrom('message_threads').where('id', 'in', threads).execute();
    }
    const exports = await tx.deleteFrom('data_exports').where('subject_id', '=', id).returning(['json_key', 'pdf_key']).execute();
    for (const e of exports) for (const k of [e.json_key, e.pdf_key]) if (k) keys.push(k);
    await tx.deleteFrom('notifications').where('person_id', '=', id).execute();
    await tx.deleteFrom('consents').where('person_id', '=', id).execute();
    await tx.deleteFrom('idempotency_keys').where('person_id', '=', id).execute();
    await tx.updateTable('persons').set({ phone: null, email: null, preferred_language: 'nb', account_deleted_at: now }).where('id', '=', id).execute();
    await recordAccess(tx, { actorPersonId: id, actorKind: 'self', subjectPersonId: id, action: 'account.delete', reason: 'the person deleted their account', requestId: person.requestId });
    // Logged out everywhere, this session too.
    await tx.deleteFrom('sessions').where('person_id', '=', id).execute();
    return keys;
  });
  // The files after the commit: a file left behind by a crash here is unreachable (its row is gone).
  for (const key of files) await deps.files.delete(key).catch((err: Error) => deps.log.warn({ err: err.message }, 'file of a deleted account not removed'));
  deps.log.info('account deleted');
  return { deletedAt: now.toISOString() };
}
