// The open live sockets of this process and what each subscribed to: one bus subscription per bus topic, shared by all
// sockets; recomputation coalesced per subscription; streams (e.g. video signaling) passed on as they come, in order;
// heartbeat pings, and sockets of ended sessions (or guests no longer let in) closed.
import { sql } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/database.ts';
import type { EventBus } from '../events/bus.ts';
import type { LiveFeed } from './live.ts';

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
const WINDOW_MS = 10_000;
/** Custom close code: the client sent far more messages than a page needs. */
export const CLOSE_TOO_MANY_MESSAGES = 1008;
/** Custom close code: the session behind the socket has ended or expired; log in again. */
export const CLOSE_SESSION_ENDED = 4401;

interface Subscription {
  ws: LiveSocket;
  topic: string;
  feed: LiveFeed;
  running: boolean;
  again: boolean;
  /** The last message sent, so an unchanged recomputation is not sent again. */
  last: string | undefined;
}

interface SocketState {
  /** The session behind the socket, or the guest (a video interpreter or relative) let in by a capability. */
  sessionId: string | null;
  guestId: string | null;
  alive: boolean;
  windowStart: number;
  messages: number;
  streamWindowStart: number;
  streamMessages: number;
  subs: Map<string, Subscription>;
}

/** Of these guests, those still let in; the heartbeat closes the sockets of the others. */
export type GuestCheck = (guestIds: string[]) => Promise<Set<string>>;

export class LiveSubscriptions {
  private readonly sockets = new Map<LiveSocket, SocketState>();
  private readonly byBusTopic = new Map<string, { unsubscribe: () => void; subs: Set<Subscription> }>();
  private readonly byStreamTopic = new Map<string, { unsubscribe: () => void; subs: Set<Subscription> }>();
  private readonly bus: EventBus;
  private guestCheck: GuestCheck = async () => new Set();
  private readonly log: FastifyBaseLogger;

  constructor(bus: EventBus, log: FastifyBaseLogger) {
    this.bus = bus;
    this.log = log;
  }

  attach(ws: LiveSocket, sessionId: string): void {
    this.attachAs(ws, sessionId, null);
  }

  attachGuest(ws: LiveSocket, guestId: string): void {
    this.attachAs(ws, null, guestId);
  }

  checkGuestsWith(check: GuestCheck): void {
    this.guestCheck = check;
  }

  private attachAs(ws: LiveSocket, sessionId: string | null, guestId: string | null): void {
    const now = Date.now();
    const state: SocketState = { sessionId, guestId, alive: true, windowStart: now, messages: 0, streamWindowStart: now, streamMessages: 0, subs: new Map() };
    this.sockets.set(ws, state);
    ws.on('pong', () => {
      state.alive = true;
    });
    ws.on('close', () => this.detach(ws));
  }

  /** Counts a message from the client; past the limit the socket is closed and false returned. */
  allowMessage(ws: LiveSocket, now = Date.now()): boolean {
    const state = this.sockets.get(ws);
    if (!state) return false;
    if (now - state.windowStart > WINDOW_MS) {
      state.windowStart = now;
      state.messages = 0;
    }
    if (++state.messages <= MAX_MESSAGES_PER_WINDOW) return true;
    ws.close(CLOSE_TOO_MANY_MESSAGES, 'too many messages');
    this.detach(ws);
    return false;
  }

  /** As allowMessage, for stream messages (signaling, chat), counted against their own larger budget. */
  allowStreamMessage(ws: LiveSocket, now = Date.now()): boolean {
    const state = this.sockets.get(ws);
    if (!state) return false;
    if (now - state.streamWindowStart > WINDOW_MS) {
      state.streamWindowStart = now;
      state.streamMessages = 0;
    }
    if (++state.streamMessages <= MAX_STREAM_MESSAGES_PER_WINDOW) return true;
    ws.close(CLOSE_TOO_MANY_MESSAGES, 'too many messages');
    this.detach(ws);
    return false;
  }

  mayAdd(ws: LiveSocket): boolean {
    return (this.sockets.get(ws)?.subs.size ?? MAX_SUBSCRIPTIONS_PER_SOCKET) < MAX_SUBSCRIPTIONS_PER_SOCKET;
  }

  /** Listens first, then sends the first snapshot, so no change between the two is lost. */
  async add(ws: LiveSocket, topic: string, feed: LiveFeed): Promise<void> {
    const state = this.sockets.get(ws);
    if (!state) return;
    this.remove(ws, topic);
    const sub: Subscription = { ws, topic, feed, running: false, again: false, last: undefined };
    state.subs.set(topic, sub);
    for (const busTopic of new Set(feed.busTopics)) {
      let entry = this.byBusTopic.get(busTopic);
      if (!entry) {
        const subs = new Set<Subscription>();
        const refreshAll = () => subs.forEach((s) => void this.refresh(s));
        entry = { subs, unsubscribe: this.bus.subscribe(busTopic, refreshAll) };
        this.byBusTopic.set(busTopic, entry);
        // A cross-instance subscription (Redis SUBSCRIBE) becomes active a moment later: look once more after it.
        setTimeout(refreshAll, SETTLE_MS).unref();
      }
      entry.subs.add(sub);
    }
    for (const streamTopic of new Set(feed.streams ?? [])) {
      let entry = this.byStreamTopic.get(streamTopic);
      if (!entry) {
        const subs = new Set<Subscription>();
        // No recomputation and no coalescing: each payload is a message of its own, passed on in the order it came.
        const passOn = (payload: unknown) => subs.forEach((s) => this.send(s.ws, payload as object));
        entry = { subs, unsubscribe: this.bus.subscribe(streamTopic, passOn) };
        this.byStreamTopic.set(streamTopic, entry);
      }
      entry.subs.add(sub);
    }
    await this.refresh(sub);
  }

  remove(ws: LiveSocket, topic: string): void {
    const state = this.sockets.get(ws);
    const sub = state?.subs.get(topic);
    if (!state || !sub) return;
    state.subs.delete(topic);
    for (const busTopic of sub.feed.busTopics) {
      const entry = this.byBusTopic.get(busTopic);
      if (!entry) continue;
      entry.subs.delete(sub);
      if (entry.subs.size === 0) {
        entry.unsubscribe();
        this.byBusTopic.delete(busTopic);
      }
    }
    for (const streamTopic of sub.feed.streams ?? []) {
      const entry = this.byStreamTopic.get(streamTopic);
      if (!entry) continue;
      entry.subs.delete(sub);
      if (entry.subs.size === 0) {
        entry.unsubscribe();
        this.byStreamTopic.delete(streamTopic);
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
        if (this.sockets.get(sub.ws)?.subs.get(sub.topic) !== sub) return;
        const text = JSON.stringify({ ...(await sub.feed.snapshot()), topic: sub.topic });
        if (text !== sub.last && sub.ws.readyState === OPEN) {
          sub.ws.send(text);
          sub.last = text;
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
    for (const topic of [...state.subs.keys()]) this.remove(ws, topic);
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
    const ids = [...new Set([...this.sockets.values()].flatMap((s) => (s.sessionId ? [s.sessionId] : [])))];
    const guestIds = [...new Set([...this.sockets.values()].flatMap((s) => (s.guestId ? [s.guestId] : [])))];
    if (ids.length === 0 && guestIds.length === 0) return;
    try {
      const guests = guestIds.length ? await this.guestCheck(guestIds) : new Set<string>();
      const live = ids.length === 0 ? [] : await db
        .selectFrom('sessions')
        .select('id')
        .where('id', 'in', ids)
        .where('ended_at', 'is', null)
        .where('absolute_expires_at', '>', sql<Date>`now()`)
        .where('last_seen_at', '>', sql<Date>`now() - make_interval(mins => ${sessionIdleMinutes})`)
        .execute();
      const alive = new Set(live.map((r) => r.id));
      for (const [ws, state] of this.sockets) {
        if ((state.sessionId && alive.has(state.sessionId)) || (state.guestId && guests.has(state.guestId))) state.subs.forEach((s) => void this.refresh(s));
        else {
          ws.close(CLOSE_SESSION_ENDED, 'session ended');
          this.detach(ws);
        }
      }
    } catch (err) {
      this.log.warn({ err: (err as Error).message }, 'live heartbeat could not check sessions');
    }
  }

  closeAll(): void {
    for (const ws of [...this.sockets.keys()]) {
      ws.close(1001, 'server shutting down');
      this.detach(ws);
    }
  }
}
