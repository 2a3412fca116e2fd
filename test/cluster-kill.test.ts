// Operations (issue 12): one instance of a three-instance cluster killed with kill -9 while patients book, write to the
// clinic and start e-consultations, and while patients wait in a drop-in queue with live sockets. Each client retries a
// failed request (a reset connection, a 502 from HAProxy) with the request's own Idempotency-Key; afterwards the
// database holds exactly one booking, one message thread and one e-consultation per request — none lost, none doubled.
// Sockets that went with the instance reconnect through HAProxy to another one and see the queue as it is, and changes
// reach every socket whichever instance it is on (Redis). Real processes, real HAProxy, one database.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from './database.ts';
import { startCluster, type TestCluster } from './cluster.ts';
import { killHard } from './server-process.ts';
import { Browser } from './server.ts';
import { LiveClient } from './live-client.ts';
import { syntheticNationalId } from '../src/server/demo/synthetic-ids.ts';
import { allNo } from '../src/server/econsult/test-flow.ts';

const CLIENTS = 16;
/** Rounds each client makes, one after the other (a booking, a message, an e-consultation), so the load goes on across the kill. */
const EACH = 3;
/** Patients waiting in the drop-in queue with a live socket each: round robin spreads them over the instances. */
const WAITING = 6;

describe('a cluster instance killed during load', () => {
  let database: TestDatabase;
  let cluster: TestCluster;
  const sockets: LiveClient[] = [];

  beforeAll(async () => {
    database = await freshDatabase();
    cluster = await startCluster({ databaseUrl: database.url, redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' });
  }, 180_000);
  afterAll(async () => {
    for (const s of sockets) s.close();
    await cluster?.stop();
    await database?.drop();
  });

  async function patient(i: number, born: string): Promise<{ who: Browser; id: string }> {
    const o = database.owner;
    const nid = syntheticNationalId(born, 9);
    const { id } = (await o.query(`INSERT INTO persons (national_id, national_id_kind, name, birth_date) VALUES ($1, 'synthetic', $2, $3) RETURNING id`, [nid, `Klient ${i + 1}`, born])).rows[0];
    const who = new Browser(cluster.url);
    await who.login(nid);
    return { who, id };
  }

  /** Sends until an answer other than a 5xx comes, with the same Idempotency-Key each time; the final status. */
  async function persist(who: Browser, path: string, json: unknown, onDone: () => void): Promise<number> {
    const key = randomUUID();
    for (let attempt = 0; attempt < 60; attempt++) {
      try {
        const res = await who.fetch(path, { method: 'POST', headers: { 'idempotency-key': key }, json });
        await res.arrayBuffer();
        if (res.status < 500) {
          if (res.status < 300) onDone();
          return res.status;
        }
      } catch {
        /* the connection went with the instance: ask again, with the same key */
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    return 0;
  }

  it('retried requests are kept exactly once, and live sockets come back with the right state', { timeout: 240_000 }, async () => {
    const o = database.owner;
    const clinic = (await o.query(`SELECT id FROM clinics WHERE name = 'Fjordbyen legekontor'`)).rows[0].id as string;
    const nordlys = (await o.query(`SELECT id FROM clinics WHERE name = 'Nordlys nettklinikk'`)).rows[0].id as string;
    const clients: Array<{ who: Browser; id: string }> = [];
    for (let i = 0; i < CLIENTS; i++) clients.push(await patient(i, `1960-02-${String(i + 1).padStart(2, '0')}`));

    // Patients waiting in Nordlys's drop-in queue, each with a live socket: two on each instance (opened past HAProxy,
    // so that the instance to be killed surely holds some), from the cluster's origin as the browser would.
    const waiting: Array<{ who: Browser; id: string; live: LiveClient; position: number }> = [];
    for (let i = 0; i < WAITING; i++) {
      const p = await patient(100 + i, `1970-03-${String(i + 1).padStart(2, '0')}`);
      expect((await p.who.fetch(`/api/dropin/${nordlys}/join`, { method: 'POST', json: { visitType: 'video' } })).status).toBe(201);
      const live = await LiveClient.open(p.who, `http://127.0.0.1:${cluster.ports[i % cluster.ports.length]}`, cluster.url);
      sockets.push(live);
      const snapshot = await live.subscribe(`dropin:me:${nordlys}`);
      expect(snapshot).toMatchObject({ type: 'dropin.position', status: 'waiting', position: i + 1 });
      waiting.push({ ...p, live, position: i + 1 });
    }

    // A free time each, from the next days.
    const from = new Date(Date.now() + 2 * 86_400_000);
    const free = (await (await clients[0]!.who.fetch(`/api/availability?${new URLSearchParams({ clinicId: clinic, visitType: 'video', from: from.toISOString(), to: new Date(from.getTime() + 14 * 86_400_000).toISOString() })}`)).json()) as { slots: Array<{ practitionerId: string; start: string }> };
    const slots = free.slots.filter((s, i, all) => all.findIndex((x) => x.start === s.start) === i).sort((a, b) => Date.parse(a.start) - Date.parse(b.start)).slice(0, CLIENTS * EACH);
    expect(slots).toHaveLength(CLIENTS * EACH);

    let completed = 0;
    const done = () => completed++;
    const results = Promise.all(
      clients.map(async (c, i) => {
        const statuses: number[] = [];
        for (let k = 0; k < EACH; k++) {
          // A client's own times lie CLIENTS slots apart, so they never overlap (a patient has one visit at a time).
          const slot = slots[k * CLIENTS + i]!;
          statuses.push(await persist(c.who, '/api/appointments', { practitionerId: slot.practitionerId, start: slot.start, visitType: 'video' }, done));
          statuses.push(await persist(c.who, '/api/threads', { kind: 'admin', clinicId: clinic, subject: `Spørsmål ${k + 1}`, body: 'Kan jeg få en kopi av timebekreftelsen?' }, done));
          statuses.push(await persist(c.who, '/api/econsult/cases', { clinicId: clinic, screening: allNo() }, done));
        }
        return statuses;
      }),
    );
    while (completed < (CLIENTS * EACH * 3) / 3) await new Promise((r) => setTimeout(r, 5));
    await killHard(cluster.instances[1]!);
    const completedAtKill = completed;
    const statuses = (await results).flat();
    // The load went on after the kill, through the two instances left.
    expect(completed - completedAtKill).toBeGreaterThan(0);
    expect(cluster.instances[1]!.signalCode).toBe('SIGKILL');
    expect(statuses.filter((s) => s !== 201)).toEqual([]);

    // Checked by SQL: each request exactly once.
    const ids = clients.map((c) => c.id);
    const count = async (query: string) => (await o.query(query, [ids])).rows as Array<{ n: number }>;
    for (const [what, rows] of [
      ['bookings', await count(`SELECT patient_id, count(*)::int AS n FROM appointments WHERE patient_id = ANY($1::uuid[]) AND status = 'booked' GROUP BY patient_id`)],
      ['message threads', await count(`SELECT patient_id, count(*)::int AS n FROM message_threads WHERE patient_id = ANY($1::uuid[]) GROUP BY patient_id`)],
      ['e-consultations', await count(`SELECT patient_id, count(*)::int AS n FROM econsult_cases WHERE patient_id = ANY($1::uuid[]) GROUP BY patient_id`)],
    ] as const) {
      expect(rows, what).toHaveLength(CLIENTS);
      expect(rows.every((r) => r.n === EACH), what).toBe(true);
    }

    // Sockets on the killed instance closed; they reconnect through HAProxy and see their place, unchanged.
    expect(waiting.filter((w) => w.live.closed).length).toBe(WAITING / cluster.ports.length);
    for (const w of waiting) {
      if (!w.live.closed) continue;
      w.live = await LiveClient.open(w.who, cluster.url);
      sockets.push(w.live);
      expect(await w.live.subscribe(`dropin:me:${nordlys}`)).toMatchObject({ status: 'waiting', position: w.position });
    }
    expect(waiting.filter((w) => w.live.messages.length > 0).length).toBe(WAITING);
    // The first in line leaves: every other socket, whichever instance holds it, hears its new place.
    expect((await waiting[0]!.who.fetch(`/api/dropin/${nordlys}/me`, { method: 'DELETE' })).status).toBeLessThan(300);
    for (const w of waiting.slice(1)) {
      expect(await w.live.next((m) => m.type === 'dropin.position' && m.position === w.position - 1, 10_000)).toMatchObject({ status: 'waiting' });
    }
  });
});
