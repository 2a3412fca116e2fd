// Starts the whole product in one process: database (embedded or external), migrations, demo data, jobs, HTTP.
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './platform/db/embedded.ts';
import { migrateToLatest } from './platform/db/migrate.ts';
import { appRoleAvailable, openDatabase } from './platform/db/database.ts';
import { JobQueue } from './platform/jobs/queue.ts';
import { inProcessBus, redisBus } from './platform/events/bus.ts';
import { createDevIdp } from './identity/devidp/provider.ts';
import { NotificationService } from './notifications/service.ts';
import { channelsFromConfig } from './notifications/channels/index.ts';
import { seedDemo } from './demo/seed.ts';
import { defineReminderJobs } from './booking/reminders.ts';
import { patientJoinUrl } from './video/notice-link.ts';
import { videoLinkSecret } from './video/config.ts';
import { receiveSms } from './sms-booking/service.ts';
import { localDate } from '../shared/time.ts';
import { buildApp } from './app.ts';
import { startTracing } from './platform/tracing.ts';
import { createFileStore } from './files/store.ts';
import { createPaymentProvider } from './payments/providers.ts';
import { createPayments } from './payments/service.ts';
import { definePaymentJobs } from './payments/jobs.ts';
import { defineEconsultJobs } from './econsult/jobs.ts';
import { defineStatsJobs, scheduleStatsRollup } from './stats/rollup.ts';
import { defineGpJobs } from './gp/routes.ts';
import type { GpDeps } from './gp/service.ts';
import { defineExportJobs } from './export/routes.ts';
import { registerAppointmentPaymentHooks, registerRefundNotice } from './money/appointment-payments.ts';
import { registerPaymentHooks } from './econsult/patient.ts';
import type { EconsultDeps } from './econsult/deps.ts';

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  databaseUrl: string;
  /** The running use cases' dependencies, for jobs a test or a benchmark runs now rather than when they fall due. */
  services: { econsult: EconsultDeps; gp: GpDeps };
  close(): Promise<void>;
}

export interface StartOptions {
  /** Routes a benchmark adds (registered like every route, behind the same hooks); never set by main.ts. */
  extraRoutes?: FastifyPluginAsync;
}

export async function startServer(config: Config, log: Logger, opts: StartOptions = {}): Promise<RunningServer> {
  const started = Date.now();
  let embedded: EmbeddedDatabase | undefined;
  const cleanups: Array<() => Promise<void>> = [];
  try {
    // Traces are sent last at shutdown, after everything that makes them has stopped.
    if (config.tracing) cleanups.unshift(startTracing(config.tracing));
    if (!config.databaseUrl) {
      embedded = await startEmbeddedPostgres(config.dataDir, config.embeddedPgPort, log);
      cleanups.unshift(() => embedded!.stop());
    }
    const databaseUrl = config.databaseUrl ?? embedded!.url;
    const applied = await migrateToLatest(databaseUrl);
    if (applied.length) log.info({ migrations: applied }, 'migrations applied');

    const { db, pool } = openDatabase(databaseUrl, log, { useAppRole: await appRoleAvailable(databaseUrl) });
    cleanups.unshift(() => db.destroy());
    if (config.seedDemo) await seedDemo(db, localDate(new Date()));

    const bus = config.redisUrl ? redisBus(config.redisUrl, config.redisPrefix, log) : inProcessBus();
    cleanups.unshift(() => bus.close());

    const jobs = new JobQueue(databaseUrl, log);
    const notifications = new NotificationService({ db, jobs, channels: channelsFromConfig(config, log), loginUrl: config.publicUrl, log });
    notifications.defineJobs(jobs);
    // SMS from phones (SMPP deliver_sm) become booking requests; wired before the session binds, so none is dropped.
    notifications.onInboundSms((sms) => receiveSms({ db, notifications, log: log.child({ capability: 'sms-booking' }) }, sms).then(() => undefined));
    const videoJoinUrl = patientJoinUrl(config.publicUrl, videoLinkSecret(config.video));
    defineReminderJobs({ db, jobs, bus, notifications, log, videoJoinUrl });
    const files = createFileStore(config.files, log);
    const payments = createPayments({ db, jobs, log, provider: createPaymentProvider(config.payments, { db, publicUrl: config.publicUrl }), publicUrl: config.publicUrl });
    definePaymentJobs(jobs, payments);
    const econsult: EconsultDeps = { db, jobs, bus, notifications, payments, files, log: log.child({ capability: 'econsult' }) };
    registerPaymentHooks(econsult);
    registerAppointmentPaymentHooks(payments);
    registerRefundNotice(payments, notifications);
    defineEconsultJobs(econsult);
    defineStatsJobs(jobs, { db, log: log.child({ capability: 'stats' }) });
    const gp: GpDeps = { db, jobs, bus, notifications, log: log.child({ capability: 'gp' }) };
    defineGpJobs(gp);
    defineExportJobs({ db, jobs, files, log: log.child({ capability: 'export' }) });
    await jobs.start();
    await scheduleStatsRollup(jobs);
    cleanups.unshift(() => jobs.stop());
    await notifications.start();
    cleanups.unshift(() => notifications.stop());

    const idp = config.devIdpEnabled ? createDevIdp(config.publicUrl, config.devIdpSecret) : undefined;
    if (idp) log.warn({ issuer: idp.issuer }, 'the bundled TEST identity provider is on: not for real patients');
    const { app, close } = await buildApp({ config, log, db, jobs, bus, notifications, payments, files }, idp, pool, opts.extraRoutes);
    cleanups.unshift(close);
    await app.listen({ host: config.host, port: config.port });
    log.info({ url: config.publicUrl, startupMs: Date.now() - started, embeddedDatabase: Boolean(embedded) }, 'Nettlege is ready');

    let closing: Promise<void> | undefined;
    return {
      app,
      url: config.publicUrl,
      databaseUrl,
      services: { econsult, gp },
      close() {
        closing ??= (async () => {
          // In-flight requests finish first; then jobs stop; the database goes last.
          await app.close();
          for (const c of cleanups) await c().catch((err: Error) => log.warn({ err: err.message }, 'shutdown step failed'));
        })();
        return closing;
      },
    };
  } catch (err) {
    for (const c of cleanups) await c().catch(() => undefined);
    throw err;
  }
}
