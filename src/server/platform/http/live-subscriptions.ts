// The open live sockets of this process and what each subscribed to: one bus subscription per bus topic, shared by all
// sockets; recomputation coalesced per subscription; heartbeat pings, and sockets of ended sessions closed.
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
  sessionId: string;
  alive: boolean;
  windowStart: number;
  messages: number;
  subs: Map<string, Subscription>;
}

export class LiveSubscriptions {
  private readonly sockets = new Map<LiveSocket, SocketState>();
  private readonly byBusTopic = new Map<string, { unsubscribe: () => void; subs: Set<Subscription> }>();
  private readonly bus: EventBus;
  private readonly log: FastifyBaseLogger;

  constructor(bus: EventBus, log: FastifyBaseLogger) {
    this.bus = bus;
    this.log = log;
  }

  attach(ws: LiveSocket, sessionId: string): void {
    const state: SocketState = { sessionId, alive: true, windowStart: Date.now(), messages: 0, subs: new Map() };
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
    const ids = [...new Set([...this.sockets.values()].map((s) => s.sessionId))];
    if (ids.length === 0) return;
    try {
      const live = await db
        .selectFrom('sessions')
        .select('id')
        .where('id', 'in', ids)
        .where('ended_at', 'is', null)
        .where('absolute_expires_at', '>', sql<Date>`now()`)
        .where('last_seen_at', '>', sql<Date>`now() - make_interval(mins => ${sessionIdleMinutes})`)
        .execute();
      const alive = new Set(live.map((r) => r.id));
      for (const [ws, state] of this.sockets) {
        if (alive.has(state.sessionId)) state.subs.forEach((s) => void this.refresh(s));
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
