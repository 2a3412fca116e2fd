// The durable job queue (pg-boss on the same PostgreSQL): every "later" or "again" in the product runs from here.
import { CompiledQuery } from 'kysely';
import { PgBoss, fromKysely, type Job, type JobResult } from 'pg-boss';
import type { Logger } from 'pino';
import type { Tx } from '../db/database.ts';
import { currentCorrelationId, withCorrelation } from '../correlation.ts';
import { currentTraceCarrier, inJobSpan } from '../tracing.ts';

export interface QueueDefinition<T extends object> {
  name: string;
  /** Retries after the first try (pg-boss counts retries, not tries). */
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** The back-off's ceiling: retries of a long failure stay this far apart at most (default: no ceiling). */
  retryDelayMaxSeconds?: number;
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

/** Where a job keeps the correlation id and the trace context of the request or job that enqueued it. */
const CORRELATION = '_correlationId';
const TRACE = '_trace';

/** The job's data with the current correlation id (and trace), so what the job does logs under the id of its cause. */
function tagged<T extends object>(data: T): T {
  const id = currentCorrelationId();
  const trace = currentTraceCarrier();
  return { ...data, ...(id ? { [CORRELATION]: id } : {}), ...(Object.keys(trace).length ? { [TRACE]: trace } : {}) };
}

function untagged(data: object): { data: object; correlationId: string | undefined; trace: Record<string, string> | undefined } {
  const { [CORRELATION]: correlationId, [TRACE]: trace, ...rest } = data as Record<string, unknown>;
  return { data: rest, correlationId: typeof correlationId === 'string' ? correlationId : undefined, trace: trace && typeof trace === 'object' ? (trace as Record<string, string>) : undefined };
}

/** What waits in each queue, for the operator's metrics. */
export interface QueueDepth {
  queue: string;
  /** Due now and not taken yet (ready, or waiting for a retry that has come due). */
  ready: number;
  /** Waiting for a later start (a reminder, a deadline, a retry's back-off). */
  deferred: number;
  active: number;
  /** Seconds the longest-waiting due job has waited since it came due; 0 when none waits. */
  oldestReadySeconds: number;
}

export interface NewJob<T extends object> {
  data: T;
  startAfter?: Date;
  singletonKey?: string;
}

const payload = <T extends object>(j: NewJob<T>) => ({ data: tagged(j.data), ...(j.startAfter ? { startAfter: j.startAfter } : {}), ...(j.singletonKey ? { singletonKey: j.singletonKey } : {}) });

/** Jobs fetched at once by one worker. */
const BATCH = 5;

/** A counter of `n` permits: `await take()` waits for one and returns the function that gives it back. */
function permits(n: number): () => Promise<() => void> {
  let free = n;
  const waiting: Array<() => void> = [];
  const give = () => {
    const next = waiting.shift();
    if (next) next();
    else free++;
  };
  return async () => {
    if (free > 0) free--;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    return give;
  };
}

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
      const options = { retryLimit: def.retryLimit ?? 5, retryDelay: def.retryDelaySeconds ?? 10, retryBackoff: true, expireInSeconds: def.expireInSeconds ?? 120 };
      const cap = def.retryDelayMaxSeconds;
      await this.boss.createQueue(def.name, cap === undefined ? options : { ...options, retryDelayMax: cap });
      // createQueue leaves an existing queue as it was: the update brings a changed definition to a database that has the queue.
      await this.boss.updateQueue(def.name, { ...options, retryDelayMax: cap ?? null });
      if (!this.runWorkers) continue;
      // Up to BATCH jobs per fetch, each settled on its own (one failing job is retried alone), and while fetches come
      // back full the worker fetches again at once: a backlog is worked at the handlers' speed, not one job per poll.
      // At most `concurrency` jobs run at once (a batch's jobs too). Only as many workers fetch as that needs, and one
      // more so that a batch is at hand when one ends: fetched jobs do not wait long for their turn (their lease runs).
      const concurrency = def.concurrency ?? 1;
      const turn = permits(concurrency);
      const work = async (job: Job<object>): Promise<JobResult> => {
        const done = await turn();
        try {
          const { data, correlationId, trace } = untagged(job.data);
          const id = correlationId ?? job.id;
          await withCorrelation(id, () => inJobSpan(def.name, trace, id, () => def.handler(data, { ...job, data })));
          return { id: job.id, status: 'completed' };
        } catch (err) {
          this.log.warn({ queue: def.name, jobId: job.id, retry: job.retryCount, err: (err as Error).message }, 'job failed');
          return { id: job.id, status: 'failed', output: { message: (err as Error).message } };
        } finally {
          done();
        }
      };
      await this.boss.work<object>(
        def.name,
        { pollingIntervalSeconds: 1, batchSize: BATCH, burstWhenBatchFull: true, perJobResults: true, localConcurrency: concurrency > 1 ? Math.ceil(concurrency / BATCH) + 1 : 1 },
        async (jobs) => Promise.all(jobs.map(work)),
      );
    }
    this.started = true;
  }

  async send<T extends object>(name: string, data: T, opts: EnqueueOptions = {}): Promise<string | null> {
    if (!this.definitions.has(name)) throw new Error(`unknown queue ${name}`);
    return this.boss.send(name, tagged(data), {
      ...(opts.tx ? { db: fromKysely(opts.tx) } : {}),
      ...(opts.startAfter ? { startAfter: opts.startAfter } : {}),
      ...(opts.singletonKey ? { singletonKey: opts.singletonKey } : {}),
    });
  }

  /** Several jobs of one queue in one statement (inside `opts.tx` when given), each with its own start and singleton key. */
  async sendMany<T extends object>(name: string, jobs: Array<NewJob<T>>, opts: { tx?: Tx } = {}): Promise<void> {
    if (!this.definitions.has(name)) throw new Error(`unknown queue ${name}`);
    if (jobs.length === 0) return;
    await this.boss.insert(name, jobs.map(payload), opts.tx ? { db: fromKysely(opts.tx) } : {});
  }

  /**
   * The one statement that sendMany would run, for the caller to run in its own transaction (a pipeline of statements
   * sent in one round trip). pg-boss writes it; it is only kept here, not run.
   */
  async sendStatement<T extends object>(name: string, jobs: Array<NewJob<T>>): Promise<CompiledQuery> {
    if (!this.definitions.has(name)) throw new Error(`unknown queue ${name}`);
    const kept: CompiledQuery[] = [];
    const keeper = {
      executeSql: async (text: string, values: unknown[] = []) => {
        kept.push(CompiledQuery.raw(text, values));
        return { rows: jobs.map(() => ({ id: '' })) };
      },
    };
    await this.boss.insert(name, jobs.map(payload), { db: keeper });
    if (kept.length !== 1) throw new Error(`pg-boss ran ${kept.length} statements to insert jobs, not one`);
    return kept[0]!;
  }

  /** Finished and pending jobs of a queue, for tests and the operator's view. */
  async pending(name: string): Promise<number> {
    const q = await this.boss.getQueue(name);
    return q ? q.queuedCount + q.activeCount : 0;
  }

  /** Per queue: jobs due and waiting, deferred, active, and how long the oldest due job has waited. */
  async depths(): Promise<QueueDepth[]> {
    const { rows } = await this.boss.getDb().executeSql(
      `SELECT name,
              count(*) FILTER (WHERE state IN ('created', 'retry') AND start_after <= now())::int AS ready,
              count(*) FILTER (WHERE state IN ('created', 'retry') AND start_after > now())::int AS deferred,
              count(*) FILTER (WHERE state = 'active')::int AS active,
              coalesce(extract(epoch FROM now() - min(start_after) FILTER (WHERE state IN ('created', 'retry') AND start_after <= now())), 0)::float8 AS oldest
         FROM pgboss.job WHERE state IN ('created', 'retry', 'active') GROUP BY name`,
    );
    const byName = new Map(rows.map((r: { name: string; ready: number; deferred: number; active: number; oldest: number }) => [r.name, r]));
    return [...this.definitions.keys()].map((queue) => {
      const r = byName.get(queue);
      return { queue, ready: r?.ready ?? 0, deferred: r?.deferred ?? 0, active: r?.active ?? 0, oldestReadySeconds: r?.oldest ?? 0 };
    });
  }

  /** Whether this process's workers run: false before start, after stop, and where workers are off. */
  get running(): boolean {
    return this.started;
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.boss.stop({ graceful: true, timeout: 10_000, close: true });
  }
}
