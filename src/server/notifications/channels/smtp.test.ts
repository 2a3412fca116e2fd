// E-mail notifications through a real SMTP server on loopback: sent once, refused recipients fail, a dead server is retried.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { SMTPServer } from 'smtp-server';
import { freshDatabase, type TestDatabase } from '../../../../test/database.ts';
import { freePort } from '../../../../test/global-setup.ts';
import { JobQueue } from '../../platform/jobs/queue.ts';
import { NotificationService } from '../service.ts';
import { notificationRow } from '../test-support.ts';
import { Outbox } from './outbox.ts';
import { SmtpChannel } from './smtp.ts';

const log = pino({ level: 'silent' });
const FROM = 'Nettlege <ikke-svar@nettlege.test>';

interface Received {
  from: string | false | undefined;
  to: string[];
  raw: string;
}

let t: TestDatabase;
let jobs: JobQueue;
let server: SMTPServer;
let smtp: SmtpChannel;
let service: NotificationService;
const received: Received[] = [];

beforeAll(async () => {
  t = await freshDatabase();
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('nobody@')) {
        const err = new Error('No such user here') as Error & { responseCode: number };
        err.responseCode = 550;
        callback(err);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom && session.envelope.mailFrom.address,
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  smtp = new SmtpChannel({ url: `smtp://127.0.0.1:${port}`, from: FROM, log });
  jobs = new JobQueue(t.url, log, false);
  service = new NotificationService({ db: t.db, jobs, channels: { sms: new Outbox(log).sms, email: smtp }, loginUrl: 'https://nettlege.test', log });
  service.defineJobs(jobs);
  await jobs.start();
});

afterAll(async () => {
  await service?.stop();
  await jobs?.stop();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await t?.drop();
});

describe('e-mail over SMTP', () => {
  it('an e-mail notification whose job runs twice reaches the server once, with a Message-ID from the notification', async () => {
    const before = received.length;
    const { id } = await service.notify({ channel: 'email', to: 'kari@example.no', template: 'new-answer', language: 'nb', params: {} });
    await service.runSendJob({ notificationId: id }, { retryCount: 0 });
    await service.runSendJob({ notificationId: id }, { retryCount: 1 });

    expect(received.length - before).toBe(1);
    const mail = received.at(-1)!;
    expect(mail.from).toBe('ikke-svar@nettlege.test');
    expect(mail.to).toEqual(['kari@example.no']);
    expect(mail.raw).toContain(`Message-ID: <${id}@nettlege.test>`);
    expect(mail.raw).toContain('Subject: =?UTF-8?Q?Du_har_f=C3=A5tt_svar_i_Nettlege?=');
    expect(mail.raw).toContain('Du har f=C3=A5tt svar p=C3=A5 henvendelsen din i Nettlege.');
    expect(mail.raw).toContain('https://nettlege.test');

    const row = await notificationRow(t, id);
    expect(row.state).toBe('sent');
    expect(row.provider).toBe('smtp');
    expect(row.provider_message_id).toBe(`<${id}@nettlege.test>`);
  });

  it('an e-mail whose recipient the server rejects (550) ends as failed, and the job does not throw', async () => {
    const before = received.length;
    const { id } = await service.notify({ channel: 'email', to: 'nobody@example.no', template: 'new-message', language: 'en', params: {} });
    await expect(service.runSendJob({ notificationId: id }, { retryCount: 0 })).resolves.toBeUndefined();
    expect(received.length).toBe(before);
    const row = await notificationRow(t, id);
    expect(row.state).toBe('failed');
    expect(row.last_error).toMatch(/550/);
    expect(row.sent_at).toBeNull();
  });

  it('a server that cannot be reached is a transient failure: the e-mail stays queued', async () => {
    const down = new SmtpChannel({ url: `smtp://127.0.0.1:${await freePort()}`, from: FROM, log, timeoutMs: 2_000 });
    const svc = new NotificationService({ db: t.db, jobs, channels: { sms: new Outbox(log).sms, email: down }, loginUrl: 'https://nettlege.test', log });
    const { id } = await svc.notify({ channel: 'email', to: 'kari@example.no', template: 'contact-verified', language: 'sv', params: {} });
    await expect(svc.runSendJob({ notificationId: id }, { retryCount: 0 })).rejects.toThrow(/SMTP send failed/);
    expect((await notificationRow(t, id)).state).toBe('queued');
    await svc.stop();
  });
});
