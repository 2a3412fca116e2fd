// The open live sockets of this process and what each subscribed to: one bus subscription per bus topic, shared by all
// sockets; recomputation coalesced per subscription; streams (e.g. video signaling) passed on as they come, in order;
// heartbeat pings, and sockets of ended sessions (or guests no longer let in) closed; each socket told when the bus
// stops and starts carrying other instances' events.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/database.ts';
import type { EventBus } from '../events/bus.ts';
import type { LiveFeed, LiveViewer } from './live.ts';
import { LiveFanout, type FanoutGroup } from './live-fanout.ts';

/** The part of a `ws` socket used here. */
export interface LiveSocket {
  readonly readyState: number;
  send(data: string): void;
  ping(): void;
  terminate(): void;
  close(code?: number, reason?: string): void;
  on(event: 'message', listener: (data: Buffer, isBinary: boolean) => void): unknown;
  on(event: 'pong' | 'close', listener: () => void): unknown;
}

const OPEN = 1;
const MAX_SUBSCRIPTIONS_PER_SOCKET = 20;
// A client subscribes to a few topics; this many messages in a window is a misbehaving client.
const MAX_MESSAGES_PER_WINDOW = 60;
// Stream messages (SDP offers, bursts of ICE candidates and chat in a call of four) get a budget of their own.
const MAX_STREAM_MESSAGES_PER_WINDOW = 600;
const WINDOW_SECONDS = 10;
/** The time in whole seconds, a small integer until 2038. */
const seconds = (ms = Date.now()) => Math.floor(ms / 1000);
/** How many subscriptions the heartbeat recomputes at a time. */
const HEARTBEAT_CONCURRENCY = 8;
/**
 * Every this many heartbeats (10 minutes at 30 s) the heartbeat recomputes every subscription, not only those that
 * change with time: an event published on another instance while its own Redis link was down is never seen here.
 */
const FULL_SWEEP_EVERY = 20;
/** What a socket is told when the bus goes away and comes back; a message without a topic, for the whole socket. */
const NOT_LIVE = { type: 'live', live: false } as const;
const LIVE = { type: 'live', live: true } as const;
/** Custom close code: the client sent far more messages than a page needs. */
export const CLOSE_TOO_MANY_MESSAGES = 1008;
/** Custom close code: the session behind the socket has ended or expired; log in again. */
export const CLOSE_SESSION_ENDED = 4401;

/** Being recomputed. */
const RUNNING = 1;
/** Changed again while being recomputed: run once more. */
const AGAIN = 2;
/** Its message depends on the clock (LiveFeed.changesWithTime): the heartbeat recomputes it every time. */
const TIMED = 4;

interface Subscription {
  ws: LiveSocket;
  topic: string;
  snapshot: LiveFeed['snapshot'];
  /** The shared group of bus and stream topics it listens on (the feed itself is not kept: one idle socket, little memory). */
  group: FanoutGroup<Subscription>;
  /** RUNNING, AGAIN and TIMED in one small integer (three booleans would be three fields on every idle socket). */
  flags: number;
  /**
   * 31 bits of a digest of the last message sent, so an unchanged recomputation is not sent again (a small integer, kept
   * in the object, where a larger number would be an object of its own on every idle socket).
   */
  last: number;
}

/**
 * One object per socket, so an idle socket carries no more: who is on it (a session, or a guest — a video interpreter
 * or relative — let in by a capability), the request that opened it (for audit), its stream messages in order, and
 * what the heartbeat, the rate limits and the subscriptions need.
 */
export type SocketState = LiveViewer & {
  requestId: string;
  /** The stream messages (signals, chat) being handled, one after another. */
  streamQueue: Promise<void> | null;
  alive: boolean;
  /** Seconds (see `seconds`): small integers, unboxed, where milliseconds since 1970 would each be a boxed number. */
  windowStart: number;
  messages: number;
  streamMessages: number;
  /**
   * At most MAX_SUBSCRIPTIONS_PER_SOCKET, usually one, which is kept as it is (no array on an idle socket); more are a
   * short array, replaced, never pushed to (a push reserves room for 17 entries). See `subsOf`.
   */
  subs: Subscription | Subscription[] | null;
};

/** A socket's subscriptions as a list. */
const subsOf = (state: SocketState): Subscription[] => (state.subs === null ? [] : Array.isArray(state.subs) ? state.subs : [state.subs]);
/** The state's subscriptions from a list: none, one as it is, or the list. */
const keep = (subs: Subscription[]): SocketState['subs'] => (subs.length === 0 ? null : subs.length === 1 ? subs[0]! : subs);

/** Of these guests, those still let in; the heartbeat closes the sockets of the others. */
export type GuestCheck = (guestIds: string[]) => Promise<Set<string>>;

export class LiveSubscriptions {
  private readonly sockets = new Map<LiveSocket, SocketState>();
  private readonly fanout: LiveFanout<Subscription>;
  private readonly bus: EventBus;
  private guestCheck: GuestCheck = async () => new Set();
  private readonly log: FastifyBaseLogger;

  /** One pair of listeners for all sockets (ws calls them with the socket as `this`): none is made per socket. */
  private readonly onPong: (this: LiveSocket) => void;
  private readonly onClose: (this: LiveSocket) => void;
  private readonly stopWatching: () => void;
  /** What the sockets were last told of the bus (a socket assumes live until told otherwise). */
  private saidLive: boolean;

  constructor(bus: EventBus, log: FastifyBaseLogger) {
    this.bus = bus;
    this.log = log;
    this.saidLive = bus.live();
    this.stopWatching = bus.onLiveChange((live) => this.liveChanged(live));
    this.fanout = new LiveFanout<Subscription>(bus, {
      changed: (sub) => void this.refresh(sub),
      // Streams: no recomputation and no coalescing: each payload is a message of its own, passed on in the order it came.
      streamed: (sub, payload) => this.send(sub.ws, payload),
    });
    const sockets = this.sockets;
    const detach = (ws: LiveSocket) => this.detach(ws);
    this.onPong = function (this: LiveSocket) {
      const state = sockets.get(this);
      if (state) state.alive = true;
    };
    this.onClose = function (this: LiveSocket) {
      detach(this);
    };
  }

  attach(ws: LiveSocket, viewer: LiveViewer, requestId: string): void {
    const now = seconds();
    // Every field written out (no spread), so they all live in the object itself.
    const { session, guest } = viewer;
    const state = { session, guest, requestId, streamQueue: null, alive: true, windowStart: now, messages: 0, streamMessages: 0, subs: null };
    this.sockets.set(ws, state as SocketState);
    ws.on('pong', this.onPong);
    ws.on('close', this.onClose);
    // Live is the client's assumption; it is told otherwise, here and whenever the bus comes and goes (liveChanged).
    if (!this.saidLive) this.send(ws, NOT_LIVE);
  }

  /**
   * Tells every socket that live updates stopped ({"type":"live","live":false}: events from other instances cannot
   * reach it) or flow again (…true); then recomputes every subscription, as events sent meanwhile were lost. The bus
   * also says live again, while live, when another instance could not send some events: only the recomputation then.
   */
  private liveChanged(live: boolean): void {
    if (live !== this.saidLive) {
      this.saidLive = live;
      const text = JSON.stringify(live ? LIVE : NOT_LIVE);
      for (const ws of this.sockets.keys()) if (ws.readyState === OPEN) ws.send(text);
    }
    if (!live) return;
    this.breaksSeen = this.bus.breaks();
    void this.refreshEach([...this.sockets.values()].flatMap(subsOf));
  }

  /** Who is on the socket, and what attach kept with it. */
  stateOf(ws: LiveSocket): SocketState | undefined {
    return this.sockets.get(ws);
  }

  checkGuestsWith(check: GuestCheck): void {
    this.guestCheck = check;
  }

  /** Counts a message from the client; past the limit the socket is closed and false returned. */
  allowMessage(ws: LiveSocket, nowMs = Date.now()): boolean {
    return this.allow(ws, false, nowMs);
  }

  /** As allowMessage, for stream messages (signaling, chat), counted against their own larger budget. */
  allowStreamMessage(ws: LiveSocket, nowMs = Date.now()): boolean {
    return this.allow(ws, true, nowMs);
  }

  /** Both budgets are counted in the same window of WINDOW_SECONDS, started by the first message after the last one. */
  private allow(ws: LiveSocket, stream: boolean, nowMs: number): boolean {
    const state = this.sockets.get(ws);
    if (!state) return false;
    const now = seconds(nowMs);
    if (now - state.windowStart >= WINDOW_SECONDS) {
      state.windowStart = now;
      state.messages = 0;
      state.streamMessages = 0;
    }
    if (stream ? ++state.streamMessages <= MAX_STREAM_MESSAGES_PER_WINDOW : ++state.messages <= MAX_MESSAGES_PER_WINDOW) return true;
    ws.close(CLOSE_TOO_MANY_MESSAGES, 'too many messages');
    this.detach(ws);
    return false;
  }

  mayAdd(ws: LiveSocket): boolean {
    const state = this.sockets.get(ws);
    return state !== undefined && subsOf(state).length < MAX_SUBSCRIPTIONS_PER_SOCKET;
  }

  /** Listens first, then sends the first snapshot, so no change between the two is lost. */
  async add(ws: LiveSocket, topic: string, feed: LiveFeed): Promise<void> {
    const state = this.sockets.get(ws);
    if (!state) return;
    this.remove(ws, topic);
    const flags = feed.changesWithTime === true ? TIMED : 0;
    const sub: Subscription = this.fanout.join(feed.busTopics, feed.streams ?? [], (group) => ({ ws, topic, snapshot: feed.snapshot, group, flags, last: -1 }));
    state.subs = keep(subsOf(state).concat(sub));
    // Keep one shared string, not a copy per socket: a bus topic of the group, or another socket's in the group.
    sub.topic = sub.group.topics.find((t) => t === topic) ?? this.fanout.members(sub.group).find((s) => s !== sub && s.topic === topic)?.topic ?? topic;
    await this.refresh(sub);
  }

  remove(ws: LiveSocket, topic: string): void {
    const state = this.sockets.get(ws);
    const subs = state ? subsOf(state) : [];
    const sub = subs.find((x) => x.topic === topic);
    if (!state || !sub) return;
    state.subs = keep(subs.filter((x) => x !== sub));
    this.fanout.leave(sub.group, sub);
  }

  send(ws: LiveSocket, message: object): void {
    if (ws.readyState === OPEN) ws.send(JSON.stringify(message));
  }

  /** Recomputes one subscription; events arriving meanwhile cause one more run, so the last message is never stale. */
  private async refresh(sub: Subscription): Promise<void> {
    if (sub.flags & RUNNING) {
      sub.flags |= AGAIN;
      return;
    }
    sub.flags |= RUNNING;
    try {
      do {
        sub.flags &= ~AGAIN;
        const state = this.sockets.get(sub.ws);
        if (!state || !subsOf(state).includes(sub)) return;
        const text = JSON.stringify({ ...(await sub.snapshot(sub.topic, state)), topic: sub.topic });
        const digest = createHash('sha256').update(text).digest().readUInt32BE(0) >>> 1;
        if (digest !== sub.last && sub.ws.readyState === OPEN) {
          sub.ws.send(text);
          sub.last = digest;
        }
      } while (sub.flags & AGAIN);
    } catch (err) {
      this.log.warn({ err: (err as Error).message, topic: sub.topic }, 'live snapshot failed');
    } finally {
      sub.flags &= ~RUNNING;
    }
  }

  private detach(ws: LiveSocket): void {
    const state = this.sockets.get(ws);
    if (!state) return;
    for (const { topic } of subsOf(state)) this.remove(ws, topic);
    this.sockets.delete(ws);
  }

  private beats = 0;
  private breaksSeen = 0;

  /**
   * Drops sockets that stopped answering pings, closes those whose session has ended, and recomputes the subscriptions
   * whose message changes with time (minutes waited). All of them are recomputed after a break of the bus since the
   * last heartbeat (events sent meanwhile are lost) and every FULL_SWEEP_EVERY heartbeats. Ten thousand idle waiting
   * rooms thus cost no queries between their events.
   */
  async heartbeat(db: Db, sessionIdleMinutes: number): Promise<void> {
    const breaks = this.bus.breaks();
    const full = ++this.beats % FULL_SWEEP_EVERY === 0 || breaks !== this.breaksSeen;
    this.breaksSeen = breaks;
    for (const [ws, state] of this.sockets) {
      if (!state.alive) {
        ws.terminate();
        this.detach(ws);
        continue;
      }
      state.alive = false;
      ws.ping();
    }
    const ids = [...new Set([...this.sockets.values()].flatMap((s) => (s.session ? [s.session.id] : [])))];
    const guestIds = [...new Set([...this.sockets.values()].flatMap((s) => (s.guest ? [s.guest.id] : [])))];
    if (ids.length === 0 && guestIds.length === 0) return;
    try {
      const guests = guestIds.length ? await this.guestCheck(guestIds) : new Set<string>();
      const live = ids.length === 0 ? [] : await db
        .selectFrom('sessions')
        .select('id')
        // One array parameter, whatever the number of sockets (a list of parameters stops at 65,535).
        .where(sql<boolean>`id = ANY(${ids}::text[])`)
        .where('ended_at', 'is', null)
        .where('absolute_expires_at', '>', sql<Date>`now()`)
        .where('last_seen_at', '>', sql<Date>`now() - make_interval(mins => ${sessionIdleMinutes})`)
        .execute();
      const alive = new Set(live.map((r) => r.id));
      const due: Subscription[] = [];
      for (const [ws, state] of this.sockets) {
        if ((state.session && alive.has(state.session.id)) || (state.guest && guests.has(state.guest.id))) {
          for (const sub of subsOf(state)) if (full || sub.flags & TIMED) due.push(sub);
        } else {
          ws.close(CLOSE_SESSION_ENDED, 'session ended');
          this.detach(ws);
        }
      }
      // A few at a time: ten thousand sockets must not start ten thousand recomputations (and their queries) at once.
      if (!this.sweeping) {
        this.sweeping = true;
        void this.refreshEach(due).finally(() => (this.sweeping = false));
      }
    } catch (err) {
      this.log.warn({ err: (err as Error).message }, 'live heartbeat could not check sessions');
    }
  }

  private sweeping = false;

  private async refreshEach(subs: Subscription[]): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < subs.length) await this.refresh(subs[next++]!);
    };
    await Promise.all(Array.from({ length: Math.min(HEARTBEAT_CONCURRENCY, subs.length) }, worker));
  }

  closeAll(): void {
    this.stopWatching();
    for (const ws of [...this.sockets.keys()]) {
      ws.close(1001, 'server shutting down');
      this.detach(ws);
    }
    this.fanout.close();
  }
}
