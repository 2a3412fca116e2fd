// The live sockets of one process: shared bus subscriptions, coalesced recomputation, heartbeat, ended sessions, floods.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { freshDatabase, type TestDatabase } from '../../../../test/database.ts';
import { inProcessBus } from '../events/bus.ts';
import { countingBus } from '../events/counting-bus.ts';
import { createSession, endSession } from '../../identity/sessions.ts';
import type { SessionInfo } from './access.ts';
import type { LiveViewer } from './live.ts';
import { CLOSE_SESSION_ENDED, CLOSE_TOO_MANY_MESSAGES, LiveSubscriptions } from './live-subscriptions.ts';
import type { LiveSocket } from './live-socket-state.ts';

class FakeSocket implements LiveSocket {
  readyState = 1;
  readonly sent: Array<Record<string, unknown>> = [];
  pings = 0;
  closedWith: number | undefined;
  private readonly listeners = new Map<string, Array<() => void>>();
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  ping() {
    this.pings++;
  }
  terminate() {
    this.readyState = 3;
  }
  close(code?: number) {
    this.closedWith = code;
    this.readyState = 3;
    this.emit('close');
  }
  on(event: string, listener: (...args: never[]) => void) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener as () => void]);
    return this;
  }
  emit(event: string) {
    // As an EventEmitter does: the socket is `this` in its listeners.
    for (const l of this.listeners.get(event) ?? []) l.call(this);
  }
}

const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms));

/** A socket's viewer: the session with this id (the rest of the session is not looked at here). */
const on = (sessionId: string): LiveViewer => ({ session: { id: sessionId } as SessionInfo, guest: null });

describe('live subscriptions', () => {
  let database: TestDatabase;
  let sessionId = '';
  const log = pino({ level: 'silent' });

  beforeAll(async () => {
    database = await freshDatabase();
    const person = (await database.owner.query(`INSERT INTO persons (national_id, national_id_kind, name, birth_date) VALUES ('99999999999', 'synthetic', 'Live Tester', '1990-01-01') RETURNING id`)).rows[0].id;
    await createSession(database.db, { idleMinutes: 30, absoluteHours: 1 }, { personId: person, kind: 'patient', clinicId: null, language: 'nb' });
    sessionId = (await database.owner.query(`SELECT id FROM sessions WHERE person_id = $1`, [person])).rows[0].id;
  });
  afterAll(async () => database?.drop());

  it('sockets on the same bus topic share one bus subscription, ended when the last one leaves', async () => {
    const bus = countingBus();
    const live = new LiveSubscriptions(bus, log);
    const [a, b] = [new FakeSocket(), new FakeSocket()];
    const feed = { busTopics: ['queue:1'], snapshot: async () => ({ type: 'x' }) };
    live.attach(a, on(sessionId), 'req-a');
    live.attach(b, on(sessionId), 'req-b');
    await live.add(a, 't', feed);
    await live.add(b, 't', feed);
    expect(bus.active.get('queue:1')).toBe(1);
    a.close();
    expect(bus.active.get('queue:1')).toBe(1);
    live.remove(b, 't');
    expect(bus.active.get('queue:1')).toBe(0);
  });

  it('events during a recomputation cause one more, and an unchanged message is not sent again', async () => {
    const bus = inProcessBus();
    const live = new LiveSubscriptions(bus, log);
    const ws = new FakeSocket();
    let value = 0;
    let runs = 0;
    live.attach(ws, on(sessionId), 'req');
    await live.add(ws, 't', { busTopics: ['q'], snapshot: async () => (runs++, await tick(), { type: 'n', value }) });
    expect(ws.sent).toEqual([{ type: 'n', value: 0, topic: 't' }]);
    value = 1;
    for (let i = 0; i < 5; i++) await bus.publish('q', {});
    await tick(100);
    expect(runs).toBe(3);
    expect(ws.sent.map((m) => m.value)).toEqual([0, 1]);
  });

  it('the heartbeat pings, drops a socket that did not answer, and closes one whose session ended', async () => {
    const live = new LiveSubscriptions(inProcessBus(), log);
    const [answers, silent] = [new FakeSocket(), new FakeSocket()];
    live.attach(answers, on(sessionId), 'req-1');
    live.attach(silent, on(sessionId), 'req-2');
    await live.heartbeat(database.db, 30);
    expect([answers.pings, silent.pings]).toEqual([1, 1]);
    answers.emit('pong');
    await live.heartbeat(database.db, 30);
    expect(silent.readyState).toBe(3);
    expect(answers.pings).toBe(2);
    expect(answers.closedWith).toBeUndefined();
    answers.emit('pong');
    await endSession(database.db, sessionId);
    await live.heartbeat(database.db, 30);
    expect(answers.closedWith).toBe(CLOSE_SESSION_ENDED);
  });

  it('the heartbeat recomputes what changes with time; everything only after a break of the bus, and every 20 beats', async () => {
    // A session of its own: the test above ended the shared one.
    const person = (await database.owner.query(`SELECT person_id FROM sessions WHERE id = $1`, [sessionId])).rows[0].person_id;
    await createSession(database.db, { idleMinutes: 30, absoluteHours: 1 }, { personId: person, kind: 'patient', clinicId: null, language: 'nb' });
    const ownSession = (await database.owner.query(`SELECT id FROM sessions WHERE person_id = $1 AND ended_at IS NULL`, [person])).rows[0].id;
    let breaks = 0;
    const bus = { ...inProcessBus(), breaks: () => breaks };
    const live = new LiveSubscriptions(bus, log);
    const runs = { timed: 0, evented: 0 };
    const [clock, room] = [new FakeSocket(), new FakeSocket()];
    for (const ws of [clock, room]) live.attach(ws, on(ownSession), 'req');
    await live.add(clock, 't', { busTopics: ['q'], snapshot: async () => ({ type: 'x', n: ++runs.timed }), changesWithTime: true });
    await live.add(room, 'r', { busTopics: ['room'], snapshot: async () => ({ type: 'y', n: ++runs.evented }) });
    // A new bus topic is looked at once more a moment after joining it (see `add`): let that pass first.
    await tick(600);
    const counted = () => ({ timed: runs.timed - 2, evented: runs.evented - 2 });
    const beat = async () => {
      for (const ws of [clock, room]) ws.emit('pong');
      await live.heartbeat(database.db, 30);
      await tick(30);
    };
    await beat();
    await beat();
    expect(counted()).toEqual({ timed: 2, evented: 0 });
    expect(clock.sent.map((m) => m.n)).toEqual([1, 2, 3, 4]);
    breaks++;
    await beat();
    expect(counted()).toEqual({ timed: 3, evented: 1 });
    await beat();
    expect(counted()).toEqual({ timed: 4, evented: 1 });
    // Four beats so far; the twentieth sweeps everything.
    for (let i = 4; i < 19; i++) await beat();
    expect(counted()).toEqual({ timed: 19, evented: 1 });
    await beat();
    expect(counted()).toEqual({ timed: 20, evented: 2 });
    expect(room.closedWith).toBeUndefined();
  });

  it('sockets are told when the bus stops and starts carrying other instances\' events, and everything is recomputed when it starts', async () => {
    let live = true;
    const watchers = new Set<(live: boolean) => void>();
    const bus = { ...inProcessBus(), live: () => live, onLiveChange: (w: (live: boolean) => void) => (watchers.add(w), () => void watchers.delete(w)) };
    const set = (value: boolean) => {
      live = value;
      for (const w of watchers) w(value);
    };
    const subs = new LiveSubscriptions(bus, log);
    let value = 0;
    const [early, late] = [new FakeSocket(), new FakeSocket()];
    subs.attach(early, on(sessionId), 'req');
    await subs.add(early, 't', { busTopics: ['q'], snapshot: async () => ({ type: 'n', value }) });
    expect(early.sent).toEqual([{ type: 'n', value: 0, topic: 't' }]);

    set(false);
    expect(early.sent.at(-1)).toEqual({ type: 'live', live: false });
    // A socket opened meanwhile is told at once; one opened while live is told nothing (live is the client's assumption).
    subs.attach(late, on(sessionId), 'req');
    expect(late.sent).toEqual([{ type: 'live', live: false }]);

    // A change whose event was lost with the bus: seen when the bus is back.
    value = 1;
    set(true);
    await tick(50);
    expect(early.sent.slice(-2)).toEqual([{ type: 'live', live: true }, { type: 'n', value: 1, topic: 't' }]);
    expect(late.sent.at(-1)).toEqual({ type: 'live', live: true });
    // Another instance could not send some events: recomputed again, and the sockets are not told twice.
    value = 2;
    set(true);
    await tick(50);
    expect(early.sent.slice(-3)).toEqual([{ type: 'live', live: true }, { type: 'n', value: 1, topic: 't' }, { type: 'n', value: 2, topic: 't' }]);
    subs.closeAll();
    expect(watchers.size).toBe(0);
  });

  it('a client flooding the socket with messages is disconnected', () => {
    const live = new LiveSubscriptions(inProcessBus(), log);
    const ws = new FakeSocket();
    live.attach(ws, on('any'), 'req');
    const allowed = Array.from({ length: 61 }, () => live.allowMessage(ws, 1_000));
    expect(allowed.filter(Boolean)).toHaveLength(60);
    expect(ws.closedWith).toBe(CLOSE_TOO_MANY_MESSAGES);
  });
});
