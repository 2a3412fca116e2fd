// npm run bench:payments: capture jobs for 10,000 closed e-consultations, worked by two instances of the product (its
// own processes, with their job workers, as in production) on a database of its own in DATABASE_URL's PostgreSQL.
// Each case's close asks for the capture inside a transaction (as closing does); the instances capture at the card
// simulator with the payment's idempotency key and count the co-payment. Afterwards SQL says what happened.
// Last line: {"captures":…,"capturesPerSecond":…,"doubleCaptures":0,"lost":0,"copaymentsCounted":…}.
// Settings: BENCH_CASES (10000), BENCH_INSTANCES (2).
import pino from 'pino';
import { openDatabase } from '../src/server/platform/db/database.ts';
import { JobQueue } from '../src/server/platform/jobs/queue.ts';
import { definePaymentJobs } from '../src/server/payments/jobs.ts';
import { createPayments } from '../src/server/payments/service.ts';
import { CardSimulator } from '../src/server/payments/simulator/simulator.ts';
import { closedCasesWithReservations } from './payments-setup.ts';
import { admin, createBenchDatabase } from './queue-setup.ts';
import { startProduct, stop } from './video-server.ts';

const setting = (name: string, fallback: number, max: number) => {
  const n = Number(process.env[name] || fallback);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`${name} must be an integer from 1 to ${max}`);
  return n;
};
const cases = setting('BENCH_CASES', 10_000, 100_000);
const instances = setting('BENCH_INSTANCES', 2, 4);
const guard = setTimeout(() => {
  console.error('bench:payments: gave up (time limit)');
  process.exit(2);
}, 15 * 60_000);
guard.unref();

const log = pino({ level: 'silent' });
const adminUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const bench = await createBenchDatabase(adminUrl);
const servers: Awaited<ReturnType<typeof startProduct>>[] = [];
try {
  // The first instance migrates and seeds the demo clinic; the world is made before the others start.
  servers.push(await startProduct(bench.url));
  await closedCasesWithReservations(bench.url, cases);
  for (let i = 1; i < instances; i++) servers.push(await startProduct(bench.url));
  console.error(`bench:payments: ${cases} closed cases with reservations, ${instances} instances working the queue`);

  // The closing side: asks for each capture in its own transaction, a few at a time, as clinicians closing cases would.
  const { db } = openDatabase(bench.url, log, { useAppRole: false, max: 8 });
  const jobs = new JobQueue(bench.url, log, false);
  const payments = createPayments({ db, jobs, log, provider: new CardSimulator({ db, publicUrl: servers[0]!.url }), publicUrl: servers[0]!.url });
  definePaymentJobs(jobs, payments);
  await jobs.start();
  const ids = (await admin<{ id: string }>(bench.url, `SELECT id FROM payments WHERE status = 'authorized'`)).map((r) => r.id);
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < ids.length) {
        const id = ids[next++]!;
        await db.transaction().execute((tx) => payments.requestCapture(tx, id));
      }
    }),
  );
  const asked = performance.now();
  let captured = 0;
  while (captured < cases && performance.now() - started < 10 * 60_000) {
    await new Promise((r) => setTimeout(r, 250));
    captured = (await admin<{ n: number }>(bench.url, `SELECT count(*)::int AS n FROM payments WHERE status = 'captured'`))[0]!.n;
  }
  const seconds = (performance.now() - started) / 1000;
  await jobs.stop();
  await db.destroy();

  const [sql] = await admin<{ double: number; lost: number; counted: number; atProvider: number }>(
    bench.url,
    `SELECT (SELECT count(*)::int FROM card_simulator_checkouts WHERE capture_count > 1) AS double,
            (SELECT count(*)::int FROM payments WHERE status <> 'captured') AS lost,
            (SELECT count(*)::int FROM copayments WHERE purpose = 'econsult') AS counted,
            (SELECT count(*)::int FROM card_simulator_checkouts WHERE capture_count = 1) AS "atProvider"`,
  );
  console.error(`bench:payments: asked for ${cases} captures in ${((asked - started) / 1000).toFixed(1)} s; all settled in ${seconds.toFixed(1)} s; ${sql!.atProvider} captured once at the provider`);
  console.log(JSON.stringify({ captures: captured, capturesPerSecond: Number((captured / seconds).toFixed(1)), doubleCaptures: sql!.double, lost: sql!.lost, copaymentsCounted: sql!.counted, instances }));
} finally {
  for (const s of servers) await stop(s.process);
  await bench.drop();
}
process.exit(0);
