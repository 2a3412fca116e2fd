// npm run bench:video: video call set-up through the real pages against a bare WebRTC call (bench/video-calls.ts), and
// idle waiting-room sockets held by the real server against a bare `ws` server (bench/video-sockets.ts), each on a
// database of its own in DATABASE_URL's PostgreSQL. Last line: one JSON object
// {"admitToFrameMs":…,"admitToFrameTurnMs":…,"bareMs":…,"bareTurnMs":…,"signalingSockets":…,"rssPerSocketKb":…,"rssPerSocketOneRoomKb":…,"bareRssPerSocketKb":…}.
// The bar: the product's call within 2× the bare call, a waiting-room socket within 1.5× the memory of a bare one
// (rssPerSocketKb: each socket in a room of its own, as at a peak; rssPerSocketOneRoomKb: all in one room).
// Needs Chromium (CHROMIUM_PATH, /usr/bin/chromium) and coturn (`turnserver`). Settings: BENCH_SOCKETS (10000), BENCH_CALLS (5).
import { createBenchDatabase } from './queue-setup.ts';
import { measureCalls } from './video-calls.ts';
import { measureSockets } from './video-sockets.ts';

const setting = (name: string, fallback: number, max: number) => {
  const n = Number(process.env[name] || fallback);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`${name} must be an integer from 1 to ${max}`);
  return n;
};
// The open-file limit is 20000.
const sockets = setting('BENCH_SOCKETS', 10_000, 18_000);
// Each product call takes a 5-minute appointment inside the hour the waiting room is open.
const calls = setting('BENCH_CALLS', 5, 5);
const guard = setTimeout(() => {
  console.error('bench:video: gave up (time limit)');
  process.exit(2);
}, 15 * 60_000);
guard.unref();

const adminUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
async function onOwnDatabase<T>(run: (url: string) => Promise<T>): Promise<T> {
  const db = await createBenchDatabase(adminUrl);
  try {
    return await run(db.url);
  } finally {
    await db.drop();
  }
}

const callFigures = await onOwnDatabase((url) => measureCalls(url, calls));
const socketFigures = await onOwnDatabase((url) => measureSockets(url, sockets));
console.error(
  `bench:video: ${sockets} waiting-room sockets: ${socketFigures.rssPerSocketKb} KiB each on the server (one room each), ${socketFigures.rssPerSocketOneRoomKb} KiB (all in one room), ${socketFigures.bareRssPerSocketKb} KiB on a bare ws server`,
);
const line = { ...callFigures, ...socketFigures };
console.log(JSON.stringify(line));
process.exit(0);
