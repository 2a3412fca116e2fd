// Operations (issue 12): Redis stopped under a three-instance cluster. Bookings, a cancellation and an e-consultation go
// on over HTTP in bounded time; every live socket is told it is not live, and when Redis is back, told it is live again,
// shown what changed meanwhile, and reached again by changes made through another instance. The cluster runs on a
// Redis of its own (killed with kill -9 and started again on the same port), never the machine's shared one.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from './database.ts';
import { startCluster, type TestCluster } from './cluster.ts';
import { LiveClient, type LiveMessage } from './live-client.ts';
import { demoClinicId, demoPerson } from './people.ts';
import { startRedis, type RedisProcess } from './redis-process.ts';
import { processUrl } from './server-process.ts';
import { Browser } from './server.ts';
import { allNo } from '../src/server/econsult/test-flow.ts';

/** The longest a request may take while Redis is away: it must not wait for Redis. */
const REQUEST_BOUND_MS = 3_000;
/** A socket hears that it is not live this soon after Redis stops, */
const NOT_LIVE_BOUND_MS = 5_000;
/** and that it is live again this soon after Redis is back (ioredis retries every 2 s at most). */
const LIVE_AGAIN_BOUND_MS = 10_000;
const EVENT_BOUND_MS = 5_000;
const OUTAGE_MS = 4_000;

const notLive = (m: LiveMessage) => m.type === 'live' && m.live === false;
const liveAgain = (m: LiveMessage) => m.type === 'live' && m.live === true;

describe('Redis stopped under the cluster', () => {
  let redis: RedisProcess;
  let database: TestDatabase;
  let cluster: TestCluster;
  const sockets: LiveClient[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    database = await freshDatabase();
    cluster = await startCluster({ databaseUrl: database.url, redisUrl: redis.url });
  }, 180_000);
  afterAll(async () => {
    for (const s of sockets) s.close();
    await cluster?.stop();
    await redis?.stop();
    await database?.drop();
  });

  /** `request`'s status and body, which must come within REQUEST_BOUND_MS. */
  async function timed(request: Promise<Response>): Promise<{ status: number; body: Record<string, any> }> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${REQUEST_BOUND_MS} ms`)), REQUEST_BOUND_MS)));
    try {
      return await Promise.race([request.then(async (res) => ({ status: res.status, body: (await res.json()) as Record<string, any> })), late]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** A message matching `match` among those `socket` received since `from` (an index in its messages), within EVENT_BOUND_MS. */
  async function seen(socket: LiveClient, from: number, match: (m: LiveMessage) => boolean): Promise<void> {
    for (const end = Date.now() + EVENT_BOUND_MS; !socket.messages.slice(from).some(match); ) {
      if (Date.now() > end) throw new Error(`not seen within ${EVENT_BOUND_MS} ms; got ${JSON.stringify(socket.messages.slice(from))}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('requests go on while it is down; sockets are told, and catch up and hear other instances again when it is back', { timeout: 120_000 }, async () => {
    const o = database.owner;
    const fjordbyen = await demoClinicId(o, 'Fjordbyen legekontor');
    const [kariP, liseP, emma] = [await demoPerson(o, 'Kari Nordmann'), await demoPerson(o, 'Lise Berg'), await demoPerson(o, 'Emma Nordmann')];
    const kari = new Browser(cluster.url);
    await kari.login(kariP.nationalId);
    const lise = new Browser(cluster.url);
    await lise.login(liseP.nationalId, 'staff', { hpr: liseP.hpr! });
    const instance = cluster.ports.map(processUrl);

    /** Kari's e-consultation for Emma at Fjordbyen (free for a child at a public GP office: straight into the queue). */
    const draft = async () => {
      const started = await timed(kari.fetch('/api/econsult/cases', { method: 'POST', headers: { 'idempotency-key': randomUUID() }, json: { clinicId: fjordbyen, patientId: emma.id, screening: allNo() } }));
      expect(started.status).toBe(201);
      const id = started.body.id as string;
      const answers = { kind: 'follow-up', question: 'Øret verker igjen.', allergy: false };
      expect((await kari.fetch(`/api/econsult/cases/${id}`, { method: 'PATCH', json: { reasonId: 'other', answers, description: 'Vondt i øret.' } })).status).toBe(200);
      return id;
    };
    const submit = (id: string, via = cluster.url) => timed(kari.fetch(`${via}/api/econsult/cases/${id}/submit`, { method: 'POST' }));
    const queued = (id: string) => (m: LiveMessage) => m.type === 'econsult.queue' && (m.items as Array<{ id: string }>).some((i) => i.id === id);
    const caseIs = (status: string) => (m: LiveMessage) => m.type === 'econsult.case' && m.status === status;

    // Lise watches the clinic's queue on the second instance, Kari her draft on the third.
    const queue = await LiveClient.open(lise, instance[1]!, cluster.url);
    const mine = await LiveClient.open(kari, instance[2]!, cluster.url);
    sockets.push(queue, mine);
    await queue.subscribe('econsult:queue');
    const during = await draft();
    expect(await mine.subscribe(`econsult:case:${during}`)).toMatchObject({ type: 'econsult.case', status: 'draft' });
    // Before: a case sent through the first instance reaches Lise's queue on the second.
    const before = await draft();
    expect((await submit(before, instance[0])).body.case.status).toBe('open');
    await queue.next(queued(before), EVENT_BOUND_MS);

    // Free times to book meanwhile, from the clinic's coming days (two days on: not today, whatever the hour).
    const from = new Date(Date.now() + 2 * 86_400_000);
    const free = (await (await kari.fetch(`/api/availability?${new URLSearchParams({ clinicId: fjordbyen, visitType: 'video', from: from.toISOString(), to: new Date(from.getTime() + 14 * 86_400_000).toISOString() })}`)).json()) as { slots: Array<{ practitionerId: string; start: string }> };
    // Hours apart: a patient has one visit at a time.
    const slots = free.slots
      .sort((a, b) => Date.parse(a.start) - Date.parse(b.start))
      .reduce<typeof free.slots>((picked, s) => (picked.length && Date.parse(s.start) - Date.parse(picked.at(-1)!.start) < 2 * 3_600_000 ? picked : [...picked, s]), [])
      .slice(0, 3);
    expect(slots).toHaveLength(3);

    const [queueMark, mineMark] = [queue.messages.length, mine.messages.length];
    await redis.kill();
    const downSince = Date.now();
    await queue.next(notLive, NOT_LIVE_BOUND_MS);
    await mine.next(notLive, NOT_LIVE_BOUND_MS);

    // Bookings, with their Idempotency-Key, one through each instance, and a cancellation through HAProxy.
    const booked: string[] = [];
    for (const [k, slot] of slots.entries()) {
      const r = await timed(kari.fetch(`${instance[k]}/api/appointments`, { method: 'POST', headers: { 'idempotency-key': randomUUID() }, json: { practitionerId: slot.practitionerId, start: slot.start, visitType: 'video' } }));
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      booked.push(r.body.id as string);
    }
    const cancelled = await timed(kari.fetch(`/api/appointments/${booked[0]}/cancel`, { method: 'POST' }));
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    const sent = await submit(during);
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(sent.body.case.status).toBe('open');
    const rows = await o.query(`SELECT status FROM appointments WHERE id = ANY($1::uuid[]) ORDER BY status`, [booked]);
    expect(rows.rows.map((r: { status: string }) => r.status)).toEqual(['booked', 'booked', 'cancelled']);
    // No instance fell over: each still answers, and says it is ready (Redis is not needed to serve).
    for (const url of instance) expect((await fetch(`${url}/readyz`)).status).toBe(200);

    // Away a few seconds at least, so the instances' attempts to reconnect fail a few times, as in a real outage.
    await new Promise((r) => setTimeout(r, Math.max(0, OUTAGE_MS - (Date.now() - downSince))));
    await redis.start();
    await queue.next(liveAgain, LIVE_AGAIN_BOUND_MS);
    await mine.next(liveAgain, LIVE_AGAIN_BOUND_MS);
    // What happened meanwhile, whose events were lost, is shown without anyone asking: recomputed when the bus came
    // back, or already by a heartbeat during the outage (it recomputes everything after a break).
    await seen(queue, queueMark, queued(during));
    await seen(mine, mineMark, caseIs('open'));
    // And changes made through another instance reach the sockets again: Lise takes the case through the first
    // instance; Kari, on the third, sees it taken.
    expect((await lise.fetch(`${instance[0]}/api/staff/econsult/cases/${during}/claim`, { method: 'POST' })).status).toBe(200);
    await mine.next(caseIs('claimed'), EVENT_BOUND_MS);
    const after = await draft();
    expect((await submit(after, instance[2])).body.case.status).toBe('open');
    await queue.next(queued(after), EVENT_BOUND_MS);
    expect(queue.closed).toBeUndefined();
    expect(mine.closed).toBeUndefined();
  });
});
