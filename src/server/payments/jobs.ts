// The payment queues: checking a checkout the payer left, and capturing or releasing a reservation, each retried until done.
import type { JobQueue } from '../platform/jobs/queue.ts';
import type { RefundJobData } from './refunds.ts';
import type { PaymentService } from './service.ts';

export const CHECK_QUEUE = 'payment.check';
export const CAPTURE_QUEUE = 'payment.capture';
export const RELEASE_QUEUE = 'payment.release';
export const REFUND_QUEUE = 'payment.refund';

export interface PaymentJobData {
  paymentId: string;
}

/** The first check, a minute after the checkout opened. */
export const CHECK_FIRST_AFTER_SECONDS = 60;
/**
 * Retries of the check after the first: pg-boss doubles the delay (60 s base, with jitter), so the last one runs
 * some 30 to 60 minutes in. A checkout still open then is abandoned.
 */
export const CHECK_RETRIES = 6;
/** Capture and release keep trying for hours (30 s base, doubling) before the payment is marked failed. */
export const SETTLE_RETRIES = 9;
/**
 * Captures and releases worked at once per instance: each mostly waits on the provider, and a day's closed cases
 * (or a provider back after an outage) leave thousands queued. Exactly once does not depend on it: see settlement.ts.
 */
export const SETTLE_CONCURRENCY = 4;

/** Defines the payment queues on `jobs`; call before jobs.start() and before the service's first begin(). */
export function definePaymentJobs(jobs: JobQueue, payments: PaymentService): void {
  jobs.define<PaymentJobData>({
    name: CHECK_QUEUE,
    retryLimit: CHECK_RETRIES,
    retryDelaySeconds: CHECK_FIRST_AFTER_SECONDS,
    handler: (data, job) => payments.runCheck(data, job),
  });
  jobs.define<PaymentJobData>({
    name: CAPTURE_QUEUE,
    retryLimit: SETTLE_RETRIES,
    retryDelaySeconds: 30,
    concurrency: SETTLE_CONCURRENCY,
    handler: (data, job) => payments.runCapture(data, job),
  });
  jobs.define<PaymentJobData>({
    name: RELEASE_QUEUE,
    retryLimit: SETTLE_RETRIES,
    retryDelaySeconds: 30,
    concurrency: SETTLE_CONCURRENCY,
    handler: (data, job) => payments.runRelease(data, job),
  });
  jobs.define<RefundJobData>({
    name: REFUND_QUEUE,
    retryLimit: SETTLE_RETRIES,
    retryDelaySeconds: 30,
    handler: (data, job) => payments.runRefund(data, job),
  });
}
