// What the service holds right now, read when Prometheus scrapes: job queues, notifications, e-consultations against
// their deadlines, the database pool and open WebSockets. One scrape reads the database once per source.
import type pg from 'pg';
import { Gauge, type Registry } from 'prom-client';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { JobQueue, QueueDepth } from '../jobs/queue.ts';
import { NEAR_DUE_MS } from '../../../shared/econsult/deadline.ts';
import { LIVE_STATUSES } from '../../econsult/domain.ts';

export interface StateSources {
  db: Db;
  pool: pg.Pool;
  jobs: JobQueue;
  /** Open WebSockets on this instance. */
  openSockets(): number;
}

/** One read shared by the gauges of one scrape (they are collected together). */
function perScrape<T>(read: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    pending ??= read().finally(() => setTimeout(() => (pending = undefined), 500).unref());
    return pending;
  };
}

export function registerStateMetrics(registry: Registry, s: StateSources): void {
  const registers = [registry];
  const depths = perScrape(() => s.jobs.depths());
  const queueGauge = (name: string, help: string, pick: (d: QueueDepth) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['queue'] as const,
      registers,
      async collect() {
        this.reset();
        for (const d of await depths()) this.set({ queue: d.queue }, pick(d));
      },
    });
  queueGauge('nettlege_jobs_ready', 'Jobs due and waiting for a worker, per queue', (d) => d.ready);
  queueGauge('nettlege_jobs_deferred', 'Jobs waiting for a later start (reminders, deadlines, retry back-off), per queue', (d) => d.deferred);
  queueGauge('nettlege_jobs_active', 'Jobs being worked, per queue', (d) => d.active);
  queueGauge('nettlege_jobs_oldest_ready_age_seconds', 'How long the oldest due job has waited, per queue', (d) => d.oldestReadySeconds);

  new Gauge({
    name: 'nettlege_notifications',
    help: 'Notifications by channel and state (queued, sending, sent, delivered, failed)',
    labelNames: ['channel', 'state'] as const,
    registers,
    async collect() {
      const rows = await s.db.selectFrom('notifications').select(['channel', 'state', sql<number>`count(*)::int`.as('n')]).groupBy(['channel', 'state']).execute();
      this.reset();
      for (const r of rows) this.set({ channel: r.channel, state: r.state }, r.n);
    },
  });

  new Gauge({
    name: 'nettlege_econsult_cases_open',
    help: 'Open e-consultations by how they stand against their deadline: in_time, near_due (within 2 h) or overdue',
    labelNames: ['urgency'] as const,
    registers,
    async collect() {
      const r = await s.db
        .selectFrom('econsult_cases')
        .select([
          sql<number>`count(*) FILTER (WHERE due_at <= now())::int`.as('overdue'),
          sql<number>`count(*) FILTER (WHERE due_at > now() AND due_at <= now() + make_interval(secs => ${NEAR_DUE_MS / 1000}))::int`.as('near'),
          sql<number>`count(*) FILTER (WHERE due_at > now() + make_interval(secs => ${NEAR_DUE_MS / 1000}))::int`.as('in_time'),
        ])
        .where('status', 'in', LIVE_STATUSES)
        .executeTakeFirstOrThrow();
      this.set({ urgency: 'overdue' }, r.overdue);
      this.set({ urgency: 'near_due' }, r.near);
      this.set({ urgency: 'in_time' }, r.in_time);
    },
  });

  new Gauge({
    name: 'nettlege_db_pool_connections',
    help: "The application's database pool on this instance: total, idle, and requests waiting for a connection",
    labelNames: ['state'] as const,
    registers,
    collect() {
      this.set({ state: 'total' }, s.pool.totalCount);
      this.set({ state: 'idle' }, s.pool.idleCount);
      this.set({ state: 'waiting' }, s.pool.waitingCount);
    },
  });

  new Gauge({
    name: 'nettlege_websockets_open',
    help: 'WebSockets open on this instance',
    registers,
    collect() {
      this.set(s.openSockets());
    },
  });
}
