// The Redis event bus against the machine's Redis (127.0.0.1:6379, or REDIS_URL): events cross connections, and a break
// in which events may have been lost (the subscriber's connection dropped, a publish failed) is counted.
import { afterEach, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import pino from 'pino';
import { freePort } from '../../../../test/global-setup.ts';
import { redisBus, type EventBus } from './bus.ts';

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
    const subscriber = clients.find((line) => line.includes(` name=${prefix}sub `) && / sub=1 /.test(line));
    expect(subscriber).toBeDefined();
    await admin.client('KILL', 'ID', /id=(\d+)/.exec(subscriber!)![1]!);
    await until('the subscriber to come back', () => b.breaks() === 1 && b.live());

    got.length = 0;
    await until('an event after the break', () => (void a.publish('room', { n: 2 }), got.length > 0));
    expect(got[0]).toEqual({ n: 2 });
    expect(a.breaks()).toBe(0);
  });

  it('counts a publish that could not be sent as a break', async () => {
    // Nothing listens on this port: the bus cannot connect, and the publish fails after its retries.
    const bus = redisBus(`redis://127.0.0.1:${await freePort()}`, 'nettlege-bus-test-down:', log);
    open.push(bus);
    expect(bus.live()).toBe(false);
    await expect(bus.publish('room', { n: 1 })).rejects.toThrow();
    expect(bus.breaks()).toBe(1);
  });
});
