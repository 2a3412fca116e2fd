// Payment use cases: begin a checkout, confirm what the payer did there (running the purpose's hook once),
// check on a payer who never came back, and hand capture and release to settlement.ts.
import type { Logger } from 'pino';
import { retryingTransaction, type Db, type Tx } from '../platform/db/database.ts';
import { Conflict, DomainError, Invalid, NotFound } from '../platform/http/errors.ts';
import type { JobQueue } from '../platform/jobs/queue.ts';
import { afterCheckout, beginProblem, returnUrl, type CheckoutStatus, type PayerLanguage, type PaymentStatus } from './domain.ts';
import { CHECK_FIRST_AFTER_SECONDS, CHECK_QUEUE, CHECK_RETRIES, type PaymentJobData } from './jobs.ts';
import type { PaymentProvider, WebhookEvent } from './provider.ts';
import * as refunds from './refunds.ts';
import * as settlement from './settlement.ts';
import * as store from './store.ts';
import { paymentView, type Payment } from './views.ts';

export interface PaymentsOptions {
  db: Db;
  jobs: JobQueue;
  log: Logger;
  provider: PaymentProvider;
  /** This server's address (config.publicUrl): the provider sends the payer back here. */
  publicUrl: string;
}

/** The payer (personId) is the logged-in person: a parent paying for a child pays as themself. */
export interface BeginInput extends Pick<Payment, 'clinicId' | 'personId' | 'purpose' | 'purposeId' | 'amountOre' | 'currency'> {
  /** Shown on the checkout page and the card statement, e.g. "E-konsultasjon, Legesenteret". */
  description: string;
  /** A path on this site; the payer comes back to it with `?payment=<id>` added. */
  returnPath: string;
  language: PayerLanguage;
}

export interface BeginResult {
  paymentId: string;
  redirectUrl: string;
  /** 'pending' for a new checkout; a purpose that already has a live payment gets that payment, in its status. */
  status: PaymentStatus;
}

/** What a purpose's hook is told about the payment that moved; `status` is where it moved to. */
export type HookPayment = Pick<Payment, 'id' | 'purpose' | 'purposeId' | 'personId' | 'clinicId' | 'amountOre' | 'currency' | 'status'>;

/** Runs inside the transaction that moved the payment: its writes commit with the move, or neither does. */
export type PaymentHook = (tx: Tx, payment: HookPayment) => Promise<void>;

const hookPayment = (r: store.PaymentRow, status: PaymentStatus): HookPayment => ({
  id: r.id,
  purpose: r.purpose,
  purposeId: r.purpose_id,
  personId: r.person_id,
  clinicId: r.clinic_id,
  amountOre: r.amount_ore,
  currency: r.currency,
  status,
});

export class PaymentService {
  private readonly db: Db;
  private readonly jobs: JobQueue;
  private readonly log: Logger;
  private readonly provider: PaymentProvider;
  private readonly publicUrl: string;
  private readonly authorizedHooks = new Map<string, PaymentHook>();
  private readonly declinedHooks = new Map<string, PaymentHook>();
  private readonly committedHooks = new Map<string, (payment: HookPayment) => Promise<void>>();
  private readonly capturedHooks = new Map<string, (tx: Tx, row: store.PaymentRow) => Promise<void>>();
  private readonly settling: settlement.SettlementDeps;

  constructor(o: PaymentsOptions) {
    this.db = o.db;
    this.jobs = o.jobs;
    this.log = o.log.child({ capability: 'payments' });
    this.provider = o.provider;
    this.publicUrl = o.publicUrl.replace(/\/+$/, '');
    this.settling = { db: this.db, jobs: this.jobs, log: this.log, provider: this.provider, capturedHooks: this.capturedHooks, refundedHooks: [] };
  }

  /**
   * The purpose's reaction to a reservation made (e.g. submit the case); runs once per payment. Required, as is
   * onDeclined: register both before jobs start, or a confirm of that purpose fails and is tried again later.
   */
  onAuthorized(purpose: string, hook: PaymentHook): void {
    this.authorizedHooks.set(purpose, hook);
  }

  /** The purpose's reaction to a checkout that ended unpaid: declined, canceled by the payer, or abandoned (status 'canceled'). */
  onDeclined(purpose: string, hook: PaymentHook): void {
    this.declinedHooks.set(purpose, hook);
  }

  /** The purpose's reaction to the money taken (e.g. count a co-payment), in the transaction that records the capture. */
  onCaptured(purpose: string, hook: PaymentHook): void {
    this.capturedHooks.set(purpose, (tx, row) => hook(tx, hookPayment(row, 'captured')));
  }

  /** A reaction to every refund the provider has made, in the transaction that records it (e.g. tell the payer). */
  onRefunded(hook: (tx: Tx, refund: settlement.RefundMade) => Promise<void>): void {
    this.settling.refundedHooks.push(hook);
  }

  /**
   * Told after the move (authorized, declined, canceled) and the purpose's hook have committed: for what must not be
   * seen before the data is there, such as live updates. Optional; a failure here is logged, the move stands.
   */
  afterMove(purpose: string, hook: (payment: HookPayment) => Promise<void>): void {
    this.committedHooks.set(purpose, hook);
  }

  private async committed(payment: HookPayment | undefined): Promise<void> {
    const hook = payment && this.committedHooks.get(payment.purpose);
    if (hook) await hook(payment).catch((err: Error) => this.log.warn({ paymentId: payment.id, err: err.message }, 'after-move hook failed'));
  }

  /** Opens a checkout for the purpose, or returns the one it has. The provider is never called inside a transaction. */
  async begin(input: BeginInput): Promise<BeginResult> {
    const problem = beginProblem(input);
    if (problem) throw Invalid('problem.invalid', { detail: problem });
    let row = await this.db.transaction().execute(async (tx) => {
      // Two begins racing: the loser's insert waits for the winner, conflicts, and the next read sees the winner's row.
      for (let tries = 0; tries < 3; tries++) {
        const live = await store.livePayment(tx, input.purpose, input.purposeId);
        if (live) return live;
        const created = await store.insertPayment(tx, {
          clinic_id: input.clinicId,
          person_id: input.personId,
          purpose: input.purpose,
          purpose_id: input.purposeId,
          amount_ore: input.amountOre,
          currency: input.currency,
          provider: this.provider.name,
        });
        if (!created) continue;
        const startAfter = new Date(Date.now() + CHECK_FIRST_AFTER_SECONDS * 1000);
        await this.jobs.send<PaymentJobData>(CHECK_QUEUE, { paymentId: created.id }, { tx, startAfter, singletonKey: created.id });
        return created;
      }
      throw new Error(`no live payment for ${input.purpose} ${input.purposeId}, yet it could not be inserted`);
    });
    if (!row.redirect_url) row = await this.openCheckout(row, input);
    return { paymentId: row.id, redirectUrl: row.redirect_url!, status: row.status };
  }

  /**
   * Creates the checkout of a 'created' payment. The payment id is the idempotency key, so a racing begin, or a retry
   * after a crash before the reference was stored, gets the same checkout rather than a second reservation.
   */
  private async openCheckout(row: store.PaymentRow, input: BeginInput): Promise<store.PaymentRow> {
    let checkout: { providerRef: string; redirectUrl: string };
    try {
      checkout = await this.provider.createCheckout({
        paymentId: row.id,
        amountOre: row.amount_ore,
        currency: row.currency,
        description: input.description,
        returnUrl: returnUrl(this.publicUrl, input.returnPath, row.id),
        idempotencyKey: row.id,
        language: input.language,
      });
    } catch (err) {
      this.log.warn({ paymentId: row.id, provider: this.provider.name, err: (err as Error).message }, 'checkout could not be created');
      throw new DomainError('unavailable', 'problem.payment-unavailable');
    }
    const after = await this.db.transaction().execute(async (tx) => {
      const current = await store.lockPayment(tx, row.id);
      if (current?.status !== 'created') return current;
      const set = { provider_ref: checkout.providerRef, redirect_url: checkout.redirectUrl };
      await store.move(tx, current, 'pending', '', set);
      return { ...current, ...set, status: 'pending' as const };
    });
    if (!after?.redirect_url) throw Conflict('problem.payment-canceled');
    return after;
  }

  /**
   * Asks the provider what became of a pending checkout and records it. The move to authorized (or declined/canceled)
   * and the purpose's hook share one transaction under the row's lock, so the hook runs once however often this is called.
   */
  async confirm(paymentId: string): Promise<PaymentStatus> {
    const row = await store.payment(this.db, paymentId);
    if (!row) throw NotFound();
    if (row.status !== 'pending') return row.status;
    let seen: CheckoutStatus;
    try {
      seen = await this.provider.status(row.provider_ref!);
    } catch (err) {
      this.log.warn({ paymentId, provider: this.provider.name, err: (err as Error).message }, 'checkout status unavailable');
      throw new DomainError('unavailable', 'problem.payment-unavailable');
    }
    const next = afterCheckout(seen);
    if (!next) return 'pending';
    if (seen === 'captured' || seen === 'released') this.log.warn({ paymentId, seen }, 'checkout settled at the provider before it was confirmed here');
    // The hook locks the purpose's row after this one; a purpose's use case locking in the other order may deadlock
    // with it while the payment is pending, and the victim is simply run again.
    let moved: HookPayment | undefined;
    const status = await retryingTransaction(this.db, async (tx) => {
      moved = undefined;
      const current = await store.lockPayment(tx, paymentId);
      if (current?.status !== 'pending') return current!.status;
      // Without its hook the purpose would never hear of the move: leave the payment pending for a later confirm.
      const hook = (next === 'authorized' ? this.authorizedHooks : this.declinedHooks).get(current.purpose);
      if (!hook) throw new Error(`no ${next === 'authorized' ? 'onAuthorized' : 'onDeclined'} hook for purpose ${current.purpose}`);
      await store.move(tx, current, next, `provider: ${seen}`);
      moved = hookPayment(current, next);
      await hook(tx, moved);
      // The hook may have moved it on (a purpose that no longer wants the money releases it at once).
      return (await store.payment(tx, paymentId))!.status;
    });
    await this.committed(moved);
    return status;
  }

  /**
   * A webhook from the provider (already verified by it): the payment it names is looked at again, as when the payer
   * comes back. A repeat of the webhook, or one for a payment already moved on, changes nothing. False when no payment
   * of this provider has that reference (answered 200 all the same: the provider need not send it again).
   */
  async onWebhook(event: WebhookEvent): Promise<boolean> {
    const row = await store.paymentByProviderRef(this.db, this.provider.name, event.providerRef);
    this.log.info({ provider: this.provider.name, eventId: event.eventId, paymentId: row?.id ?? null }, 'payment webhook');
    if (!row) return false;
    await this.confirm(row.id);
    return true;
  }

  /** The provider's webhook reader, when it has webhooks. */
  get webhookReader(): PaymentProvider['webhook'] {
    return this.provider.webhook?.bind(this.provider);
  }

  /** The provider's name, as in the webhook's path. */
  get providerName(): string {
    return this.provider.name;
  }

  /** Inside the caller's transaction: asks for the reserved amount to be taken (the job does it). A repeat does nothing. */
  async requestCapture(tx: Tx, paymentId: string): Promise<void> {
    await settlement.requestCapture(this.settling, tx, paymentId);
  }

  /** Inside the caller's transaction: gives the reservation back, or cancels a checkout not yet paid. A repeat does nothing. */
  async requestRelease(tx: Tx, paymentId: string): Promise<void> {
    await settlement.requestRelease(this.settling, tx, paymentId);
  }

  /** Inside the caller's transaction: gives back part or all of a captured payment (the job does it at the provider). */
  async requestRefund(tx: Tx, r: { paymentId: string; amountOre: number; reason: string; byPersonId: string }): Promise<refunds.Refund> {
    return refunds.requestRefund(this.settling, tx, r);
  }

  async runRefund(data: refunds.RefundJobData, job: { retryCount: number }): Promise<void> {
    return refunds.runRefund(this.settling, data, job);
  }

  async get(paymentId: string): Promise<Payment | undefined> {
    const row = await store.payment(this.db, paymentId);
    return row && paymentView(row);
  }

  /** Every attempt for the purpose, newest first; at most one of them is live. */
  async forPurpose(purpose: string, purposeId: string): Promise<Payment[]> {
    return (await store.paymentsForPurpose(this.db, purpose, purposeId)).map(paymentView);
  }

  /**
   * The `payment.check` job: confirms without the browser (the payer paid and closed the tab). Still open after the
   * last retry, the checkout is abandoned: canceled here and at the provider, and the purpose told as for a decline.
   */
  async runCheck(data: PaymentJobData, job: { retryCount: number }): Promise<void> {
    const status = await this.confirm(data.paymentId);
    if (status !== 'pending' && status !== 'created') return;
    if (job.retryCount < CHECK_RETRIES) throw new Error(`payment ${data.paymentId} is still ${status}: checking again later`);
    const abandoned = await this.db.transaction().execute(async (tx) => {
      const row = await store.lockPayment(tx, data.paymentId);
      if (row?.status !== 'pending' && row?.status !== 'created') return undefined;
      const hook = this.declinedHooks.get(row.purpose);
      if (!hook) throw new Error(`no onDeclined hook for purpose ${row.purpose}`);
      await settlement.requestRelease(this.settling, tx, row.id, 'abandoned: the checkout was never completed');
      await hook(tx, hookPayment(row, 'canceled'));
      return hookPayment(row, 'canceled');
    });
    await this.committed(abandoned);
    this.log.info({ paymentId: data.paymentId }, 'checkout abandoned');
  }

  runCapture(data: PaymentJobData, job: { retryCount: number }): Promise<void> {
    return settlement.runCapture(this.settling, data, job);
  }

  runRelease(data: PaymentJobData, job: { retryCount: number }): Promise<void> {
    return settlement.runRelease(this.settling, data, job);
  }
}

export function createPayments(options: PaymentsOptions): PaymentService {
  return new PaymentService(options);
}
