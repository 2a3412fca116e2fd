// The open live sockets of this process and what each subscribed to: one bus subscription per bus topic, shared by all
// sockets; recomputation coalesced per subscription; streams (e.g. video signaling) passed on as they come, in order;
// heartbeat pings, and sockets of ended sessions (or guests no longer let in) closed.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/database.ts';
import type { EventBus } from '../events/bus.ts';
import type { LiveFeed, LiveViewer } from './live.ts';

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
const SETTLE_MS = 500;
// A client subscribes to a few topics; this many messages in a window is a misbehaving client.
const MAX_MESSAGES_PER_WINDOW = 60;
// Stream messages (SDP offers, bursts of ICE candidates and chat in a call of four) get a budget of their own.
const MAX_STREAM_MESSAGES_PER_WINDOW = 600;
const WINDOW_SECONDS = 10;
/** The time in whole seconds, a small integer until 2038. */
const seconds = (ms = Date.now()) => Math.floor(ms / 1000);
/** How many subscriptions the heartbeat recomputes at a time. */
const HEARTBEAT_CONCURRENCY = 8;
/** Custom close code: the client sent far more messages than a page needs. */
export const CLOSE_TOO_MANY_MESSAGES = 1008;
/** Custom close code: the session behind the socket has ended or expired; log in again. */
export const CLOSE_SESSION_ENDED = 4401;

interface Subscription {
  ws: LiveSocket;
  topic: string;
  snapshot: LiveFeed['snapshot'];
  /** The shared bus and stream topics it listens on (the feed itself is not kept: one idle socket, little memory). */
  entries: TopicEntry[];
  running: boolean;
  again: boolean;
  /**
   * 31 bits of a digest of the last message sent, so an unchanged recomputation is not sent again (a small integer, kept
   * in the object, where a larger number would be an object of its own on every idle socket).
   */
  last: number;
}

/** One bus topic listened to by this process for all the subscriptions that need it. */
interface TopicEntry {
  map: Map<string, TopicEntry>;
  key: string;
  subs: Set<Subscription>;
  unsubscribe: () => void;
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
  streamWindowStart: number;
  streamMessages: number;
  /**
   * At most MAX_SUBSCRIPTIONS_PER_SOCKET, usually one: a short array holds less than a Map per idle socket. Replaced,
   * never pushed to: a push reserves room for 17 entries.
   */
  subs: Subscription[];
};

/** Of these guests, those still let in; the heartbeat closes the sockets of the others. */
export type GuestCheck = (guestIds: string[]) => Promise<Set<string>>;

export class LiveSubscriptions {
  private readonly sockets = new Map<LiveSocket, SocketState>();
  private readonly byBusTopic = new Map<string, TopicEntry>();
  private readonly byStreamTopic = new Map<string, TopicEntry>();
  private readonly bus: EventBus;
  private guestCheck: GuestCheck = async () => new Set();
  private readonly log: FastifyBaseLogger;

  /** One pair of listeners for all sockets (ws calls them with the socket as `this`): none is made per socket. */
  private readonly onPong: (this: LiveSocket) => void;
  private readonly onClose: (this: LiveSocket) => void;

  constructor(bus: EventBus, log: FastifyBaseLogger) {
    this.bus = bus;
    this.log = log;
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
    const state = { session, guest, requestId, streamQueue: null, alive: true, windowStart: now, messages: 0, streamWindowStart: now, streamMessages: 0, subs: [] };
    this.sockets.set(ws, state as SocketState);
    ws.on('pong', this.onPong);
    ws.on('close', this.onClose);
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
    const state = this.sockets.get(ws);
    if (!state) return false;
    const now = seconds(nowMs);
    if (now - state.windowStart >= WINDOW_SECONDS) {
      state.windowStart = now;
      state.messages = 0;
    }
    if (++state.messages <= MAX_MESSAGES_PER_WINDOW) return true;
    ws.close(CLOSE_TOO_MANY_MESSAGES, 'too many messages');
    this.detach(ws);
    return false;
  }

  /** As allowMessage, for stream messages (signaling, chat), counted against their own larger budget. */
  allowStreamMessage(ws: LiveSocket, nowMs = Date.now()): boolean {
    const state = this.sockets.get(ws);
    if (!state) return false;
    const now = seconds(nowMs);
    if (now - state.streamWindowStart >= WINDOW_SECONDS) {
      state.streamWindowStart = now;
      state.streamMessages = 0;
    }
    if (++state.streamMessages <= MAX_STREAM_MESSAGES_PER_WINDOW) return true;
    ws.close(CLOSE_TOO_MANY_MESSAGES, 'too many messages');
    this.detach(ws);
    return false;
  }

  mayAdd(ws: LiveSocket): boolean {
    return (this.sockets.get(ws)?.subs.length ?? MAX_SUBSCRIPTIONS_PER_SOCKET) < MAX_SUBSCRIPTIONS_PER_SOCKET;
  }

  /** Listens first, then sends the first snapshot, so no change between the two is lost. */
  async add(ws: LiveSocket, topic: string, feed: LiveFeed): Promise<void> {
    const state = this.sockets.get(ws);
    if (!state) return;
    this.remove(ws, topic);
    const sub: Subscription = { ws, topic, snapshot: feed.snapshot, entries: [], running: false, again: false, last: -1 };
    state.subs = state.subs.concat(sub);
    // Built whole (map, concat), not pushed to nor spread into, so an idle socket's arrays hold only their entries.
    const onBus = [...new Set(feed.busTopics)].map((busTopic) =>
      this.join(this.byBusTopic, busTopic, sub, (subs) => {
        const refreshAll = () => subs.forEach((s) => void this.refresh(s));
        // A cross-instance subscription (Redis SUBSCRIBE) becomes active a moment later: look once more after it.
        setTimeout(refreshAll, SETTLE_MS).unref();
        return refreshAll;
      }),
    );
    // Streams: no recomputation and no coalescing: each payload is a message of its own, passed on in the order it came.
    const onStreams = [...new Set(feed.streams ?? [])].map((streamTopic) =>
      this.join(this.byStreamTopic, streamTopic, sub, (subs) => (payload: unknown) => subs.forEach((s) => this.send(s.ws, payload as object))),
    );
    sub.entries = onStreams.length ? onBus.concat(onStreams) : onBus;
    // The topic is often one of its bus topics: keep the one shared string, not a copy per socket.
    sub.topic = sub.entries.find((e) => e.key === topic)?.key ?? topic;
    await this.refresh(sub);
  }

  /** Adds the subscription to the process's listener for a topic, subscribing to the bus when it is the first. */
  private join(map: Map<string, TopicEntry>, key: string, sub: Subscription, listener: (subs: Set<Subscription>) => (payload: unknown) => void): TopicEntry {
    let entry = map.get(key);
    if (!entry) {
      const subs = new Set<Subscription>();
      entry = { map, key, subs, unsubscribe: this.bus.subscribe(key, listener(subs)) };
      map.set(key, entry);
    }
    entry.subs.add(sub);
    return entry;
  }

  remove(ws: LiveSocket, topic: string): void {
    const state = this.sockets.get(ws);
    const sub = state?.subs.find((x) => x.topic === topic);
    if (!state || !sub) return;
    state.subs = state.subs.filter((x) => x !== sub);
    for (const entry of sub.entries) {
      entry.subs.delete(sub);
      if (entry.subs.size === 0 && entry.map.get(entry.key) === entry) {
        entry.unsubscribe();
        entry.map.delete(entry.key);
      }
    }
  }

  send(ws: LiveSocket, message: object): void {
    if (ws.readyState === OPEN) ws.send(JSON.stringify(message));
  }

  /** Recomputes one subscription; events arriving meanwhile cause one more run, so the last message is never stale. */
  private async refresh(sub: Subscription): Promise<void> {
    if (sub.running) {
      sub.again = true;
      return;
    }
    sub.running = true;
    try {
      do {
        sub.again = false;
        if (!this.sockets.get(sub.ws)?.subs.includes(sub)) return;
        const text = JSON.stringify({ ...(await sub.snapshot(sub.topic)), topic: sub.topic });
        const digest = createHash('sha256').update(text).digest().readUInt32BE(0) >>> 1;
        if (digest !== sub.last && sub.ws.readyState === OPEN) {
          sub.ws.send(text);
          sub.last = digest;
        }
      } while (sub.again);
    } catch (err) {
      this.log.warn({ err: (err as Error).message, topic: sub.topic }, 'live snapshot failed');
    } finally {
      sub.running = false;
    }
  }

  private detach(ws: LiveSocket): void {
    const state = this.sockets.get(ws);
    if (!state) return;
    for (const { topic } of [...state.subs]) this.remove(ws, topic);
    this.sockets.delete(ws);
  }

  /**
   * Drops sockets that stopped answering pings, closes those whose session has ended, and recomputes the rest
   * (a safety net for events missed while a cross-instance bus was down, and for times that grow, like minutes waited).
   */
  async heartbeat(db: Db, sessionIdleMinutes: number): Promise<void> {
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
        if ((state.session && alive.has(state.session.id)) || (state.guest && guests.has(state.guest.id))) due.push(...state.subs);
        else {
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
    for (const ws of [...this.sockets.keys()]) {
      ws.close(1001, 'server shutting down');
      this.detach(ws);
    }
  }
}
