// npm run bench:booking: contended booking through the real server (auth, CSRF, audit, idempotency) on DATABASE_URL's PostgreSQL.
// Last line: {"bookingsPerSecond":…,"p50Ms":…,"p99Ms":…,"conflicts":…,"doubleBookings":0,…,"ceilingPostsPerSecond":…}: the last, measured
// for 5 s before the run, is how many booking-shaped POSTs (session, CSRF, access rule, one SELECT 1) the same stack answers.
// Settings: DATABASE_URL (an admin URL; a database nettlege_bench_* is made and dropped), BENCH_CLIENTS (4, as raw-booking.sh),
// BENCH_SECONDS (15), BENCH_PATIENTS (200), BENCH_PICK_AMONG (8: how many of the earliest free times the clients fight over),
// BENCH_KEEP_DB (set: the database is kept, not dropped, to be looked at afterwards).
import { percentile, runLoadOnWorker } from './booking-clients.ts';
import { startBenchWorld } from './booking-setup.ts';
import { setting } from './settings.ts';
import { sql } from 'kysely';
import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../src/server/platform/db/database.ts';


const adminUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const clients = setting('BENCH_CLIENTS', 4, 1, 256);
const seconds = setting('BENCH_SECONDS', 15, 1, 600);
const patientCount = setting('BENCH_PATIENTS', 200, clients, 10_000);
const pickAmong = setting('BENCH_PICK_AMONG', 8, 1, 100);

// Bounded in time whatever happens: setup, the run and cleanup get a few minutes beyond the run itself.
const guard = setTimeout(() => {
  console.error('bench:booking: gave up (time limit)');
  process.exit(2);
}, (seconds + 240) * 1000);
guard.unref();

// The ceiling of the HTTP stack itself, measured before the run: a POST with the same session, CSRF check, access rule and
// hooks as a booking that does nothing but one `SELECT 1` through the server's pool. Booking cannot be faster than this.
let serverDb: Db | undefined;
const ceilingRoute: FastifyPluginAsync = async (app) => {
  app.post('/api/bench/book-select1', { config: { access: { kind: 'patientOrStaff' } } }, async (_req, reply) => {
    await sql`SELECT 1`.execute(serverDb!);
    return reply.code(201).send({});
  });
};

const world = await startBenchWorld(adminUrl, patientCount, { extraRoutes: ceilingRoute });
serverDb = world.server.services.econsult.db;
let line: Record<string, number> | undefined;
try {
  console.error(`bench:booking: ${clients} clients, ${seconds} s, ${patientCount} patients, on ${world.server.url}`);
  // First the ceiling, on the idle server (after the run, the confirmations it queued are still being sent).
  const ceiling = await runLoadOnWorker({ baseUrl: world.server.url, clinicId: world.clinicId, patients: world.patients, clients, seconds: Math.min(seconds, 5), pickAmong, bookPath: '/api/bench/book-select1' });
  const r = await runLoadOnWorker({ baseUrl: world.server.url, clinicId: world.clinicId, patients: world.patients, clients, seconds, pickAmong });
  const sorted = [...r.latenciesMs].sort((a, b) => a - b);
  const doubleBookings = await world.doubleBookings();
  const inDatabase = await world.bookedCount();
  if (r.firstError) console.error(`bench:booking: ${r.errors} unexpected answers, the first: ${r.firstError}`);
  // Every 201 is one booked row and every booked row had its 201: anything else is a lost or phantom booking.
  if (inDatabase !== r.booked) console.error(`bench:booking: ${r.booked} bookings answered 201 but ${inDatabase} are booked in the database`);
  const round = (x: number, digits = 1) => Number(x.toFixed(digits));
  line = {
    bookingsPerSecond: round(r.booked / (r.elapsedMs / 1000)),
    p50Ms: round(percentile(sorted, 50)),
    p99Ms: round(percentile(sorted, 99)),
    conflicts: r.conflicts,
    doubleBookings,
    attemptsPerSecond: round(r.attempts / (r.elapsedMs / 1000)),
    bookings: r.booked,
    attempts: r.attempts,
    errors: r.errors,
    lostOrPhantom: Math.abs(inDatabase - r.booked),
    browses: r.browses,
    // Requests the server answered per second in the run (bookings, refusals and free-time reads), and the stack's ceiling.
    requestsPerSecond: round((r.attempts + r.browses) / (r.elapsedMs / 1000)),
    ceilingPostsPerSecond: round(ceiling.attempts / (ceiling.elapsedMs / 1000)),
    clients,
    seconds: round(r.elapsedMs / 1000, 2),
  };
} finally {
  await world.close();
}
console.log(JSON.stringify(line));
process.exit(line && line.doubleBookings === 0 && line.errors === 0 && line.lostOrPhantom === 0 ? 0 : 1);
