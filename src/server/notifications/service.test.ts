// The notification service against the real database, pg-boss and a real SMPP server on loopback.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import type { TestDatabase } from '../../../test/database.ts';
import { freePort } from '../../../test/global-setup.ts';
import type { JobQueue } from '../platform/jobs/queue.ts';
import { SmppChannel } from './channels/smpp.ts';
import { Outbox } from './channels/outbox.ts';
import { startTestSmsc, type TestSmsc } from './channels/test-smsc.ts';
import { jobsFor as jobsOf, notificationRow, startSmsRig, type SmsRig } from './test-support.ts';
import { NotificationService, RECEIPT_QUEUE, SEND_QUEUE, SEND_TRIES, type NotifyRequest } from './service.ts';

const log = pino({ level: 'silent' });
const LOGIN = 'https://nettlege.test';

let rig: SmsRig;
let t: TestDatabase;
let jobs: JobQueue;
let smsc: TestSmsc;
let service: NotificationService;
const outbox = new Outbox(log);
let outboxService: NotificationService;

beforeAll(async () => {
  rig = await startSmsRig({ runWorkers: false, log, loginUrl: LOGIN, email: outbox.email });
  ({ t, jobs, smsc, service } = rig);
  outboxService = new NotificationService({ db: t.db, jobs, channels: { sms: outbox.sms, email: outbox.email }, loginUrl: LOGIN, log });
});

afterAll(async () => rig?.stop());

const newMessage = (over: Partial<NotifyRequest<'new-message'>> & { personId?: undefined } = {}): NotifyRequest<'new-message'> & { personId?: undefined } => ({
  channel: 'sms',
  to: '+4791234567',
  template: 'new-message',
  language: 'nb',
  params: {},
  ...over,
});

const row = (id: string) => notificationRow(t, id);

/** A service whose SMSC is down (nothing listens on its port) until the test calls `smscUp`; both stopped afterwards. */
async function withSmscDown(work: (svc: NotificationService, smscUp: () => Promise<TestSmsc>) => Promise<void>): Promise<void> {
  const port = await freePort();
  const down = new SmppChannel({ url: `smpp://127.0.0.1:${port}`, systemId: 'nettlege', password: 'x', sender: 'Nettlege', log, bindWaitMs: 300, reconnectMinMs: 50, reconnectMaxMs: 100 });
  const svc = new NotificationService({ db: t.db, jobs, channels: { sms: down, email: outbox.email }, loginUrl: LOGIN, log });
  await svc.start();
  let later: TestSmsc | undefined;
  try {
    await work(svc, async () => (later = await startTestSmsc({ port })));
  } finally {
    await svc.stop();
    await later?.close();
  }
}
const jobsFor = (queue: string, match: Record<string, string>) => jobsOf(t, queue, match);

describe('sending an SMS exactly once', () => {
  it('a notification job that runs twice sends one SMS, and the receipt marks it delivered', async () => {
    const before = smsc.submits.length;
    const { id } = await service.notify(newMessage());
    expect(await jobsFor(SEND_QUEUE, { notificationId: id })).toHaveLength(1);

    await service.runSendJob({ notificationId: id }, { retryCount: 0 });
    await service.runSendJob({ notificationId: id }, { retryCount: 1 });
    expect(smsc.submits.length - before).toBe(1);
    const sent = await row(id);
    expect(sent.state).toBe('sent');
    expect(sent.provider).toBe('smpp');
    expect(sent.attempts).toBe(1);
    expect(sent.provider_message_id).toMatch(/^smsc-\d+$/);

    const resp = await smsc.sendReceipt(sent.provider_message_id!, 'DELIVRD');
    expect(resp.command_status).toBe(0);
    const delivered = await row(id);
    expect(delivered.state).toBe('delivered');
    expect(delivered.delivered_at).toBeInstanceOf(Date);
  });

  it('two concurrent runs of the same job send one SMS', async () => {
    const before = smsc.submits.length;
    const { id } = await service.notify(newMessage());
    const results = await Promise.allSettled([
      service.sendNow(id),
      service.sendNow(id),
      service.sendNow(id),
    ]);
    const outcomes = results.map((r) => (r.status === 'fulfilled' ? r.value : 'threw'));
    expect(outcomes.filter((o) => o === 'sent')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'held' || o === 'done-before')).toHaveLength(2);
    expect(smsc.submits.length - before).toBe(1);
    expect((await row(id)).state).toBe('sent');
  });

  it('the SMS body is the rendered, content-free template', async () => {
    const before = smsc.submits.length;
    const { id } = await service.notify(newMessage({ language: 'en' }));
    await service.runSendJob({ notificationId: id }, { retryCount: 0 });
    const pdu = smsc.submits[before]!;
    const text = (pdu.message_payload ?? pdu.short_message) as { message: string };
    expect(text.message).toBe('Nettlege: You have a new message. Log in at https://nettlege.test to read it.');
    expect(pdu.destination_addr).toBe('4791234567');
    expect(pdu.registered_delivery).toBe(1);
  });
});

describe('consent', () => {
  it('a notice for someone who withdrew SMS consent is not queued; one queued before the withdrawal is not sent and not marked sent', async () => {
    const nid = '01017099999';
    const person = (await t.db.insertInto('persons').values({ national_id: nid, national_id_kind: 'synthetic', name: 'Samtykke Test', birth_date: '1970-01-01' }).returning('id').executeTakeFirstOrThrow()).id;
    const before = smsc.submits.length;
    const queued = await service.notify({ ...newMessage(), personId: person });
    expect(queued.id).not.toBeNull();
    await t.db.insertInto('consents').values({ person_id: person, kind: 'sms', given: false, text_version: 'v1', changed_at: new Date(), changed_by: person }).execute();
    await service.runSendJob({ notificationId: queued.id! }, { retryCount: 0 });
    expect(await row(queued.id!)).toMatchObject({ state: 'failed', last_error: 'consent withdrawn' });
    expect(smsc.submits.length).toBe(before);
    // After the withdrawal nothing is queued at all; e-mail, still allowed, is.
    expect(await service.notify({ ...newMessage(), personId: person })).toEqual({ id: null, created: false });
    const mail = await service.notify({ ...newMessage(), channel: 'email', to: 'samtykke@example.com', personId: person });
    expect(mail.id).not.toBeNull();
  });
});

describe('failures', () => {
  it('an SMS the SMSC rejects ends as failed, not sent', async () => {
    smsc.answers.push({ status: 0x0b /* ESME_RINVDSTADR */ });
    const { id } = await service.notify(newMessage());
    await expect(service.runSendJob({ notificationId: id }, { retryCount: 0 })).resolves.toBeUndefined();
    const failed = await row(id);
    expect(failed.state).toBe('failed');
    expect(failed.last_error).toMatch(/ESME_RINVDSTADR/);
    expect(failed.sent_at).toBeNull();
    expect(failed.failed_at).toBeInstanceOf(Date);
    // A later run of the job does not try again.
    const before = smsc.submits.length;
    await service.runSendJob({ notificationId: id }, { retryCount: 1 });
    expect(smsc.submits.length).toBe(before);
  });

  it('a throttled SMS goes back to the queue and the job throws; the retry sends it once', async () => {
    smsc.answers.push({ status: 0x58 /* ESME_RTHROTTLED */ });
    const before = smsc.submits.length;
    const { id } = await service.notify(newMessage());
    await expect(service.runSendJob({ notificationId: id }, { retryCount: 0 })).rejects.toThrow(/ESME_RTHROTTLED/);
    const queued = await row(id);
    expect(queued.state).toBe('queued');
    expect(queued.last_error).toMatch(/ESME_RTHROTTLED/);

    await service.runSendJob({ notificationId: id }, { retryCount: 1 });
    await service.runSendJob({ notificationId: id }, { retryCount: 2 });
    expect(smsc.submits.length - before).toBe(2); // the refused try and the one that went through
    expect((await row(id)).state).toBe('sent');
    expect((await row(id)).attempts).toBe(2);
  });

  it('a transient failure on the last try ends as failed', async () => {
    smsc.answers.push({ status: 0x14 /* ESME_RMSGQFUL */ });
    const { id } = await service.notify(newMessage());
    await expect(service.runSendJob({ notificationId: id }, { retryCount: SEND_TRIES - 1 })).resolves.toBeUndefined();
    expect((await row(id)).state).toBe('failed');
  });

  it('with the SMSC down the job throws and leaves the SMS queued; once it is up the retry sends it', async () => {
    await withSmscDown(async (svc, smscUp) => {
      const { id } = await svc.notify(newMessage());
      await expect(svc.runSendJob({ notificationId: id }, { retryCount: 0 })).rejects.toThrow(/not reachable/);
      expect((await row(id)).state).toBe('queued');

      const later = await smscUp();
      await svc.runSendJob({ notificationId: id }, { retryCount: 1 });
      await svc.runSendJob({ notificationId: id }, { retryCount: 2 });
      expect(later.submits).toHaveLength(1);
      expect((await row(id)).state).toBe('sent');
    });
  });
});

describe('a notice whose moment has passed', () => {
  it('a reminder still waiting when its appointment begins is dropped on the next try, not sent and not marked sent', async () => {
    await withSmscDown(async (svc, smscUp) => {
      const { id } = await svc.notify(newMessage({ validUntil: new Date(Date.now() + 1_500) }));
      await expect(svc.runSendJob({ notificationId: id }, { retryCount: 0 })).rejects.toThrow(/not reachable/);
      expect((await row(id)).state).toBe('queued');
      // The SMSC comes back after the moment has passed.
      await new Promise((r) => setTimeout(r, 1_600));
      const later = await smscUp();
      await svc.runSendJob({ notificationId: id }, { retryCount: 1 });
      expect(later.submits).toHaveLength(0);
      expect(await row(id)).toMatchObject({ state: 'failed', sent_at: null, last_error: expect.stringMatching(/^expired/) });
      // One still within its moment goes out as usual.
      const fresh = await svc.notify(newMessage({ validUntil: new Date(Date.now() + 60_000) }));
      await svc.runSendJob({ notificationId: fresh.id }, { retryCount: 0 });
      expect(later.submits).toHaveLength(1);
      expect((await row(fresh.id)).state).toBe('sent');
    });
  });
});

describe('delivery receipts', () => {
  it('a receipt that overtakes the send is kept and applied once the send is recorded', async () => {
    smsc.answers.push({ status: 0, receiptFirst: 'DELIVRD' });
    const { id } = await service.notify(newMessage());
    await service.runSendJob({ notificationId: id }, { retryCount: 0 });
    const sent = await row(id);
    expect(sent.state).toBe('sent');
    const waiting = await jobsFor(RECEIPT_QUEUE, { providerMessageId: sent.provider_message_id! });
    expect(waiting).toHaveLength(1);

    await service.runReceiptJob(waiting[0]!.data as never, { retryCount: 0 });
    expect((await row(id)).state).toBe('delivered');
  });

  it('an UNDELIV receipt marks the SMS failed with the reason', async () => {
    const { id } = await service.notify(newMessage());
    await service.runSendJob({ notificationId: id }, { retryCount: 0 });
    await smsc.sendReceipt((await row(id)).provider_message_id!, 'UNDELIV');
    const failed = await row(id);
    expect(failed.state).toBe('failed');
    expect(failed.last_error).toBe('UNDELIV err:000');
  });

  it('a receipt for a message nobody knows keeps being retried, then is dropped', async () => {
    const receipt = { provider: 'smpp', providerMessageId: 'nobody-knows', delivered: true };
    expect(await service.handleReceipt(receipt)).toBe('deferred');
    await expect(service.runReceiptJob(receipt, { retryCount: 0 })).rejects.toThrow(/no notification/);
    await expect(service.runReceiptJob(receipt, { retryCount: 4 })).resolves.toBeUndefined();
  });
});

describe('queueing', () => {
  it('notify with the same idempotency key twice makes one notification and one job', async () => {
    const first = await service.notify(newMessage({ idempotencyKey: 'answer:42' }));
    const second = await service.notify(newMessage({ idempotencyKey: 'answer:42' }));
    expect(first.created).toBe(true);
    expect(second).toEqual({ id: first.id, created: false });
    const rows = await t.db.selectFrom('notifications').select('id').where('idempotency_key', '=', 'answer:42').execute();
    expect(rows).toHaveLength(1);
    expect(await jobsFor(SEND_QUEUE, { notificationId: first.id })).toHaveLength(1);
  });

  it('notify inside a transaction that rolls back leaves neither a notification nor a job', async () => {
    let id = '';
    await expect(
      t.db.transaction().execute(async (tx) => {
        ({ id } = await service.notify(newMessage({ tx, idempotencyKey: 'rolled-back' })));
        expect(await jobsFor(SEND_QUEUE, { notificationId: id })).toHaveLength(0); // not visible outside yet
        throw new Error('the use case failed');
      }),
    ).rejects.toThrow('the use case failed');
    expect(id).not.toBe('');
    expect(await t.db.selectFrom('notifications').select('id').where('id', '=', id).executeTakeFirst()).toBeUndefined();
    expect(await jobsFor(SEND_QUEUE, { notificationId: id })).toHaveLength(0);
  });

  it('notify inside a transaction that commits leaves both', async () => {
    const { id } = await t.db.transaction().execute((tx) => service.notify(newMessage({ tx })));
    expect((await row(id)).state).toBe('queued');
    expect(await jobsFor(SEND_QUEUE, { notificationId: id })).toHaveLength(1);
  });

  it('refuses an SMS address that is not E.164 and a template parameter outside its allow-list', async () => {
    await expect(service.notify(newMessage({ to: '91234567' }))).rejects.toMatchObject({ kind: 'invalid', messageKey: 'problem.invalid-phone' });
    await expect(service.notify({ ...newMessage(), channel: 'email', to: 'not-an-address' })).rejects.toMatchObject({ messageKey: 'problem.invalid-email' });
    await expect(service.notify(newMessage({ params: { name: 'Kari' } as never }))).rejects.toThrow(/does not take name/);
  });
});

describe('the development outbox', () => {
  it('keeps what it "sends" as delivered and lists it newest first', async () => {
    const a = await outboxService.notify(newMessage());
    const b = await outboxService.notify({ channel: 'email', to: 'kari@example.no', template: 'new-answer', language: 'sv', params: {} });
    expect(await outboxService.sendNow(a.id)).toBe('delivered');
    expect(await outboxService.sendNow(b.id)).toBe('delivered');
    expect(outbox.sent.map((m) => m.reference)).toEqual([a.id, b.id]);

    const listed = await outboxService.outbox(10);
    expect(listed.map((m) => m.id).slice(0, 2)).toEqual([b.id, a.id]);
    expect(listed[0]).toMatchObject({ channel: 'email', to: 'kari@example.no', subject: 'Du har fått svar i Nettlege', state: 'delivered', template: 'new-answer' });
    expect(listed.every((m) => m.id !== undefined && m.createdAt instanceof Date)).toBe(true);
  });
});
