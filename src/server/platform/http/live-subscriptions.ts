// The open live sockets of this process and what each subscribed to: one bus subscription per bus topic, shared by all
// sockets; recomputation coalesced per subscription; messages addressed to a subscription (video signaling) passed on
// as they come, in order; heartbeat pings, and sockets of ended sessions (or guests no longer let in) closed; each
// socket told when the bus stops and starts carrying other instances' events. What is kept per socket: live-socket-state.ts.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/database.ts';
import type { EventBus } from '../events/bus.ts';
import type { LiveFeed, LiveViewer } from './live.ts';
import { LiveFanout, topicsOf } from './live-fanout.ts';
import { AGAIN, keep, MAX_SUBSCRIPTIONS_PER_SOCKET, OPEN, RUNNING, seconds, subsOf, TIMED, withinBudget, type LiveSocket, type SocketState, type Subscription } from './live-socket-state.ts';

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
      // No recomputation and no coalescing: each is a message of its own, passed on in the order it came.
      addressed: (sub, to, message) => {
        if (sub.address !== null && to.includes(sub.address)) this.send(sub.ws, message);
      },
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

  count(): number {
    return this.sockets.size;
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

  private allow(ws: LiveSocket, stream: boolean, nowMs: number): boolean {
    const state = this.sockets.get(ws);
    if (!state) return false;
    if (withinBudget(state, stream, nowMs)) return true;
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
    const sub: Subscription = this.fanout.join(feed.busTopics, (group) => ({ ws, topic, snapshot: feed.snapshot, group, address: feed.address ?? null, flags, last: -1 }));
    state.subs = keep(subsOf(state).concat(sub));
    // Keep one shared string, not a copy per socket: a bus topic of the group, or another socket's in the group.
    sub.topic = topicsOf(sub.group).find((t) => t === topic) ?? this.fanout.members(sub.group).find((s) => s !== sub && s.topic === topic)?.topic ?? topic;
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
