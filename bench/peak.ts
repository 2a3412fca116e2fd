// npm run bench:peak: the Monday-08:00 pattern against a cluster (three instances behind HAProxy, as npm run cluster,
// on DATABASE_URL's PostgreSQL and Redis) for BENCH_SECONDS (300). Patients log in through the test identity provider,
// read free times, book, cancel some, read inbox and list, send e-consultations; clinicians poll their queue.
// Above the last line: one JSON object per operation. Last line:
// {"bookingsPerSecond":…,"requestsPerSecond":…,"p50Ms":…,"p99Ms":…,"errors":…,"doubleBookings":0,"lost":0,…}
// Settings: DATABASE_URL (admin URL; a database nettlege_peak_* is made and dropped), REDIS_URL (redis://127.0.0.1:6379),
// BENCH_SECONDS (300), BENCH_PATIENTS (virtual patients at once, 150), BENCH_CLINICIANS (20), BENCH_INSTANCES (3).
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { sql } from 'kysely';
import { openDatabase } from '../src/server/platform/db/database.ts';
import { startCluster } from '../test/cluster.ts';
import { withDatabase } from '../test/global-setup.ts';
import { percentile } from './booking-clients.ts';
import { seedBenchClinic } from './booking-setup.ts';
import { OPS, runPeak } from './peak-clients.ts';
import { admin } from './queue-setup.ts';
import { setting } from './settings.ts';

const adminUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const seconds = setting('BENCH_SECONDS', 300, 5, 3600);
const patientCount = setting('BENCH_PATIENTS', 150, 1, 5000);
const clinicianCount = setting('BENCH_CLINICIANS', 20, 0, 500);
const instances = setting('BENCH_INSTANCES', 3, 1, 8);

const guard = setTimeout(() => {
  console.error('bench:peak: gave up (time limit)');
  process.exit(2);
}, (seconds + 300) * 1000);
guard.unref();

const name = `nettlege_peak_${randomBytes(5).toString('hex')}`;
await admin(adminUrl, `CREATE DATABASE ${name}`);
const url = withDatabase(adminUrl, name);
let line: Record<string, number> | undefined;
const cluster = await startCluster({ databaseUrl: url, redisUrl, instances }).catch(async (err) => {
  await admin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  throw err;
});
const { db } = openDatabase(url, pino({ level: 'silent' }), { useAppRole: false, max: 2 });
try {
  const world = await seedBenchClinic(db, patientCount);
  // Clinicians of the demo's e-consultation clinic poll its queue.
  const fjordbyen = await db.selectFrom('clinics').select('id').where('name', '=', 'Fjordbyen legekontor').executeTakeFirstOrThrow();
  const clinicians = world.clinicianNationalIds.slice(0, clinicianCount);
  console.error(`bench:peak: ${patientCount} patients and ${clinicians.length} clinicians for ${seconds} s against ${cluster.url} (${instances} instances)`);
  const r = await runPeak({ url: cluster.url, clinicId: world.clinicId, econsultClinicId: fjordbyen.id, patients: world.nationalIds, clinicians, seconds, cancelShare: 0.2, econsultShare: 0.05 });

  const round = (x: number, digits = 1) => Number(x.toFixed(digits));
  const perSecond = (n: number) => round(n / (r.elapsedMs / 1000));
  const all: number[] = [];
  let requests = 0;
  let errors = 0;
  for (const op of OPS) {
    const s = r.ops[op];
    const sorted = [...s.latenciesMs].sort((a, b) => a - b);
    all.push(...s.latenciesMs);
    requests += s.count;
    errors += s.errors;
    console.log(JSON.stringify({ op, count: s.count, perSecond: perSecond(s.count), p50Ms: round(percentile(sorted, 50)), p99Ms: round(percentile(sorted, 99)), errors: s.errors }));
  }
  for (const e of r.firstErrors) console.error(`bench:peak: ${e}`);
  all.sort((a, b) => a - b);

  // Checked in the database: no clinician or patient holds two overlapping booked appointments; every 201 not cancelled
  // is booked, every cancelled one is cancelled.
  const overlaps = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM appointments a JOIN appointments b ON a.id < b.id AND a.status = 'booked' AND b.status = 'booked'
      AND (a.practitioner_id = b.practitioner_id OR a.patient_id = b.patient_id)
      AND a.starts_at < b.blocked_until AND b.starts_at < a.blocked_until WHERE a.clinic_id = ${world.clinicId}`.execute(db);
  const rows = await db.selectFrom('appointments').select(['id', 'status']).where('clinic_id', '=', world.clinicId).execute();
  const status = new Map(rows.map((x) => [x.id, x.status]));
  const lost = [...r.booked].filter((id) => status.get(id) !== 'booked').length + [...r.cancelled].filter((id) => status.get(id) !== 'cancelled').length;
  const phantom = rows.filter((x) => x.status === 'booked' && !r.booked.has(x.id)).length;
  line = {
    bookingsPerSecond: perSecond(r.ops.book.count - r.ops.book.errors - r.conflicts),
    requestsPerSecond: perSecond(requests),
    p50Ms: round(percentile(all, 50)),
    p99Ms: round(percentile(all, 99)),
    errors,
    doubleBookings: overlaps.rows[0]!.n,
    lost,
    phantom,
    conflicts: r.conflicts,
    patients: patientCount,
    clinicians: clinicians.length,
    instances,
    seconds: round(r.elapsedMs / 1000),
  };
} finally {
  await db.destroy();
  await cluster.stop();
  await new Promise((res) => setTimeout(res, 500));
  await admin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
console.log(JSON.stringify(line));
process.exit(line && line.errors === 0 && line.doubleBookings === 0 && line.lost === 0 ? 0 : 1);
