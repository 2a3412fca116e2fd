// Capture and release: asked for inside the purpose's transaction, carried out by a job with a fixed idempotency key,
// so a crash anywhere between "asked" and "done" ends in exactly one capture or release at the provider.
import type { Logger } from 'pino';
import type { Db, Tx } from '../platform/db/database.ts';
import { Conflict, NotFound } from '../platform/http/errors.ts';
import type { JobQueue } from '../platform/jobs/queue.ts';
import { captureStep, releaseStep, type PaymentStatus } from './domain.ts';
import { CAPTURE_QUEUE, RELEASE_QUEUE, SETTLE_RETRIES, type PaymentJobData } from './jobs.ts';
import type { PaymentProvider } from './provider.ts';
import * as store from './store.ts';

export interface SettlementDeps {
  db: Db;
  jobs: JobQueue;
  log: Logger;
  provider: PaymentProvider;
  /** The purposes' reactions to money taken, run in the transaction that marks the payment captured. */
  capturedHooks: Map<string, (tx: Tx, payment: store.PaymentRow) => Promise<void>>;
  /** Reactions to a refund made at the provider (e.g. tell the payer), run in the transaction that marks it refunded. */
  refundedHooks: Array<(tx: Tx, refund: RefundMade) => Promise<void>>;
}

/** A refund the provider has made: whose payment, and how much came back. */
export interface RefundMade {
  refundId: string;
  paymentId: string;
  payerId: string;
  amountOre: number;
}

export const captureKey = (paymentId: string) => `capture:${paymentId}`;
export const releaseKey = (paymentId: string) => `release:${paymentId}`;

async function locked(tx: Tx, paymentId: string): Promise<store.PaymentRow> {
  const row = await store.lockPayment(tx, paymentId);
  if (!row) throw NotFound();
  return row;
}

export async function requestCapture(deps: SettlementDeps, tx: Tx, paymentId: string): Promise<PaymentStatus> {
  const row = await locked(tx, paymentId);
  const step = captureStep(row.status);
  if (step === 'done') return row.status;
  if (step === 'refuse') throw Conflict('problem.payment-not-capturable');
  await store.move(tx, row, 'capture_requested');
  await deps.jobs.send<PaymentJobData>(CAPTURE_QUEUE, { paymentId }, { tx, singletonKey: paymentId });
  return 'capture_requested';
}

export async function requestRelease(deps: SettlementDeps, tx: Tx, paymentId: string, detail = ''): Promise<PaymentStatus> {
  const row = await locked(tx, paymentId);
  const step = releaseStep(row.status);
  if (step === 'done') return row.status;
  if (step === 'refuse') throw Conflict('problem.payment-not-releasable');
  const to = step === 'request' ? 'release_requested' : 'canceled';
  await store.move(tx, row, to, detail);
  // A checkout never paid is closed at the provider too, so the payer cannot still pay it later.
  if (row.provider_ref) await deps.jobs.send<PaymentJobData>(RELEASE_QUEUE, { paymentId }, { tx, singletonKey: paymentId });
  return to;
}

/**
 * Marks the payment `to` if it is still `from`, and runs `then` with it in the same transaction; a job that lost a race
 * to another run of itself changes nothing.
 */
async function settle(db: Db, paymentId: string, from: PaymentStatus, to: PaymentStatus, detail = '', then?: (tx: Tx, row: store.PaymentRow) => Promise<void>): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const row = await store.lockPayment(tx, paymentId);
    if (row?.status !== from) return;
    await store.move(tx, row, to, detail);
    await then?.(tx, row);
  });
}

/** The provider call of a capture or release job; on the last try a failure marks the payment failed for an operator. */
async function callProvider(deps: SettlementDeps, row: store.PaymentRow, retryCount: number, call: () => Promise<void>): Promise<boolean> {
  try {
    await call();
    return true;
  } catch (err) {
    const message = (err as Error).message;
    if (retryCount < SETTLE_RETRIES) throw err;
    deps.log.error({ paymentId: row.id, status: row.status, err: message }, 'payment could not be settled at the provider: needs an operator');
    // A canceled payment stays canceled: nothing was reserved, only its checkout may still be open at the provider.
    if (row.status !== 'canceled') await settle(deps.db, row.id, row.status, 'failed', message);
    return false;
  }
}

/** The `payment.capture` job. Repeats and concurrent runs use the same key, so the provider captures once. */
export async function runCapture(deps: SettlementDeps, data: PaymentJobData, job: { retryCount: number }): Promise<void> {
  const row = await store.payment(deps.db, data.paymentId);
  if (row?.status !== 'capture_requested') return;
  const done = await callProvider(deps, row, job.retryCount, () => deps.provider.capture(row.provider_ref!, row.amount_ore, captureKey(row.id)));
  if (done) await settle(deps.db, row.id, 'capture_requested', 'captured', '', deps.capturedHooks.get(row.purpose));
}

/** The `payment.release` job: gives a reservation back, or closes the checkout of a payment canceled before it was paid. */
export async function runRelease(deps: SettlementDeps, data: PaymentJobData, job: { retryCount: number }): Promise<void> {
  const row = await store.payment(deps.db, data.paymentId);
  if (!row?.provider_ref || (row.status !== 'release_requested' && row.status !== 'canceled')) return;
  const done = await callProvider(deps, row, job.retryCount, () => deps.provider.release(row.provider_ref!, releaseKey(row.id)));
  if (done && row.status === 'release_requested') await settle(deps.db, row.id, 'release_requested', 'released');
}
