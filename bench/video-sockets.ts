// Memory per idle waiting-room socket: N live sockets subscribed to one video appointment's room on the real server (its
// own process, so only its memory is counted), against N sockets on a bare `ws` server in a process of its own.
import type { ChildProcess } from 'node:child_process';
import { sql } from 'kysely';
import pino from 'pino';
import { WebSocket } from 'ws';
import { openDatabase } from '../src/server/platform/db/database.ts';
import { createSession } from '../src/server/identity/sessions.ts';
import { freePort } from '../test/global-setup.ts';
import { child, ready, rssKb, sleep, startProduct, stop } from './video-server.ts';

/** Opens `n` sockets, `batch` at a time; each is ready when `ready` says so for one of its messages. */
async function openMany(n: number, batch: number, open: () => WebSocket, ready: (ws: WebSocket) => Promise<void>): Promise<WebSocket[]> {
  const all: WebSocket[] = [];
  for (let i = 0; i < n; i += batch) {
    const part = Array.from({ length: Math.min(batch, n - i) }, open);
    await Promise.all(part.map(ready));
    all.push(...part);
  }
  return all;
}

/**
 * A process's settled memory: the least of a few readings a second apart, each after a memory-reducing collection.
 * One reading can land while the server's heartbeat is recomputing every subscription (its queries and messages in
 * flight are not the sockets' memory), or before the collector has given back the room a burst of work needed.
 */
async function settledKb(server: ChildProcess): Promise<number> {
  let least = Infinity;
  for (let i = 0; i < SETTLE_READINGS; i++) {
    await sleep(1000);
    least = Math.min(least, await rssKb(server));
  }
  return least;
}
const SETTLE_READINGS = 5;

/**
 * What one more socket costs a process: its settled memory with n/2 sockets open and then with n, divided by the n/2
 * between. The first half also warms the process up (database pool, compiled code, buffers), so costs paid once are
 * not charged to the sockets. Both servers are measured alike.
 */
async function perSocket(server: ChildProcess, n: number, open: (count: number) => Promise<WebSocket[]>): Promise<{ kb: number; sockets: WebSocket[] }> {
  const half = Math.floor(n / 2);
  const first = await open(half);
  const before = await settledKb(server);
  const second = await open(n - half);
  const after = await settledKb(server);
  return { kb: (after - before) / (n - half), sockets: [...first, ...second] };
}

export interface SocketFigures {
  signalingSockets: number;
  /** Each socket in a waiting room of its own (as at a peak: every patient waits for their own appointment). */
  rssPerSocketKb: number;
  /** Every socket in the same appointment's waiting room (what the room itself costs is shared). */
  rssPerSocketOneRoomKb: number;
  bareRssPerSocketKb: number;
}

/**
 * The product's waiting-room sockets against bare ones, on a database made for the run (`dbUrl`, migrated and seeded):
 * once with n video appointments, one socket in each room, and once with all n sockets in one room, each time on a
 * fresh server process.
 */
export async function measureSockets(dbUrl: string, n: number): Promise<SocketFigures> {
  // The first server migrates and seeds the database.
  const first = await startProduct(dbUrl);
  const owner = openDatabase(dbUrl, pino({ level: 'silent' }), { useAppRole: false, max: 2 }).db;
  try {
    // n video appointments of one patient with one clinician, 20 minutes apart, in two years (clear of the demo's);
    // the patient keeps a waiting-room page open for each (the database refuses overlaps, so they follow one another).
    const ola = await owner.selectFrom('persons').select('id').where('name', '=', 'Ola Hansen').executeTakeFirstOrThrow();
    const lise = await owner.selectFrom('practitioners as pr').innerJoin('persons as p', 'p.id', 'pr.person_id').select(['pr.id', 'pr.person_id']).where('p.name', '=', 'Lise Berg').executeTakeFirstOrThrow();
    const clinic = await owner.selectFrom('staff_roles').select('clinic_id').where('person_id', '=', lise.person_id).executeTakeFirstOrThrow();
    const made = await sql<{ id: string }>`
      INSERT INTO appointments (clinic_id, practitioner_id, patient_id, booked_by, visit_type, starts_at, ends_at, blocked_until)
      SELECT ${clinic.clinic_id}, ${lise.id}, ${ola.id}, ${ola.id}, 'video', s, s + interval '15 minutes', s + interval '15 minutes'
      FROM generate_series(date_trunc('day', now()) + interval '2 years', date_trunc('day', now()) + interval '2 years' + (${n - 1} * interval '20 minutes'), interval '20 minutes') AS s
      RETURNING id`.execute(owner);
    const rooms = made.rows.map((r) => `video:room:${r.id}`);
    const token = await createSession(owner, { idleMinutes: 600, absoluteHours: 12 }, { personId: ola.id, kind: 'patient', clinicId: null, language: 'nb' });
    const ownRooms = await productPerSocket(first, token, n, (i) => rooms[i]!);
    const oneRoom = await productPerSocket(await startProduct(dbUrl), token, n, () => rooms[0]!);
    const barePort = await freePort();
    const bare = child(['bare', String(barePort)], process.env);
    try {
      await ready(bare);
      const plain = await perSocket(bare, n, (count) =>
        openMany(count, 200, () => new WebSocket(`ws://127.0.0.1:${barePort}`), (ws) => new Promise<void>((resolve, reject) => (ws.once('open', () => resolve()), ws.once('error', reject)))),
      );
      for (const ws of plain.sockets) ws.terminate();
      const kb = (x: number) => Number(x.toFixed(2));
      return { signalingSockets: n, rssPerSocketKb: kb(ownRooms), rssPerSocketOneRoomKb: kb(oneRoom), bareRssPerSocketKb: kb(plain.kb) };
    } finally {
      await stop(bare);
    }
  } finally {
    await owner.destroy();
    await stop(first.process);
  }
}

/** What one more waiting-room socket costs a fresh product server (stopped after); socket i subscribes to `topic(i)`. */
async function productPerSocket(started: Awaited<ReturnType<typeof startProduct>>, token: string, n: number, topic: (i: number) => string): Promise<number> {
  const { process: server, port, url: base } = started;
  try {
    let opened = 0;
    const product = await perSocket(server, n, (count) =>
      openMany(
        count,
        20,
        () => new WebSocket(`ws://127.0.0.1:${port}/api/live`, { headers: { cookie: `nettlege_session=${token}`, origin: base } }),
        (ws) =>
          new Promise<void>((resolve, reject) => {
            const room = topic(opened++);
            ws.once('error', reject);
            ws.once('open', () => ws.send(JSON.stringify({ subscribe: room })));
            ws.on('message', (data) => {
              const m = JSON.parse(String(data)) as { type: string };
              if (m.type === 'video.room') resolve();
              else if (m.type === 'error') reject(new Error(`subscription refused: ${String(data)}`));
            });
          }),
      ),
    );
    for (const ws of product.sockets) ws.terminate();
    return product.kb;
  } finally {
    await stop(server);
  }
}
