// npm run bench:video: idle waiting-room sockets held by the real server against a bare `ws` server (memory per socket),
// on a database of its own in DATABASE_URL's PostgreSQL. Last line: one JSON object
// {"admitToFrameMs":…,"admitToFrameTurnMs":…,"bareMs":…,"bareTurnMs":…,"signalingSockets":…,"rssPerSocketKb":…,"bareRssPerSocketKb":…}.
// The call timings (admit → first decoded frame through the real pages, direct and through TURN, against a bare two-page
// call) need the video pages' browser harness; until it lands they are null. Settings: BENCH_SOCKETS (10000).
import { createBenchDatabase } from './queue-setup.ts';
import { measureSockets } from './video-sockets.ts';

const n = Number(process.env.BENCH_SOCKETS || 10_000);
if (!Number.isInteger(n) || n < 1 || n > 18_000) throw new Error('BENCH_SOCKETS must be an integer from 1 to 18000 (the open-file limit is 20000)');
const guard = setTimeout(() => {
  console.error('bench:video: gave up (time limit)');
  process.exit(2);
}, 10 * 60_000);
guard.unref();

const adminUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const db = await createBenchDatabase(adminUrl);
let line: Record<string, number | null> | undefined;
try {
  const sockets = await measureSockets(db.url, n);
  console.error(`bench:video: ${n} waiting-room sockets: ${sockets.rssPerSocketKb} KiB each on the server, ${sockets.bareRssPerSocketKb} KiB on a bare ws server`);
  line = { admitToFrameMs: null, admitToFrameTurnMs: null, bareMs: null, bareTurnMs: null, ...sockets };
} finally {
  await db.drop();
}
console.log(JSON.stringify(line));
process.exit(line ? 0 : 1);
