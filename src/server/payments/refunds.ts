// Refunds: asked for inside the caller's transaction (the payment's refunded sum goes up in one guarded UPDATE, so two
// refunds can never give back more than was taken), carried out at the provider by a job with the refund's own
// idempotency key, so a crash or a repeat refunds once.
import { sql } from 'kysely';
import type { Tx } from '../platform/db/database.ts';
import { Conflict } from '../platform/http/errors.ts';
import { REFUND_QUEUE, SETTLE_RETRIES } from './jobs.ts';
import type { SettlementDeps } from './settlement.ts';

export interface RefundJobData {
  refundId: string;
}

export interface Refund {
  id: string;
  paymentId: string;
  amountOre: number;
  reason: string;
  status: 'requested' | 'refunded' | 'failed';
  createdAt: string;
}

export const refundKey = (refundId: string) => `refund:${refundId}`;

export async function requestRefund(deps: Pick<SettlementDeps, 'jobs'>, tx: Tx, r: { paymentId: string; amountOre: number; reason: string; byPersonId: string }): Promise<Refund> {
  const payment = await tx
    .updateTable('payments')
    .set((eb) => ({ refunded_ore: eb('refunded_ore', '+', r.amountOre), updated_at: sql`now()` }))
    .where('id', '=', r.paymentId)
    .where('status', '=', 'captured')
    .where(sql<boolean>`refunded_ore + ${r.amountOre} <= amount_ore`)
    .returning(['id'])
    .executeTakeFirst();
  if (!payment) {
    const now = await tx.selectFrom('payments').select(['status', 'amount_ore', 'refunded_ore']).where('id', '=', r.paymentId).executeTakeFirst();
    if (now?.status !== 'captured') throw Conflict('problem.payment-not-refundable');
    throw Conflict('problem.refund-too-much', { left: ((now.amount_ore - now.refunded_ore) / 100).toFixed(2).replace('.', ',') });
  }
  const row = await tx.insertInto('payment_refunds').values({ payment_id: r.paymentId, amount_ore: r.amountOre, reason: r.reason, requested_by: r.byPersonId }).returningAll().executeTakeFirstOrThrow();
  await deps.jobs.send<RefundJobData>(REFUND_QUEUE, { refundId: row.id }, { tx, singletonKey: row.id });
  return { id: row.id, paymentId: row.payment_id, amountOre: row.amount_ore, reason: row.reason, status: row.status, createdAt: row.created_at.toISOString() };
}

/** The `payment.refund` job; on the last failed try the refund is marked failed for an operator (the payment stands). */
export async function runRefund(deps: SettlementDeps, data: RefundJobData, job: { retryCount: number }): Promise<void> {
  const row = await deps.db
    .selectFrom('payment_refunds as r')
    .innerJoin('payments as p', 'p.id', 'r.payment_id')
    .select(['r.id', 'r.status', 'r.amount_ore', 'p.provider_ref', 'p.id as payment_id', 'p.person_id'])
    .where('r.id', '=', data.refundId)
    .executeTakeFirst();
  if (row?.status !== 'requested') return;
  try {
    await deps.provider.refund(row.provider_ref!, row.amount_ore, refundKey(row.id));
  } catch (err) {
    if (job.retryCount < SETTLE_RETRIES) throw err;
    deps.log.error({ paymentId: row.payment_id, refundId: row.id, err: (err as Error).message }, 'refund could not be made at the provider: needs an operator');
    await deps.db.updateTable('payment_refunds').set({ status: 'failed' }).where('id', '=', row.id).where('status', '=', 'requested').execute();
    return;
  }
  await deps.db.transaction().execute(async (tx) => {
    const done = await tx.updateTable('payment_refunds').set({ status: 'refunded', refunded_at: sql`now()` }).where('id', '=', row.id).where('status', '=', 'requested').returning('id').executeTakeFirst();
    // Once: a job run that lost the race to another changes nothing and tells nobody.
    if (!done) return;
    for (const hook of deps.refundedHooks) await hook(tx, { refundId: row.id, paymentId: row.payment_id, payerId: row.person_id, amountOre: row.amount_ore });
  });
}
