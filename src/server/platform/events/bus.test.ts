// The Redis event bus against the machine's Redis (127.0.0.1:6379, or REDIS_URL): events cross connections, and a break
// in which events may have been lost (the subscriber's connection dropped, a publish failed) is counted. Against a Redis
// of its own, killed and frozen: publishing never holds a request long, and the bus says when it is live.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import pino from 'pino';
import { freePort } from '../../../../test/global-setup.ts';
import { startRedis, type RedisProcess } from '../../../../test/redis-process.ts';
import { PUBLISH_TIMEOUT_MS, redisBus, type EventBus } from './bus.ts';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const log = pino({ level: 'silent' });

async function until(what: string, ok: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('redis event bus', () => {
  const open: EventBus[] = [];
  const admin = new Redis(REDIS_URL, { lazyConnect: true });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((b) => b.close()));
    admin.disconnect();
  });

  it('passes events between two buses, and counts a dropped subscriber connection as a break, after which events flow again', async () => {
    const prefix = `nettlege-bus-test-${process.pid}-${Date.now()}:`;
    const a = redisBus(REDIS_URL, prefix, log);
    const b = redisBus(REDIS_URL, prefix, log);
    open.push(a, b);
    const got: unknown[] = [];
    b.listen((p, topic) => topic === 'room' && got.push(p));
    b.subscribe('room');
    await until('both buses to be live', () => a.live() && b.live());
    // A subscription is made a moment after subscribe() returns: publish until the first one arrives.
    await until('the first event', () => (void a.publish('room', { n: 1 }), got.length > 0));
    expect(b.breaks()).toBe(0);

    await admin.connect();
    const clients = String(await admin.client('LIST')).split('\n');
    // b's subscriber: on 'room' and the bus's own channel (a's is on the bus's own channel only).
    const subscriber = clients.find((line) => line.includes(` name=${prefix}sub `) && / sub=2 /.test(line));
    expect(subscriber).toBeDefined();
    await admin.client('KILL', 'ID', /id=(\d+)/.exec(subscriber!)![1]!);
    await until('the subscriber to come back', () => b.breaks() === 1 && b.live());

    got.length = 0;
    await until('an event after the break', () => (void a.publish('room', { n: 2 }), got.length > 0));
    expect(got[0]).toEqual({ n: 2 });
    expect(a.breaks()).toBe(0);
  });

  it('gives up at once on a publish that cannot be sent, and counts it as a break', async () => {
    // Nothing listens on this port: the bus cannot connect.
    const bus = redisBus(`redis://127.0.0.1:${await freePort()}`, 'nettlege-bus-test-down:', log);
    open.push(bus);
    expect(bus.live()).toBe(false);
    const t0 = Date.now();
    await expect(bus.publish('room', { n: 1 })).resolves.toBe(false);
    expect(Date.now() - t0).toBeLessThan(200);
    expect(bus.breaks()).toBe(1);
  });
});

describe('redis event bus when Redis stops', () => {
  let redis: RedisProcess;
  const open: EventBus[] = [];
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((b) => b.close()));
  });
  afterAll(async () => redis?.stop());

  /** Two buses on the private Redis, b listening to 'room', and what b received and said of being live. */
  async function pair() {
    const prefix = `nettlege-bus-stop-${Date.now()}:`;
    const a = redisBus(redis.url, prefix, log);
    const b = redisBus(redis.url, prefix, log);
    open.push(a, b);
    const got: unknown[] = [];
    const said: boolean[] = [];
    b.listen((p, topic) => topic === 'room' && got.push(p));
    b.onLiveChange((live) => said.push(live));
    b.subscribe('room');
    await until('both buses to be live', () => a.live() && b.live());
    await until('the first event', () => (void a.publish('room', { n: 0 }), got.length > 0));
    return { a, b, got, said };
  }

  it('publishes fail at once while it is down; the buses say so, and when it is back they are live and a topic asked for meanwhile works', async () => {
    const { a, b, got, said } = await pair();
    expect(said).toEqual([true]);
    await redis.kill();
    await until('b to say it is not live', () => said.at(-1) === false, 5_000);
    await until('a to be not live', () => !a.live(), 5_000);
    const t0 = Date.now();
    expect(await a.publish('room', { n: 1 })).toBe(false);
    expect(Date.now() - t0).toBeLessThan(200);
    // A live socket subscribing while Redis is away: its SUBSCRIBE waits for Redis, not dropped.
    const other: unknown[] = [];
    b.listen((p, topic) => topic === 'other' && other.push(p));
    b.subscribe('other');

    await redis.start();
    await until('b to say it is live again', () => said.at(-1) === true, 10_000);
    await until('a to be live again', () => a.live(), 10_000);
    // Then perhaps live again once more: a says on the bus that it could not send the event above.
    expect(said.slice(0, 3)).toEqual([true, false, true]);
    expect(said.slice(3).every(Boolean)).toBe(true);
    // Live means subscribed again: the first event after it arrives, no retrying needed.
    got.length = 0;
    expect(await a.publish('room', { n: 2 })).toBe(true);
    expect(await a.publish('other', { n: 3 })).toBe(true);
    await until('the events after the outage', () => got.length > 0 && other.length > 0, 2_000);
    expect(got).toEqual([{ n: 2 }]);
    expect(other).toEqual([{ n: 3 }]);
    expect(b.breaks()).toBeGreaterThan(0);
  });

  it('a Redis that hangs holds a publish at most a second; the next ones give up at once until it answers again, and then every bus hears that events were lost', async () => {
    const { a, b, got, said: bSaid } = await pair();
    const said: boolean[] = [];
    a.onLiveChange((live) => said.push(live));
    const bBreaks = b.breaks();
    redis.freeze();
    try {
      const t0 = Date.now();
      expect(await a.publish('room', { n: 1 })).toBe(false);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(PUBLISH_TIMEOUT_MS - 50);
      expect(Date.now() - t0).toBeLessThan(PUBLISH_TIMEOUT_MS + 500);
      expect(a.live()).toBe(false);
      const t1 = Date.now();
      expect(await a.publish('room', { n: 2 })).toBe(false);
      expect(Date.now() - t1).toBeLessThan(100);
    } finally {
      redis.resume();
    }
    // The late answer to the first publish says Redis is back; the second event never went, and a says so.
    await until('a to be live again', () => a.live(), 5_000);
    expect(said.slice(0, 2)).toEqual([false, true]);
    // b's connections stayed up throughout: it never stopped being live, but hears that events were lost (a break, and
    // its watchers told live again, so its sockets are recomputed); so does a itself.
    await until('b to hear of the lost event', () => bSaid.length === 2, 5_000);
    expect(bSaid).toEqual([true, true]);
    expect(b.breaks()).toBe(bBreaks + 1);
    await until('a to hear it too', () => said.length === 3, 5_000);
    expect(await a.publish('room', { n: 3 })).toBe(true);
    await until('the event after the hang', () => got.some((p) => (p as { n: number }).n === 3), 2_000);
  });
});
