// npm run bench:reads: a patient's appointment list (GET /api/appointments, with a session, through the whole stack —
// session, access rule, rate limit, metrics, serialization) against the same stack answering `SELECT 1`
// (GET /api/bench/select1, added for the run with the same access rule), in one run, alternating rounds so that both
// see the same machine. The bar: the list at least half the baseline's requests per second.
// Last line: {"ratio":…,"listRequestsPerSecond":…,"select1RequestsPerSecond":…,"listP50Ms":…,"listP99Ms":…,…}
// Settings: DATABASE_URL (admin URL; a database nettlege_bench_* is made and dropped), BENCH_CLIENTS (16),
// BENCH_SECONDS (20 in all, split over 4 rounds), BENCH_PATIENTS (200), BENCH_APPOINTMENTS (6 per patient).
import { sql } from 'kysely';
import pino from 'pino';
import type { FastifyPluginAsync } from 'fastify';
import { openDatabase, type Db } from '../src/server/platform/db/database.ts';
import { percentile } from './booking-clients.ts';
import { startBenchWorld } from './booking-setup.ts';
import { runReadsOnWorker, type ReadLoadResult } from './read-clients.ts';
import { setting } from './settings.ts';

const adminUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const clients = setting('BENCH_CLIENTS', 16, 1, 256);
const seconds = setting('BENCH_SECONDS', 20, 4, 600);
const patientCount = setting('BENCH_PATIENTS', 200, 1, 10_000);
const perPatient = setting('BENCH_APPOINTMENTS', 6, 0, 50);
const ROUNDS = 4;

const guard = setTimeout(() => {
  console.error('bench:reads: gave up (time limit)');
  process.exit(2);
}, (seconds + 240) * 1000);
guard.unref();

// The baseline: the same access rule and hooks as the list, and one round trip to the database through the server's pool.
let serverDb: Db | undefined;
const baseline: FastifyPluginAsync = async (app) => {
  app.get('/api/bench/select1', { config: { access: { kind: 'patientOrStaff' } } }, async () => {
    const r = await sql<{ one: number }>`SELECT 1 AS one`.execute(serverDb!);
    return { appointments: [], one: r.rows[0]!.one };
  });
};

const world = await startBenchWorld(adminUrl, patientCount, { extraRoutes: baseline });
serverDb = world.server.services.econsult.db;
const { db } = openDatabase(world.server.databaseUrl, pino({ level: 'silent' }), { useAppRole: false, max: 4 });
let line: Record<string, number> | undefined;
try {
  // Every patient has a few appointments, past and coming, each in a 5-minute slot of its own.
  const practitioners = await db.selectFrom('practitioners as p').innerJoin('staff_roles as s', 's.person_id', 'p.person_id').select('p.id').where('s.clinic_id', '=', world.clinicId).execute();
  const patients = await db.selectFrom('persons').select('id').where('name', 'like', 'Benk pasient %').orderBy('name').execute();
  const base = Date.now() - 30 * 86400_000;
  const rows = patients.flatMap((p, i) =>
    Array.from({ length: perPatient }, (_, k) => {
      const start = new Date(base + (i * perPatient + k) * 5 * 60_000);
      const end = new Date(start.getTime() + 5 * 60_000);
      return { clinic_id: world.clinicId, practitioner_id: practitioners[k % practitioners.length]!.id, patient_id: p.id, booked_by: p.id, visit_type: 'video' as const, starts_at: start, ends_at: end, blocked_until: end, status: 'booked' as const, reason: '' };
    }),
  );
  for (let i = 0; i < rows.length; i += 1000) await db.insertInto('appointments').values(rows.slice(i, i + 1000)).execute();
  const cookies = world.patients.map((p) => p.cookie);
  console.error(`bench:reads: ${clients} clients, ${seconds} s, ${patientCount} patients with ${perPatient} appointments each, on ${world.server.url}`);

  const list: ReadLoadResult[] = [];
  const one: ReadLoadResult[] = [];
  const roundSeconds = seconds / ROUNDS;
  // Warm both paths (JIT, plans, pool) before measuring.
  await runReadsOnWorker({ url: `${world.server.url}/api/appointments`, cookies, clients, seconds: 1 });
  await runReadsOnWorker({ url: `${world.server.url}/api/bench/select1`, cookies, clients, seconds: 1 });
  for (let r = 0; r < ROUNDS / 2; r++) {
    list.push(await runReadsOnWorker({ url: `${world.server.url}/api/appointments`, cookies, clients, seconds: roundSeconds }));
    one.push(await runReadsOnWorker({ url: `${world.server.url}/api/bench/select1`, cookies, clients, seconds: roundSeconds }));
  }
  const sum = (rs: ReadLoadResult[]) => {
    const lat = rs.flatMap((r) => r.latenciesMs).sort((a, b) => a - b);
    const ms = rs.reduce((s, r) => s + r.elapsedMs, 0);
    const n = rs.reduce((s, r) => s + r.requests, 0);
    const errors = rs.reduce((s, r) => s + r.errors, 0);
    const first = rs.find((r) => r.firstError)?.firstError;
    if (first) console.error(`bench:reads: ${errors} errors, the first: ${first}`);
    return { rps: n / (ms / 1000), p50: percentile(lat, 50), p99: percentile(lat, 99), errors, n };
  };
  const l = sum(list);
  const b = sum(one);
  const round = (x: number, digits = 1) => Number(x.toFixed(digits));
  console.error(`list of appointments: ${round(l.rps)} req/s, p50 ${round(l.p50)} ms, p99 ${round(l.p99)} ms`);
  console.error(`SELECT 1 baseline:    ${round(b.rps)} req/s, p50 ${round(b.p50)} ms, p99 ${round(b.p99)} ms`);
  line = {
    ratio: round(l.rps / b.rps, 3),
    listRequestsPerSecond: round(l.rps),
    select1RequestsPerSecond: round(b.rps),
    listP50Ms: round(l.p50),
    listP99Ms: round(l.p99),
    select1P50Ms: round(b.p50),
    select1P99Ms: round(b.p99),
    appointmentsPerList: perPatient,
    errors: l.errors + b.errors,
    clients,
  };
} finally {
  await db.destroy();
  await world.close();
}
console.log(JSON.stringify(line));
process.exit(line && line.errors === 0 ? 0 : 1);
