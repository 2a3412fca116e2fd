// The rollup: a clinic's local day counted from the live tables into anonymous daily counts, and the daily job that
// rolls up yesterday (and any day of the last 90 not yet rolled up) long before retention deletes the communication.
import type { Logger } from 'pino';
import { localDate } from '../../shared/time.ts';
import { retryingTransaction, type Db } from '../platform/db/database.ts';
import type { JobQueue } from '../platform/jobs/queue.ts';
import { ANSWER_BUCKETS_HOURS, METRICS, WAIT_BUCKETS_MINUTES, bucketOf, daysBetween, type DailyCount } from './domain.ts';
import * as store from './store.ts';

export const ROLLUP_QUEUE = 'stats.rollup';
/** How far back the daily job fills in days never rolled up (well inside the 3 months' retention). */
export const BACKFILL_DAYS = 90;
/** The daily run, in UTC: after midnight in every Nordic zone, so "yesterday" is over everywhere. */
const RUN_HOUR_UTC = 2;

export interface StatsDeps {
  db: Db;
  jobs: JobQueue;
  log: Logger;
}

const histogram = (values: readonly number[], bounds: readonly number[]): Map<string, number> => {
  const h = new Map<string, number>();
  for (const v of values) {
    const b = bucketOf(v, bounds);
    h.set(b, (h.get(b) ?? 0) + 1);
  }
  return h;
};

/** The counts of one clinic's local day, computed now from the live tables (not stored). */
export async function computeDay(db: Db, c: store.StatsClinic, day: string): Promise<DailyCount[]> {
  const [appointments, waits, econsult, video, answers] = await Promise.all([
    store.appointmentCounts(db, c, day),
    store.dropinWaits(db, c, day),
    store.econsultCounts(db, c, day),
    store.videoCounts(db, c, day),
    store.messageAnswerHours(db, c, day),
  ]);
  const rows: DailyCount[] = [];
  const add = (metric: string, dimension: string, value: number) => {
    if (value > 0) rows.push({ day, metric, dimension, value });
  };
  for (const a of appointments) add(METRICS.appointments, a.dimension, a.n);
  for (const [b, n] of histogram(waits, WAIT_BUCKETS_MINUTES)) add(METRICS.dropinWait, b, n);
  add(METRICS.econsultSubmitted, 'before_cutoff', econsult.beforeCutoff);
  add(METRICS.econsultSubmitted, 'after_cutoff', econsult.afterCutoff);
  add(METRICS.econsultSameDay, '', econsult.sameDay);
  add(METRICS.videoStarted, '', video.started);
  add(METRICS.videoCompleted, '', video.completed);
  for (const [b, n] of histogram(answers, ANSWER_BUCKETS_HOURS)) add(METRICS.messageAnswer, b, n);
  add(METRICS.done, '', 1);
  return rows;
}

/** Rolls up one clinic's local day: replaces whatever was stored for it, so running it again changes nothing. */
export async function rollupDay(db: Db, clinicId: string, day: string): Promise<DailyCount[]> {
  const c = await store.clinic(db, clinicId);
  if (!c) throw new Error('unknown clinic');
  const rows = await computeDay(db, c, day);
  await retryingTransaction(db, (tx) => store.replaceDay(tx, c.id, day, rows));
  return rows;
}

const minusDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

/**
 * Every clinic's yesterday (in its own zone) and any earlier day of the last BACKFILL_DAYS since the clinic existed that
 * was never rolled up. A day once rolled up is not redone: its communication may be deleted by now.
 */
export async function rollupDue(db: Db, now: Date, log?: Logger): Promise<number> {
  let done = 0;
  for (const c of await store.clinics(db)) {
    const yesterday = minusDays(localDate(now, c.timeZone), 1);
    const oldest = [minusDays(yesterday, BACKFILL_DAYS - 1), c.createdDay].sort().at(-1)!;
    if (oldest > yesterday) continue;
    const have = await store.rolledUpDays(db, c.id, oldest, yesterday, METRICS.done);
    for (const day of daysBetween(oldest, yesterday)) {
      if (have.has(day)) continue;
      await rollupDay(db, c.id, day);
      done++;
    }
  }
  if (done) log?.info({ days: done }, 'statistics rolled up');
  return done;
}

interface RollupJob {
  /** The UTC date of this run. */
  runDate: string;
}

const nextRun = (runDate: string) => new Date(Date.parse(`${runDate}T00:00:00Z`) + 86_400_000 + RUN_HOUR_UTC * 3_600_000);

/**
 * One run of the daily job: claims its date and sends the next day's run (a second chain of the job finds the date taken
 * and sends nothing, so chains come back to one), then rolls up what is due. The next run is sent first so a rollup
 * that keeps failing does not end the chain; the next day fills in what was missed.
 */
export async function runDaily(deps: StatsDeps, runDate: string, now = new Date()): Promise<'ran' | 'taken'> {
  const next = nextRun(runDate);
  const nextDate = next.toISOString().slice(0, 10);
  // The claim and the next run in one transaction: a crash between them can neither end the chain nor fork it.
  const outcome = await retryingTransaction(deps.db, async (tx) => {
    if (!(await store.claimRun(tx, runDate))) return 'taken' as const;
    await deps.jobs.send<RollupJob>(ROLLUP_QUEUE, { runDate: nextDate }, { tx, startAfter: next, singletonKey: `stats-rollup:${nextDate}` });
    return 'ran' as const;
  });
  await rollupDue(deps.db, now, deps.log);
  return outcome;
}

export function defineStatsJobs(jobs: JobQueue, deps: { db: Db; log: Logger }): void {
  const full: StatsDeps = { db: deps.db, jobs, log: deps.log };
  jobs.define<RollupJob>({ name: ROLLUP_QUEUE, retryLimit: 10, retryDelaySeconds: 60, expireInSeconds: 1800, handler: async (job) => void (await runDaily(full, job.runDate)) });
}

/**
 * Called once at startup, after jobs.start(): a run for today now, which catches up whatever is due (a new installation,
 * a night the server was down) and, unless today's run was made already, starts the daily chain.
 */
export async function scheduleStatsRollup(jobs: JobQueue, now = new Date()): Promise<void> {
  const today = now.toISOString().slice(0, 10);
  await jobs.send<RollupJob>(ROLLUP_QUEUE, { runDate: today });
}
