// The development outbox over HTTP: what the outbox "sent", newest first, and no route at all when it is switched off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import pino from 'pino';
import { freshDatabase, type TestDatabase } from '../../../test/database.ts';
import { requireAccessRules } from '../platform/http/access.ts';
import { JobQueue } from '../platform/jobs/queue.ts';
import { Outbox } from './channels/outbox.ts';
import { notificationRoutes } from './routes.ts';
import { NotificationService } from './service.ts';

const log = pino({ level: 'silent' });
let t: TestDatabase;
let jobs: JobQueue;
let service: NotificationService;
const apps: FastifyInstance[] = [];

async function appWith(devOutbox: boolean): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  requireAccessRules(app);
  await app.register(notificationRoutes, { notifications: service, devOutbox });
  await app.ready();
  apps.push(app);
  return app;
}

beforeAll(async () => {
  t = await freshDatabase();
  jobs = new JobQueue(t.url, log, false);
  const outbox = new Outbox(log);
  service = new NotificationService({ db: t.db, jobs, channels: { sms: outbox.sms, email: outbox.email }, loginUrl: 'https://nettlege.test', log });
  service.defineJobs(jobs);
  await jobs.start();
});

afterAll(async () => {
  for (const app of apps) await app.close();
  await jobs?.stop();
  await t?.drop();
});

describe('GET /api/dev/outbox', () => {
  it('lists what the outbox sent, newest first, with its state', async () => {
    const first = await service.notify({ channel: 'sms', to: '+4791234567', template: 'contact-verified', language: 'nb', params: {} });
    const second = await service.notify({ channel: 'email', to: 'kari@example.no', template: 'appointment-booked', language: 'en', params: { startsAt: new Date('2026-03-12T13:30:00Z') } });
    await service.sendNow(first.id);

    const app = await appWith(true);
    const res = await app.inject({ method: 'GET', url: '/api/dev/outbox?limit=10' });
    expect(res.statusCode).toBe(200);
    const { messages } = res.json() as { messages: Array<Record<string, unknown>> };
    expect(messages.map((m) => m.id)).toEqual([second.id, first.id]);
    expect(messages[0]).toMatchObject({ channel: 'email', to: 'kari@example.no', subject: 'Your appointment is booked', state: 'queued', template: 'appointment-booked' });
    expect(messages[0]!.body).toContain('Thursday 12 March at 14:30');
    expect(messages[1]).toMatchObject({ channel: 'sms', subject: null, state: 'delivered', body: 'Nettlege: Mobilnummeret ditt er lagt inn. Logg inn på https://nettlege.test for å se mer.' });
    expect(new Date(messages[1]!.createdAt as string).getTime()).not.toBeNaN();
  });

  it('does not exist when the development outbox is off', async () => {
    const app = await appWith(false);
    const res = await app.inject({ method: 'GET', url: '/api/dev/outbox' });
    expect(res.statusCode).toBe(404);
  });
});
