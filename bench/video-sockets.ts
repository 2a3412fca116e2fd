// Memory per idle waiting-room socket: N live sockets subscribed to one video appointment's room on the real server (its
// own process, so only its memory is counted), against N sockets on a bare `ws` server in a process of its own.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { WebSocket } from 'ws';
import { openDatabase } from '../src/server/platform/db/database.ts';
import { createSession } from '../src/server/identity/sessions.ts';
import { freePort } from '../test/global-setup.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');


/** Resident memory of a bench child in KiB, after it has collected its garbage (see video-child.ts). */
function rssKb(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    const on = (m: { rssKb?: number }) => {
      if (m.rssKb === undefined) return;
      child.off('message', on);
      resolve(m.rssKb);
    };
    child.on('message', on);
    child.send('measure');
  });
}

function child(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ['--expose-gc', 'bench/video-child.ts', ...args], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(url: string, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${ms} ms`);
    await sleep(200);
  }
}

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

/** Memory of a process before and after holding `n` sockets, settled: KiB per socket. */
async function perSocket(server: ChildProcess, n: number, open: () => Promise<WebSocket[]>): Promise<{ kb: number; sockets: WebSocket[] }> {
  await sleep(1500);
  const before = await rssKb(server);
  const sockets = await open();
  await sleep(2000);
  const after = await rssKb(server);
  return { kb: (after - before) / n, sockets };
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
  });
}

export interface SocketFigures {
  signalingSockets: number;
  rssPerSocketKb: number;
  bareRssPerSocketKb: number;
}

/** The product's waiting-room sockets against bare ones, on a database made for the run (`dbUrl`, migrated and seeded). */
export async function measureSockets(dbUrl: string, n: number): Promise<SocketFigures> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = child(['product'], { ...process.env, NODE_ENV: 'development', PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: base, DATABASE_URL: dbUrl, LOG_LEVEL: 'warn', SEED_DEMO: 'true', RATE_LIMIT_PER_MINUTE: '100000000', REDIS_URL: '' });
  const owner = openDatabase(dbUrl, pino({ level: 'silent' }), { useAppRole: false, max: 2 }).db;
  try {
    await waitFor(`${base}/readyz`, 60_000);
    // One video appointment starting soon, whose patient keeps a waiting-room page open in n tabs.
    const ola = await owner.selectFrom('persons').select('id').where('name', '=', 'Ola Hansen').executeTakeFirstOrThrow();
    const lise = await owner.selectFrom('practitioners as pr').innerJoin('persons as p', 'p.id', 'pr.person_id').select(['pr.id', 'pr.person_id']).where('p.name', '=', 'Lise Berg').executeTakeFirstOrThrow();
    const clinic = await owner.selectFrom('staff_roles').select('clinic_id').where('person_id', '=', lise.person_id).executeTakeFirstOrThrow();
    const starts = new Date(Date.now() + 10 * 60_000);
    const appointment = await owner
      .insertInto('appointments')
      .values({
        clinic_id: clinic.clinic_id,
        practitioner_id: lise.id,
        patient_id: ola.id,
        booked_by: ola.id,
        visit_type: 'video',
        starts_at: starts,
        ends_at: new Date(starts.getTime() + 15 * 60_000),
        blocked_until: new Date(starts.getTime() + 15 * 60_000),
        interpreter_language: null,
        cancelled_at: null,
        cancelled_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const token = await createSession(owner, { idleMinutes: 600, absoluteHours: 12 }, { personId: ola.id, kind: 'patient', clinicId: null, language: 'nb' });
    const topic = `video:room:${appointment.id}`;
    const product = await perSocket(server, n, () =>
      openMany(
        n,
        20,
        () => new WebSocket(`ws://127.0.0.1:${port}/api/live`, { headers: { cookie: `nettlege_session=${token}`, origin: base } }),
        (ws) =>
          new Promise<void>((resolve, reject) => {
            ws.once('error', reject);
            ws.once('open', () => ws.send(JSON.stringify({ subscribe: topic })));
            ws.on('message', (data) => {
              const m = JSON.parse(String(data)) as { type: string };
              if (m.type === 'video.room') resolve();
              else if (m.type === 'error') reject(new Error(`subscription refused: ${String(data)}`));
            });
          }),
      ),
    );
    for (const ws of product.sockets) ws.terminate();

    const barePort = await freePort();
    const bare = child(['bare', String(barePort)], process.env);
    try {
      await sleep(500);
      const plain = await perSocket(bare, n, () =>
        openMany(n, 200, () => new WebSocket(`ws://127.0.0.1:${barePort}`), (ws) => new Promise<void>((resolve, reject) => (ws.once('open', () => resolve()), ws.once('error', reject)))),
      );
      for (const ws of plain.sockets) ws.terminate();
      return { signalingSockets: n, rssPerSocketKb: Number(product.kb.toFixed(2)), bareRssPerSocketKb: Number(plain.kb.toFixed(2)) };
    } finally {
      await stop(bare);
    }
  } finally {
    await owner.destroy();
    await stop(server);
  }
}
