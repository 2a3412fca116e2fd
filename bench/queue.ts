// npm run bench:queue: the clinicians' work queue as the server computes it (one clinic, a million cases over fifty clinics
// in DATABASE_URL's PostgreSQL), and e-consultation submission over HTTP through the real server (auth, CSRF, validation).
// Last line: {"cases":…,"queueP50Ms":…,"queueP99Ms":…,"submitsPerSecond":…}. Target: queue p99 under 10 ms.
// Settings: DATABASE_URL (an admin URL; a database nettlege_benchq_* is made and dropped), BENCH_CASES (1000000),
// BENCH_QUEUE_READS (2000), BENCH_CLIENTS (4), BENCH_SECONDS (10).
import pino from 'pino';
import { loadConfig } from '../src/server/config.ts';
import { createLogger } from '../src/server/platform/logger.ts';
import { openDatabase } from '../src/server/platform/db/database.ts';
import { startServer } from '../src/server/server.ts';
import { createSession } from '../src/server/identity/sessions.ts';
import { staffQueue } from '../src/server/econsult/clinician.ts';
import type { EconsultDeps } from '../src/server/econsult/deps.ts';
import { createBenchDatabase, fillCases } from './queue-setup.ts';
import { freePort } from '../test/global-setup.ts';

const setting = (name: string, fallback: number) => {
  const n = Number(process.env[name] || fallback);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer`);
  return n;
};
const adminUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const caseCount = setting('BENCH_CASES', 1_000_000);
const reads = setting('BENCH_QUEUE_READS', 2000);
const clients = setting('BENCH_CLIENTS', 4);
const seconds = setting('BENCH_SECONDS', 10);
const CLINICS = 50;

const guard = setTimeout(() => {
  console.error('bench:queue: gave up (time limit)');
  process.exit(2);
}, 15 * 60_000);
guard.unref();

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const round = (x: number) => Number(x.toFixed(2));


const bench = await createBenchDatabase(adminUrl);
let line: Record<string, number> | undefined;
try {
  const port = await freePort();
  const config = loadConfig({
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATABASE_URL: bench.url,
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'false',
    DEV_OUTBOX: 'false',
    RATE_LIMIT_PER_MINUTE: '100000000',
  });
  const server = await startServer(config, createLogger(config.logLevel, pino.destination(2)));
  const owner = openDatabase(bench.url, pino({ level: 'silent' }), { useAppRole: false, max: 2 }).db;
  const app = openDatabase(bench.url, pino({ level: 'silent' }), { useAppRole: true, max: 4 }).db;
  try {
    const t0 = performance.now();
    const world = await fillCases(bench.url, { clinics: CLINICS, patients: 20_000, cases: caseCount });
    console.error(`bench:queue: ${caseCount} cases over ${CLINICS} clinics made in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    // The queue, as the live topic and GET /api/staff/econsult/queue compute it, for one clinic at a time.
    const deps = { db: app } as EconsultDeps;
    const times: number[] = [];
    let shown = 0;
    for (let i = 0; i < reads + 50; i++) {
      const k = i % CLINICS;
      const started = performance.now();
      const view = await staffQueue(deps, { personId: world.clinicianPersonIds[k]!, clinicId: world.clinicIds[k]!, requestId: 'bench', language: 'nb' });
      if (i >= 50) times.push(performance.now() - started);
      shown += view.items.length;
    }
    times.sort((a, b) => a - b);
    console.error(`bench:queue: ${reads} queue reads, ${Math.round(shown / (reads + 50))} cases shown per read`);

    // Submission over HTTP: start (screening), fill in, submit; each client its own patient and session.
    const [clinic] = world.clinicIds;
    const patients = await owner.selectFrom('persons').select('id').where('national_id', 'like', 'benk-%').orderBy('national_id', 'desc').limit(clients).execute();
    const sessions = [];
    for (const p of patients) {
      const token = await createSession(owner, { idleMinutes: 60, absoluteHours: 12 }, { personId: p.id, kind: 'patient', clinicId: null, language: 'nb' });
      const cookie = `nettlege_session=${token}`;
      const s = (await (await fetch(`${server.url}/api/session`, { headers: { cookie } })).json()) as { csrfToken: string };
      sessions.push({ cookie, csrf: s.csrfToken });
    }
    const setup = (await (await fetch(`${server.url}/api/econsult/clinics/${clinic}`, { headers: { cookie: sessions[0]!.cookie } })).json()) as { screening: { questions: { id: string }[] } };
    const screening = Object.fromEntries(setup.screening.questions.map((q) => [q.id, false]));
    const call = async (s: { cookie: string; csrf: string }, method: string, path: string, body: unknown) => {
      const r = await fetch(`${server.url}${path}`, { method, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json', origin: server.url }, body: JSON.stringify(body) });
      if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
      return (await r.json()) as { id?: string; case?: { status: string }; redirectUrl?: string };
    };
    let submitted = 0;
    const deadline = performance.now() + seconds * 1000;
    const started = performance.now();
    await Promise.all(
      sessions.map(async (s) => {
        while (performance.now() < deadline) {
          const draft = await call(s, 'POST', '/api/econsult/cases', { clinicId: clinic, screening });
          await call(s, 'PATCH', `/api/econsult/cases/${draft.id}`, { reasonId: 'other', answers: { kind: 'follow-up', question: 'Benk', allergy: false }, description: 'Benk' });
          const r = await call(s, 'POST', `/api/econsult/cases/${draft.id}/submit`, {});
          if (r.case?.status !== 'awaiting_payment' || !r.redirectUrl) throw new Error(`submit answered ${JSON.stringify(r).slice(0, 200)}`);
          submitted++;
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    line = { cases: caseCount, queueP50Ms: round(percentile(times, 50)), queueP99Ms: round(percentile(times, 99)), submitsPerSecond: round(submitted / elapsed), submits: submitted, clients };
  } finally {
    await app.destroy();
    await owner.destroy();
    await server.close();
  }
} finally {
  await bench.drop();
}
console.log(JSON.stringify(line));
process.exit(line ? 0 : 1);
