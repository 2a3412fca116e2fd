// The durable job queue (pg-boss on the same PostgreSQL): every "later" or "again" in the product runs from here.
import { PgBoss, fromKysely, type Job, type JobResult } from 'pg-boss';
import type { Logger } from 'pino';
import type { Tx } from '../db/database.ts';

export interface QueueDefinition<T extends object> {
  name: string;
  /** Retries after the first try (pg-boss counts retries, not tries). */
  retryLimit?: number;
  retryDelaySeconds?: number;
  expireInSeconds?: number;
  /** Jobs of this queue worked at once in this process (1 unless a queue's jobs are many and mostly waiting). */
  concurrency?: number;
  handler: (data: T, job: Job<T>) => Promise<void>;
}

export interface EnqueueOptions {
  /** Enqueue inside this transaction: a rolled-back use case leaves no job behind. */
  tx?: Tx;
  startAfter?: Date;
  singletonKey?: string;
}

/** Jobs fetched at once by one worker. */
const BATCH = 5;

export class JobQueue {
  private readonly boss: PgBoss;
  private readonly definitions = new Map<string, QueueDefinition<object>>();
  private readonly log: Logger;
  private readonly runWorkers: boolean;
  private started = false;

  /** `runWorkers` false: jobs are stored but not worked here (tests that drive the handler themselves). */
  constructor(connectionString: string, log: Logger, runWorkers = true) {
    this.log = log;
    this.runWorkers = runWorkers;
    this.boss = new PgBoss({ connectionString, max: 5, application_name: 'nettlege-jobs' });
    this.boss.on('error', (err: Error) => log.error({ err: err.message }, 'job queue error'));
  }

  define<T extends object>(def: QueueDefinition<T>): void {
    if (this.started) throw new Error(`queue ${def.name} defined after start`);
    this.definitions.set(def.name, def as unknown as QueueDefinition<object>);
  }

  async start(): Promise<void> {
    await this.boss.start();
    for (const def of this.definitions.values()) {
      await this.boss.createQueue(def.name, {
        retryLimit: def.retryLimit ?? 5,
        retryDelay: def.retryDelaySeconds ?? 10,
        retryBackoff: true,
        expireInSeconds: def.expireInSeconds ?? 120,
      });
      if (!this.runWorkers) continue;
      // Up to BATCH jobs per fetch, each settled on its own (one failing job is retried alone), and while fetches come
      // back full the worker fetches again at once: a backlog is worked at the handlers' speed, not one job per poll.
      await this.boss.work<object>(
        def.name,
        { pollingIntervalSeconds: 1, batchSize: BATCH, burstWhenBatchFull: true, perJobResults: true, localConcurrency: def.concurrency ?? 1 },
        async (jobs) => {
          const results: JobResult[] = [];
          for (const job of jobs) {
            try {
              await def.handler(job.data, job);
              results.push({ id: job.id, status: 'completed' });
            } catch (err) {
              this.log.warn({ queue: def.name, jobId: job.id, retry: job.retryCount, err: (err as Error).message }, 'job failed');
              results.push({ id: job.id, status: 'failed', output: { message: (err as Error).message } });
            }
          }
          return results;
        },
      );
    }
    this.started = true;
  }

  async send<T extends object>(name: string, data: T, opts: EnqueueOptions = {}): Promise<string | null> {
    if (!this.definitions.has(name)) throw new Error(`unknown queue ${name}`);
    return this.boss.send(name, data, {
      ...(opts.tx ? { db: fromKysely(opts.tx) } : {}),
      ...(opts.startAfter ? { startAfter: opts.startAfter } : {}),
      ...(opts.singletonKey ? { singletonKey: opts.singletonKey } : {}),
    });
  }

  /** Several jobs of one queue in one statement (inside `opts.tx` when given), each with its own start and singleton key. */
  async sendMany<T extends object>(name: string, jobs: Array<{ data: T; startAfter?: Date; singletonKey?: string }>, opts: { tx?: Tx } = {}): Promise<void> {
    if (!this.definitions.has(name)) throw new Error(`unknown queue ${name}`);
    if (jobs.length === 0) return;
    await this.boss.insert(
      name,
      jobs.map((j) => ({ data: j.data, ...(j.startAfter ? { startAfter: j.startAfter } : {}), ...(j.singletonKey ? { singletonKey: j.singletonKey } : {}) })),
      opts.tx ? { db: fromKysely(opts.tx) } : {},
    );
  }

  /** Finished and pending jobs of a queue, for tests and the operator's view. */
  async pending(name: string): Promise<number> {
    const q = await this.boss.getQueue(name);
    return q ? q.queuedCount + q.activeCount : 0;
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.boss.stop({ graceful: true, timeout: 10_000, close: true });
  }
}
