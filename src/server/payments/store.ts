// SQL for payments: insert one live payment per purpose, read and lock rows, and move a status with its event.
import { sql, type Insertable, type Selectable } from 'kysely';
import type { Db, Tx } from '../platform/db/database.ts';
import { ENDED_UNPAID, type PaymentStatus } from './domain.ts';
import type { PaymentTable } from './schema.ts';

export type PaymentRow = Selectable<PaymentTable>;

/** Inserts a 'created' payment with its first event; undefined when the purpose already has a live one. */
export async function insertPayment(tx: Tx, row: Insertable<PaymentTable>): Promise<PaymentRow | undefined> {
  const inserted = await tx
    .insertInto('payments')
    .values({ ...row, status: 'created' })
    .onConflict((oc) => oc.columns(['purpose', 'purpose_id']).where('status', 'not in', ENDED_UNPAID).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) await tx.insertInto('payment_events').values({ payment_id: inserted.id, from_status: null, to_status: 'created' }).execute();
  return inserted;
}

export async function livePayment(db: Db | Tx, purpose: string, purposeId: string): Promise<PaymentRow | undefined> {
  return db
    .selectFrom('payments')
    .selectAll()
    .where('purpose', '=', purpose)
    .where('purpose_id', '=', purposeId)
    .where('status', 'not in', ENDED_UNPAID)
    .executeTakeFirst();
}

/** The payment a provider knows by this reference (a webhook names it so). */
export async function paymentByProviderRef(db: Db, provider: string, providerRef: string): Promise<PaymentRow | undefined> {
  return db.selectFrom('payments').selectAll().where('provider', '=', provider).where('provider_ref', '=', providerRef).executeTakeFirst();
}

export async function payment(db: Db | Tx, id: string): Promise<PaymentRow | undefined> {
  return db.selectFrom('payments').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The row, locked until the transaction ends: status moves of one payment happen one at a time. */
export async function lockPayment(tx: Tx, id: string): Promise<PaymentRow | undefined> {
  return tx.selectFrom('payments').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function paymentsForPurpose(db: Db, purpose: string, purposeId: string): Promise<PaymentRow[]> {
  return db
    .selectFrom('payments')
    .selectAll()
    .where('purpose', '=', purpose)
    .where('purpose_id', '=', purposeId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
}

const STAMP: Partial<Record<PaymentStatus, 'authorized_at' | 'captured_at' | 'released_at'>> = {
  authorized: 'authorized_at',
  captured: 'captured_at',
  released: 'released_at',
};

/**
 * Moves a payment from the status it has (`row`, read under lock) to `to`, and records the move. The status guard
 * makes a move made from a stale read change nothing: it returns false.
 */
export async function move(
  tx: Tx,
  row: Pick<PaymentRow, 'id' | 'status'>,
  to: PaymentStatus,
  detail = '',
  set: { provider_ref?: string; redirect_url?: string } = {},
): Promise<boolean> {
  const stamp = STAMP[to];
  const updated = await tx
    .updateTable('payments')
    .set({ ...set, status: to, updated_at: sql<Date>`now()`, ...(stamp ? { [stamp]: sql<Date>`now()` } : {}) })
    .where('id', '=', row.id)
    .where('status', '=', row.status)
    .executeTakeFirst();
  if (updated.numUpdatedRows === 0n) return false;
  await tx.insertInto('payment_events').values({ payment_id: row.id, from_status: row.status, to_status: to, detail: detail.slice(0, 500) }).execute();
  return true;
}

export async function events(db: Db, paymentId: string) {
  return db.selectFrom('payment_events').select(['from_status', 'to_status', 'detail', 'at']).where('payment_id', '=', paymentId).orderBy('id').execute();
}
