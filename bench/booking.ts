// npm run bench:booking: contended booking through the real server (auth, CSRF, audit, idempotency) on DATABASE_URL's PostgreSQL.
// Last line: {"bookingsPerSecond":…,"p50Ms":…,"p99Ms":…,"conflicts":…,"doubleBookings":0,…}
// Settings: DATABASE_URL (an admin URL; a database nettlege_bench_* is made and dropped), BENCH_CLIENTS (4, as raw-booking.sh),
// BENCH_SECONDS (15), BENCH_PATIENTS (200), BENCH_PICK_AMONG (8: how many of the earliest free times the clients fight over).
import { percentile, runLoadOnWorker } from './booking-clients.ts';
import { startBenchWorld } from './booking-setup.ts';
import { setting } from './settings.ts';


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

const world = await startBenchWorld(adminUrl, patientCount);
let line: Record<string, number> | undefined;
try {
  console.error(`bench:booking: ${clients} clients, ${seconds} s, ${patientCount} patients, on ${world.server.url}`);
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
    clients,
    seconds: round(r.elapsedMs / 1000, 2),
  };
} finally {
  await world.close();
}
console.log(JSON.stringify(line));
process.exit(line && line.doubleBookings === 0 && line.errors === 0 && line.lostOrPhantom === 0 ? 0 : 1);
