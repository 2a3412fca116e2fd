// Notification use cases: queue a content-free SMS or e-mail with its job, send it exactly once, record delivery receipts, pass on inbound SMS.
import { randomUUID } from 'node:crypto';
import type { CompiledQuery } from 'kysely';
import type { Logger } from 'pino';
import type { Db, Tx } from '../platform/db/database.ts';
import { checkedAddress } from './address.ts';
import type { NotificationState } from '../platform/db/schema.ts';
import type { Language } from '../platform/http/messages.ts';
import type { JobQueue } from '../platform/jobs/queue.ts';
import { isPermanent, maskAddress, type DeliveryReceipt, type EmailChannel, type InboundListener, type SendResult, type SmsChannel } from './channels/channel.ts';
import type { Channels } from './channels/index.ts';
import * as store from './store.ts';
import { renderNotification, type RenderParams, type TemplateName, type TemplateParams } from './templates.ts';

export const SEND_QUEUE = 'notification.send';
export const RECEIPT_QUEUE = 'notification.receipt';
/**
 * Tries of a send job, the first included: 5–10 s after the first, doubling to at most a minute apart, for about a day.
 * A counterpart back after a long outage gets what waited within a minute; past a day a notice is failed, not sent.
 */
export const SEND_TRIES = 24 * 60;
/** The longest wait between two tries of a send while a counterpart is away. */
export const SEND_RETRY_DELAY_MAX_SECONDS = 60;
const RECEIPT_TRIES = 5;
/**
 * Notices sent at once per instance. A send mostly waits on the SMSC or the mail server, so one at a time sent a burst
 * (the morning's reminders, a busy hour's confirmations) no faster than one round trip to them each. Within the
 * outstanding-submit window SMSCs commonly allow (about 10).
 */
export const SEND_CONCURRENCY = 8;
/**
 * How long a claim ('sending') is honoured. Longer than any one attempt can take (bind wait + submit timeout + the
 * database), shorter than the retries' spread, so an attempt that died holding a claim is taken over by a later retry.
 */
export const LEASE_SECONDS = 120;

export interface NotifyRequest<T extends TemplateName = TemplateName> {
  personId?: string | null;
  channel: 'sms' | 'email';
  /** E.164 (+4791234567) for SMS, an e-mail address for e-mail. */
  to: string;
  template: T;
  language: Language;
  /** The template's own parameters; `url` (the login address) defaults to the service's loginUrl. */
  params: TemplateParams[T] & { url?: string };
  /** A repeat with the same key returns the first notification and sends nothing more. */
  idempotencyKey?: string;
  /** The use case's transaction: the notification and its job commit or roll back with it. */
  tx?: Tx;
  /** Not sent after this moment (a reminder, once the appointment has begun): a late retry drops it. */
  validUntil?: Date;
}

export interface SendJobData {
  notificationId: string;
}

/** What one send attempt did. 'held': another attempt holds a live claim; 'done-before': already sent or failed. */
export type SendOutcome = 'sent' | 'delivered' | 'failed' | 'done-before' | 'held';

export interface OutboxMessage {
  id: string;
  channel: 'sms' | 'email';
  to: string;
  subject: string | null;
  body: string;
  state: NotificationState;
  template: string;
  createdAt: Date;
}

export interface NotificationServiceOptions {
  db: Db;
  jobs: JobQueue;
  channels: Channels;
  /** The address texts point to when the caller gives none, e.g. config.publicUrl. */
  loginUrl?: string;
  log: Logger;
}

export class NotificationService {
  private readonly db: Db;
  private readonly jobs: JobQueue;
  private readonly sms: SmsChannel;
  private readonly email: EmailChannel;
  private readonly loginUrl: string | undefined;
  private readonly log: Logger;

  constructor(options: NotificationServiceOptions) {
    this.db = options.db;
    this.jobs = options.jobs;
    this.sms = options.channels.sms;
    this.email = options.channels.email;
    this.loginUrl = options.loginUrl;
    this.log = options.log.child({ capability: 'notifications' });
    const record = (receipt: DeliveryReceipt) => this.handleReceipt(receipt).then(() => undefined);
    this.sms.onReceipt?.(record);
    if (this.email !== this.sms) this.email.onReceipt?.(record);
  }

  /** Queues a notice; none (id null) when the person it is for has withdrawn consent to this channel. */
  async notify<T extends TemplateName>(req: NotifyRequest<T> & { personId?: null | undefined }): Promise<{ id: string; created: boolean }>;
  async notify<T extends TemplateName>(req: NotifyRequest<T>): Promise<{ id: string | null; created: boolean }>;
  async notify<T extends TemplateName>(req: NotifyRequest<T>): Promise<{ id: string | null; created: boolean }> {
    const row = this.rowOf(req);
    const run = async (tx: Tx) => {
      const id = await store.insertNotification(tx, row);
      if (id === undefined) {
        // Not inserted: its key was used before (that notice stands), or the person has withdrawn consent to this channel.
        const existing = req.idempotencyKey ? await store.idForKey(tx, req.idempotencyKey) : undefined;
        if (existing) return { id: existing, created: false };
        if (req.personId) return { id: null, created: false };
        throw new Error('notification idempotency key conflicted but no row was found');
      }
      await this.jobs.send<SendJobData>(SEND_QUEUE, { notificationId: id }, { tx });
      return { id, created: true };
    };
    return req.tx ? run(req.tx) : this.db.transaction().execute(run);
  }

  /**
   * The two statements that queue a new notice (the row, with its id chosen here, and its send job), for a caller that
   * runs them in its own transaction (a pipeline). For a notice not queued before (a new key) to a person whose consent
   * to the channel the caller knows is not withdrawn: if it is withdrawn meanwhile, no row is written and the job finds none.
   */
  async newNoticeStatements<T extends TemplateName>(req: Omit<NotifyRequest<T>, 'tx'>): Promise<CompiledQuery[]> {
    const id = randomUUID();
    return [store.insertNotificationSql({ ...this.rowOf(req), id }).compile(this.db), await this.jobs.sendStatement<SendJobData>(SEND_QUEUE, [{ data: { notificationId: id } }])];
  }

  private rowOf<T extends TemplateName>(req: Omit<NotifyRequest<T>, 'tx'>): store.NewNotification {
    const address = checkedAddress(req.channel, req.to);
    const url = req.params.url ?? this.loginUrl;
    if (!url) throw new Error('a notification needs the login url: pass params.url or give the service a loginUrl');
    const rendered = renderNotification(req.template, req.language, { ...req.params, url } as RenderParams<T>);
    return {
      idempotency_key: req.idempotencyKey ?? null,
      person_id: req.personId ?? null,
      channel: req.channel,
      address,
      template: req.template,
      language: req.language,
      subject: req.channel === 'email' ? rendered.subject : null,
      body: req.channel === 'sms' ? rendered.sms : rendered.email,
      provider: this.channelFor(req.channel).name,
      valid_until: req.validUntil ?? null,
    };
  }

  /** Defines the send and receipt queues; call before jobs.start(). `jobs`, when given, must be the queue the service was built with. */
  defineJobs(jobs: JobQueue = this.jobs): void {
    if (jobs !== this.jobs) throw new Error('defineJobs: pass the JobQueue the NotificationService was constructed with');
    this.jobs.define<SendJobData>({
      name: SEND_QUEUE,
      retryLimit: SEND_TRIES,
      retryDelaySeconds: 5,
      retryDelayMaxSeconds: SEND_RETRY_DELAY_MAX_SECONDS,
      expireInSeconds: LEASE_SECONDS,
      concurrency: SEND_CONCURRENCY,
      handler: (data, job) => this.runSendJob(data, job),
    });
    this.jobs.define<DeliveryReceipt>({
      name: RECEIPT_QUEUE,
      retryLimit: RECEIPT_TRIES,
      retryDelaySeconds: 5,
      handler: (data, job) => this.runReceiptJob(data, job),
    });
  }

  /** The `notification.send` job: pg-boss's retryCount is 0 on the first try. */
  async runSendJob(data: SendJobData, job: { retryCount: number }): Promise<void> {
    const finalAttempt = job.retryCount + 1 >= SEND_TRIES;
    const outcome = await this.sendNow(data.notificationId, { finalAttempt });
    if (outcome === 'held') {
      if (!finalAttempt) throw new Error('another attempt is sending this notification: checking again later');
      this.log.warn({ notificationId: data.notificationId }, 'last send attempt found the notification still being sent');
    }
  }

  /**
   * Sends one notification at most once per claim. The claim (a conditional UPDATE) is what makes a repeated or
   * concurrent job harmless: only one attempt gets the row, the others see it sending or sent and stop.
   *
   * The one window left: the channel accepted the message and the process died (or lost the database) before
   * recording it. The row then stays 'sending'; once its lease (LEASE_SECONDS) has run out, a retry of the job
   * claims it again and sends a second copy. A duplicate "you have a new message" beats a lost one; the message
   * carries the notification id as its reference (Message-ID for e-mail), so providers that deduplicate can drop it.
   */
  async sendNow(notificationId: string, opts: { finalAttempt?: boolean } = {}): Promise<SendOutcome> {
    const claimed = await store.claim(this.db, notificationId, LEASE_SECONDS);
    if (!claimed) {
      const state = await store.stateOf(this.db, notificationId);
      if (state === undefined) this.log.warn({ notificationId }, 'send job for a notification that does not exist');
      return state === 'sending' || state === 'queued' ? 'held' : 'done-before';
    }
    const channel = this.channelFor(claimed.channel);
    const log = this.log.child({ notificationId, channel: claimed.channel, provider: channel.name, attempt: claimed.attempts });
    // Consent withdrawn after the notice was queued: it is not sent, and is not marked as if it were.
    if (claimed.consent_withdrawn) {
      await store.markFailed(this.db, claimed.id, claimed.attempts, 'consent withdrawn');
      log.info('notice not sent: consent withdrawn');
      return 'failed';
    }
    // Its moment has passed while the counterpart was away (a reminder of an appointment that has begun).
    if (claimed.valid_until && claimed.valid_until.getTime() <= Date.now()) {
      await store.markFailed(this.db, claimed.id, claimed.attempts, 'expired: its moment passed before it could be sent');
      log.info('notice not sent: its moment has passed');
      return 'failed';
    }
    let result: SendResult;
    try {
      result =
        claimed.channel === 'sms'
          ? await this.sms.send({ to: claimed.address, text: claimed.body, reference: claimed.id })
          : await this.email.send({ to: claimed.address, subject: claimed.subject ?? '', text: claimed.body, reference: claimed.id });
    } catch (err) {
      const message = (err as Error).message;
      if (isPermanent(err) || opts.finalAttempt) {
        await store.markFailed(this.db, claimed.id, claimed.attempts, message);
        log.warn({ to: maskAddress(claimed.address), err: message, permanent: isPermanent(err) }, 'notification failed');
        return 'failed';
      }
      await store.release(this.db, claimed.id, claimed.attempts, message);
      log.info({ err: message }, 'notification not sent yet: will retry');
      throw err;
    }
    await this.recordSent(claimed.id, channel.name, result, log);
    return result.delivered ? 'delivered' : 'sent';
  }

  /** Applies a delivery receipt; one that overtook its own send is kept as a job and applied when the send is recorded. */
  async handleReceipt(receipt: DeliveryReceipt): Promise<'applied' | 'already-final' | 'deferred'> {
    const outcome = await store.applyReceipt(this.db, receipt);
    if (outcome !== 'unknown') return outcome;
    await this.jobs.send<DeliveryReceipt>(RECEIPT_QUEUE, receipt, { startAfter: new Date(Date.now() + 2_000) });
    return 'deferred';
  }

  /** The `notification.receipt` job: a receipt that arrived before its message's provider id was stored. */
  async runReceiptJob(receipt: DeliveryReceipt, job: { retryCount: number }): Promise<void> {
    const outcome = await store.applyReceipt(this.db, receipt);
    if (outcome !== 'unknown') return;
    if (job.retryCount + 1 < RECEIPT_TRIES) throw new Error('no notification with this provider message id yet');
    this.log.warn({ provider: receipt.provider }, 'delivery receipt for an unknown message dropped');
  }

  /**
   * Hands SMS that phones send to the service's number to `listener` (SMS booking). Only channels with their own
   * inbound connection (SMPP) call it; an HTTP gateway posts to a webhook instead. Register before start().
   */
  onInboundSms(listener: InboundListener): void {
    this.sms.onInbound?.(listener);
  }

  /** The newest notifications kept by the development outbox, newest first. */
  async outbox(limit = 50): Promise<OutboxMessage[]> {
    const rows = await store.newestForProvider(this.db, 'outbox', Math.max(1, Math.min(limit, 200)));
    return rows.map((r) => ({ id: r.id, channel: r.channel, to: r.address, subject: r.subject, body: r.body, state: r.state, template: r.template, createdAt: r.created_at }));
  }

  async start(): Promise<void> {
    await this.sms.start?.();
    if (this.email !== this.sms) await this.email.start?.();
  }

  async stop(): Promise<void> {
    await this.sms.stop?.();
    if (this.email !== this.sms) await this.email.stop?.();
  }

  private channelFor(channel: 'sms' | 'email'): SmsChannel | EmailChannel {
    return channel === 'sms' ? this.sms : this.email;
  }

  /** The message is out: retry the bookkeeping briefly rather than let a database hiccup cause a second send. */
  private async recordSent(id: string, provider: string, result: SendResult, log: Logger): Promise<void> {
    const sent: { provider: string; providerMessageId: string | null; delivered: boolean } = {
      provider,
      providerMessageId: result.providerMessageId,
      delivered: result.delivered === true,
    };
    for (let attempt = 1; ; attempt++) {
      try {
        const updated = await store.markSent(this.db, id, sent);
        log.info({ updated, delivered: sent.delivered }, 'notification sent');
        return;
      } catch (err) {
        if ((err as { code?: string }).code === '23505' && sent.providerMessageId !== null) {
          // The provider reused a message id: keep the message as sent, without receipt matching.
          log.warn('provider message id already recorded for another notification');
          sent.providerMessageId = null;
          continue;
        }
        if (attempt >= 3) throw err;
        await new Promise((r) => setTimeout(r, 500 * attempt));
      }
    }
  }
}
