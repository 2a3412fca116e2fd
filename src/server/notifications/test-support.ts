// Helpers for the notification tests: reading rows and pg-boss jobs behind the service's back.
import type { Logger } from 'pino';
import { freshDatabase, type TestDatabase } from '../../../test/database.ts';
import { JobQueue } from '../platform/jobs/queue.ts';
import type { EmailChannel } from './channels/channel.ts';
import { SmppChannel } from './channels/smpp.ts';
import { startTestSmsc, type TestSmsc } from './channels/test-smsc.ts';
import { NotificationService } from './service.ts';

export async function notificationRow(t: TestDatabase, id: string) {
  return t.db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** Jobs pg-boss holds for a queue whose data contains `match`. */
export async function jobsFor(t: TestDatabase, queue: string, match: Record<string, string>): Promise<Array<{ data: Record<string, unknown> }>> {
  const r = await t.owner.query(`SELECT data FROM pgboss.job WHERE name = $1 AND data @> $2::jsonb`, [queue, JSON.stringify(match)]);
  return r.rows;
}

export interface SmsRig {
  t: TestDatabase;
  smsc: TestSmsc;
  sms: SmppChannel;
  jobs: JobQueue;
  service: NotificationService;
  /** Stops everything started, in reverse order. */
  stop(): Promise<void>;
}

/**
 * A fresh database, a test SMSC on loopback, the SMPP channel bound to it and the notification service sending through
 * it (e-mail to `email`), its jobs defined and started; with `runWorkers` false, jobs are run by the test.
 */
export async function startSmsRig(o: { runWorkers: boolean; log: Logger; loginUrl: string; email: EmailChannel }): Promise<SmsRig> {
  const t = await freshDatabase();
  const smsc = await startTestSmsc({ password: 'secret' });
  const sms = new SmppChannel({ url: smsc.url, systemId: 'nettlege', password: 'secret', sender: 'Nettlege', log: o.log, bindWaitMs: 2_000, reconnectMinMs: 50 });
  const jobs = new JobQueue(t.url, o.log, o.runWorkers);
  const service = new NotificationService({ db: t.db, jobs, channels: { sms, email: o.email }, loginUrl: o.loginUrl, log: o.log });
  service.defineJobs(jobs);
  await jobs.start();
  await service.start();
  return {
    t,
    smsc,
    sms,
    jobs,
    service,
    async stop() {
      await service.stop();
      await jobs.stop();
      await smsc.close();
      await t.drop();
    },
  };
}
