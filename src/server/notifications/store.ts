// SQL for notifications: insert once per idempotency key, claim with a lease, and the state moves of sending and receipts.
import { sql, type RawBuilder } from 'kysely';
import type { Db, Tx } from '../platform/db/database.ts';
import type { NotificationState, NotificationTable } from '../platform/db/schema.ts';
import type { Insertable } from 'kysely';

export interface ClaimedNotification {
  id: string;
  channel: 'sms' | 'email';
  address: string;
  subject: string | null;
  body: string;
  attempts: number;
  person_id: string | null;
  valid_until: Date | null;
  consent_withdrawn: boolean;
}

export interface OutboxRow {
  id: string;
  channel: 'sms' | 'email';
  address: string;
  subject: string | null;
  body: string;
  state: NotificationState;
  template: string;
  created_at: Date;
}

const ERROR_MAX = 500;
const short = (error: string) => error.slice(0, ERROR_MAX);

/** A notice to queue: who it is for, where, and what it says. */
export type NewNotification = Pick<
  Insertable<NotificationTable>,
  'idempotency_key' | 'person_id' | 'channel' | 'address' | 'template' | 'language' | 'subject' | 'body' | 'provider' | 'valid_until'
>;

/** Whether the person has withdrawn consent to notices on this channel (consents/service.ts records it), in SQL. */
const consentWithdrawn = (person: RawBuilder<unknown>, channel: RawBuilder<unknown>) =>
  sql<boolean>`EXISTS (SELECT 1 FROM consents c WHERE c.person_id = ${person} AND c.kind = ${channel} AND NOT c.given)`;

/**
 * Inserts the row unless its idempotency key exists or the person it is for has withdrawn consent to notices on its
 * channel, in one statement: the new id, or undefined when nothing was inserted.
 */
export async function insertNotification(tx: Tx, row: NewNotification): Promise<string | undefined> {
  const { rows } = await insertNotificationSql(row).execute(tx);
  return rows[0]?.id;
}

/** insertNotification's statement, for a caller that runs it itself (in a pipeline); `id` chosen by the caller, or new. */
export function insertNotificationSql(row: NewNotification & { id?: string }) {
  const person = sql`${row.person_id ?? null}::uuid`;
  const channel = sql`${row.channel}::text`;
  return sql<{ id: string }>`
    INSERT INTO notifications (id, idempotency_key, person_id, channel, address, template, language, subject, body, provider, valid_until)
    SELECT coalesce(${row.id ?? null}::uuid, gen_random_uuid()), ${row.idempotency_key ?? null}::text, ${person}, ${channel}, ${row.address}::text, ${row.template}::text, ${row.language}::text,
           ${row.subject ?? null}::text, ${row.body}::text, ${row.provider ?? null}::text, ${row.valid_until ?? null}::timestamptz
    WHERE NOT ${consentWithdrawn(person, channel)}
    ON CONFLICT (idempotency_key) DO NOTHING
    RETURNING id`;
}

export async function idForKey(tx: Tx, idempotencyKey: string): Promise<string | undefined> {
  const row = await tx.selectFrom('notifications').select('id').where('idempotency_key', '=', idempotencyKey).executeTakeFirst();
  return row?.id;
}

/**
 * Takes the right to send: a queued row, or one whose sender let its lease run out (it crashed or hung).
 * Concurrent claims serialise on the row lock; the loser re-reads the row, no longer matches and gets nothing.
 */
export async function claim(db: Db, id: string, leaseSeconds: number): Promise<ClaimedNotification | undefined> {
  return db
    .updateTable('notifications')
    .set({ state: 'sending', claimed_at: sql<Date>`now()`, attempts: sql<number>`attempts + 1` })
    .where('id', '=', id)
    .where((eb) =>
      eb.or([
        eb('state', '=', 'queued'),
        eb.and([eb('state', '=', 'sending'), eb('claimed_at', '<', sql<Date>`now() - make_interval(secs => ${leaseSeconds})`)]),
      ]),
    )
    .returning(['id', 'channel', 'address', 'subject', 'body', 'attempts', 'person_id', 'valid_until'])
    // Consent to this channel withdrawn after the notice was queued.
    .returning(consentWithdrawn(sql.ref('notifications.person_id'), sql.ref('notifications.channel')).as('consent_withdrawn'))
    .executeTakeFirst();
}

export async function stateOf(db: Db, id: string): Promise<NotificationState | undefined> {
  const row = await db.selectFrom('notifications').select('state').where('id', '=', id).executeTakeFirst();
  return row?.state;
}

/**
 * Records what the channel accepted. Also from 'queued': another attempt may have put the row back after this one's
 * lease ran out, but this message did go out. A row already sent, delivered or failed keeps its state.
 */
export async function markSent(
  db: Db,
  id: string,
  sent: { provider: string; providerMessageId: string | null; delivered: boolean },
): Promise<boolean> {
  const result = await db
    .updateTable('notifications')
    .set({
      state: sent.delivered ? 'delivered' : 'sent',
      provider: sent.provider,
      provider_message_id: sent.providerMessageId,
      sent_at: sql<Date>`now()`,
      delivered_at: sent.delivered ? sql<Date>`now()` : null,
      last_error: null,
    })
    .where('id', '=', id)
    .where('state', 'in', ['queued', 'sending'])
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** A final failure of this attempt's claim (fenced on attempts, so a stale attempt cannot fail a newer one). */
export async function markFailed(db: Db, id: string, attempts: number, error: string): Promise<boolean> {
  const result = await db
    .updateTable('notifications')
    .set({ state: 'failed', last_error: short(error), failed_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('state', 'in', ['queued', 'sending'])
    .where('attempts', '=', attempts)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Gives the claim back after a transient failure so the next retry can take it at once. */
export async function release(db: Db, id: string, attempts: number, error: string): Promise<void> {
  await db
    .updateTable('notifications')
    .set({ state: 'queued', last_error: short(error) })
    .where('id', '=', id)
    .where('state', '=', 'sending')
    .where('attempts', '=', attempts)
    .execute();
}

/**
 * Applies a delivery receipt to the message it names. 'unknown' means no row has that provider id yet: the receipt
 * may have overtaken the sender's own update (the SMSC answers submit_sm and sends the receipt moments later).
 */
export async function applyReceipt(
  db: Db,
  receipt: { provider: string; providerMessageId: string; delivered: boolean; error?: string | undefined },
): Promise<'applied' | 'already-final' | 'unknown'> {
  const updated = await db
    .updateTable('notifications')
    .set(
      receipt.delivered
        ? { state: 'delivered', delivered_at: sql<Date>`now()` }
        : { state: 'failed', failed_at: sql<Date>`now()`, last_error: short(receipt.error ?? 'not delivered') },
    )
    .where('provider', '=', receipt.provider)
    .where('provider_message_id', '=', receipt.providerMessageId)
    .where('state', 'in', ['sending', 'sent'])
    .returning('id')
    .executeTakeFirst();
  if (updated) return 'applied';
  const known = await db
    .selectFrom('notifications')
    .select('id')
    .where('provider', '=', receipt.provider)
    .where('provider_message_id', '=', receipt.providerMessageId)
    .executeTakeFirst();
  return known ? 'already-final' : 'unknown';
}

export async function newestForProvider(db: Db, provider: string, limit: number): Promise<OutboxRow[]> {
  return db
    .selectFrom('notifications')
    .select(['id', 'channel', 'address', 'subject', 'body', 'state', 'template', 'created_at'])
    .where('provider', '=', provider)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
