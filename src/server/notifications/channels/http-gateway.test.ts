// SMS through a generic HTTP gateway (a real node:http server on loopback): 2xx is sent, 4xx failed, 5xx retried.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { freshDatabase, type TestDatabase } from '../../../../test/database.ts';
import { JobQueue } from '../../platform/jobs/queue.ts';
import { NotificationService } from '../service.ts';
import { notificationRow } from '../test-support.ts';
import { HttpGatewayChannel, gatewayTokenCheck, inboundFromGateway } from './http-gateway.ts';
import { Outbox } from './outbox.ts';

const log = pino({ level: 'silent' });

interface Request {
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
}

let t: TestDatabase;
let jobs: JobQueue;
let server: http.Server;
let service: NotificationService;
const requests: Request[] = [];
/** The gateway's next answers, first in first used; empty means 202 with an id. */
const answers: Array<{ status: number; body: unknown }> = [];

beforeAll(async () => {
  t = await freshDatabase();
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown> });
      const answer = answers.shift() ?? { status: 202, body: { id: `gw-${requests.length}` } };
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`;
  const gateway = new HttpGatewayChannel({ url, token: 'tok-123', sender: 'Nettlege', log });
  jobs = new JobQueue(t.url, log, false);
  service = new NotificationService({ db: t.db, jobs, channels: { sms: gateway, email: new Outbox(log).email }, loginUrl: 'https://nettlege.test', log });
  service.defineJobs(jobs);
  await jobs.start();
});

afterAll(async () => {
  await jobs?.stop();
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await t?.drop();
});

const notify = () => service.notify({ channel: 'sms', to: '+4791234567', template: 'new-message', language: 'nn', params: {} });

describe('the HTTP SMS gateway', () => {
  it('a 2xx answer marks the SMS sent with the gateway id; the request carries the token and the reference', async () => {
    const { id } = await notify();
    await service.runSendJob({ notificationId: id }, { retryCount: 0 });
    const request = requests.at(-1)!;
    expect(request.headers.authorization).toBe('Bearer tok-123');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.body).toEqual({
      to: '+4791234567',
      from: 'Nettlege',
      text: 'Nettlege: Du har fått ei ny melding. Logg inn på https://nettlege.test for å lese ho.',
      reference: id,
    });
    const row = await notificationRow(t, id);
    expect(row.state).toBe('sent');
    expect(row.provider).toBe('http-gateway');
    expect(row.provider_message_id).toBe(`gw-${requests.length}`);
  });

  it('a 400 answer fails the SMS for good, and the job does not throw', async () => {
    answers.push({ status: 400, body: { error: 'invalid destination' } });
    const { id } = await notify();
    await expect(service.runSendJob({ notificationId: id }, { retryCount: 0 })).resolves.toBeUndefined();
    const row = await notificationRow(t, id);
    expect(row.state).toBe('failed');
    expect(row.last_error).toBe('SMS gateway answered 400: invalid destination');
  });

  it('a 503 answer is transient: the SMS goes back to the queue, the job throws, and the retry sends it', async () => {
    answers.push({ status: 503, body: { error: 'maintenance' } });
    const before = requests.length;
    const { id } = await notify();
    await expect(service.runSendJob({ notificationId: id }, { retryCount: 0 })).rejects.toThrow(/503/);
    expect((await notificationRow(t, id)).state).toBe('queued');
    await service.runSendJob({ notificationId: id }, { retryCount: 1 });
    expect((await notificationRow(t, id)).state).toBe('sent');
    expect(requests.length - before).toBe(2);
  });

  it('a gateway that cannot be reached is transient', async () => {
    const nowhere = new HttpGatewayChannel({ url: 'http://127.0.0.1:1/sms', token: undefined, sender: 'Nettlege', log, timeoutMs: 2_000 });
    await expect(nowhere.send({ to: '+4791234567', text: 'x', reference: 'r' })).rejects.toMatchObject({ name: 'TransientChannelError' });
  });
});

describe('the inbound webhook\'s format', () => {
  it('takes only "Bearer <the token>", and nobody when no token is configured', () => {
    expect(gatewayTokenCheck('Bearer s3cret', 's3cret')).toBe('ok');
    expect(gatewayTokenCheck('bearer s3cret', 's3cret')).toBe('ok');
    expect(gatewayTokenCheck(undefined, 's3cret')).toBe('missing');
    expect(gatewayTokenCheck('Basic czNjcmV0', 's3cret')).toBe('missing');
    expect(gatewayTokenCheck('Bearer s3cre', 's3cret')).toBe('wrong');
    expect(gatewayTokenCheck('Bearer s3cret', undefined)).toBe('wrong');
  });

  it('reads a post as an inbound SMS, its id making a repeat recognisable', () => {
    const at = new Date('2026-11-23T12:00:00Z');
    expect(inboundFromGateway({ from: ' +4791000002 ', to: '2222', text: 'FJORDBYEN 270258 Ola Hansen', id: 'gw-1' }, at)).toEqual({
      provider: 'http-gateway',
      providerMessageId: 'gw-1',
      from: '+4791000002',
      to: '2222',
      text: 'FJORDBYEN 270258 Ola Hansen',
      receivedAt: at,
    });
    expect(inboundFromGateway({ from: '+4791000002', text: 'x' }, at).providerMessageId).toBeUndefined();
  });
});
