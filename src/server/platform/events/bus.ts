// Live events between the parts of the product: in-process, or across instances over Redis pub/sub when REDIS_URL is set.
import { Redis } from 'ioredis';
import type { Logger } from 'pino';

export type BusListener = (payload: unknown, topic: string) => void;

/**
 * Topics are subscribed to by name and events delivered to the bus's listeners with their topic, so the bus keeps no
 * listener per topic: the live sockets route events to their subscribers themselves.
 */
export interface EventBus {
  /**
   * Sends an event; never rejects, and never waits long: a request must go on when Redis is away. False when the event
   * could not be sent (Redis unreachable or not answering within a second); it is then logged and counted as a break.
   */
  publish(topic: string, payload: object): Promise<boolean>;
  /**
   * Calls `listener` with the events of the topics subscribed to, each with its topic, until the returned function is
   * called. The in-process bus passes on every event, subscribed to or not: a listener ignores topics it does not know.
   */
  listen(listener: BusListener): () => void;
  /** Starts receiving `topic`'s events; counted, so as many `unsubscribe` calls stop it. */
  subscribe(topic: string): void;
  unsubscribe(topic: string): void;
  /** False while a cross-instance bus is disconnected: the UI says it is not live. */
  live(): boolean;
  /**
   * Calls `listener` each time live() changes, and with true again, while live, when another instance says it could not
   * send some events (its own link to Redis was away): what listens recomputes what it shows. Until the returned
   * function is called; never, in-process.
   */
  onLiveChange(listener: (live: boolean) => void): () => void;
  /**
   * How many breaks a cross-instance bus has had in which events may have been lost: each reconnection of its subscriber,
   * each failed publish (0 in-process). Live sockets recompute everything after a break.
   */
  breaks(): number;
  close(): Promise<void>;
}

/** Delivers an event to every listener; one failing listener does not keep it from the others. */
function deliver(listeners: Set<BusListener>, payload: unknown, topic: string, log?: Logger): void {
  for (const l of listeners) {
    try {
      l(payload, topic);
    } catch (err) {
      log?.warn({ err: (err as Error).message, topic }, 'an event listener failed');
    }
  }
}

export function inProcessBus(): EventBus {
  const listeners = new Set<BusListener>();
  return {
    async publish(topic, payload) {
      deliver(listeners, payload, topic);
      return true;
    },
    listen(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    subscribe() {},
    unsubscribe() {},
    live: () => true,
    onLiveChange: () => () => undefined,
    breaks: () => 0,
    async close() {
      listeners.clear();
    },
  };
}

/** A PUBLISH is answered in well under a millisecond; one not answered in this long is given up (Redis hangs). */
export const PUBLISH_TIMEOUT_MS = 1_000;
/**
 * The bus's own channel: an instance that could not send some events says so here once it can send again, and every
 * instance then counts a break and tells its watchers (those events never reached anyone). Capability topics have a
 * capability's name before the first colon, never 'bus'.
 */
const LOST = 'bus:lost-events';
const RECONNECT_MAX_MS = 2_000;

/** Doubling from 50 ms up to RECONNECT_MAX_MS, with jitter so the instances do not all return in step. */
const reconnectDelay = (attempt: number) => Math.min(50 * 2 ** (attempt - 1), RECONNECT_MAX_MS) + Math.floor(Math.random() * 200);

export function redisBus(url: string, prefix: string, log: Logger): EventBus {
  // The publisher queues nothing while disconnected (a request would wait for Redis to return); the subscriber keeps its
  // SUBSCRIBE and UNSUBSCRIBE commands until it is back (maxRetriesPerRequest: null), so no socket's topic is dropped.
  // Both try again at most RECONNECT_MAX_MS apart (ioredis waits up to 5 s), so pages are live soon after Redis is back.
  // Named, so an operator's CLIENT LIST shows whose connections these are.
  const common = { lazyConnect: false, retryStrategy: reconnectDelay };
  const pub = new Redis(url, { ...common, enableOfflineQueue: false, maxRetriesPerRequest: 1, connectionName: `${prefix}pub` });
  const sub = new Redis(url, { ...common, maxRetriesPerRequest: null, connectionName: `${prefix}sub` });
  const listeners = new Set<BusListener>();
  const watchers = new Set<(live: boolean) => void>();
  const counts = new Map<string, number>();
  for (const c of [pub, sub]) c.on('error', (err: Error) => log.warn({ err: err.message }, 'redis connection error'));

  let readies = 0;
  let breaks = 0;
  /** Events this instance could not send since it last said so on LOST. */
  let unannounced = 0;
  /** The subscriber is connected and its subscriptions are active again (see the PING below). */
  let subscribed = false;
  /** A PUBLISH went unanswered for PUBLISH_TIMEOUT_MS and has not been answered since: Redis hangs. */
  let stalled = false;
  /** Events not sent in this outage, reported once when it ends. */
  let dropped = 0;
  let wasLive = false;
  let closed = false;
  const live = () => !closed && subscribed && !stalled && pub.status === 'ready';

  /** Tells the watchers when live() has changed; called on every event that might change it. */
  function update(): void {
    const now = live();
    if (now === wasLive) return;
    wasLive = now;
    if (now) log.info({ dropped }, 'live events flow again');
    else if (!closed) log.warn('live events stopped: Redis is not reachable; live pages are told and catch up when it is back');
    dropped = 0;
    tell(now);
  }

  function tell(now: boolean): void {
    for (const w of watchers) {
      try {
        w(now);
      } catch (err) {
        log.warn({ err: (err as Error).message }, 'a live-state watcher failed');
      }
    }
  }

  // ioredis subscribes again by itself when it reconnects, before it emits 'ready' (its events come a tick late); a
  // PING answered after that means the subscriptions are active again, so nothing published from then on is missed.
  // What was published meanwhile is lost: the reconnection counts as a break.
  sub.on('ready', () => {
    if (readies++ > 0) {
      breaks++;
      log.info('redis subscriber reconnected');
    }
    sub.ping().then(
      () => {
        subscribed = sub.status === 'ready';
        update();
      },
      () => undefined,
    );
  });
  for (const event of ['close', 'end', 'reconnecting']) {
    sub.on(event, () => {
      subscribed = false;
      update();
    });
    pub.on(event, () => {
      // A new connection will not answer the old one's hanging command: start afresh.
      stalled = false;
      update();
    });
  }
  pub.on('ready', () => {
    update();
    announceLost();
  });
  sub.on('message', (channel: string, message: string) => {
    if (channel === prefix + LOST) {
      breaks++;
      if (live()) tell(true);
      return;
    }
    try {
      deliver(listeners, JSON.parse(message), channel.slice(prefix.length), log);
    } catch {
      log.warn({ channel }, 'dropped an unreadable event');
    }
  });

  /** Says on LOST that events went unsent, once the publisher can send again; kept for the next time if that fails. */
  function announceLost(): void {
    const n = unannounced;
    if (n === 0 || pub.status !== 'ready' || stalled) return;
    unannounced = 0;
    pub.publish(prefix + LOST, JSON.stringify({ n })).catch(() => (unannounced += n));
  }

  // Subscribed for good: ioredis keeps it across reconnections.
  void sub.subscribe(prefix + LOST).catch((err: Error) => log.warn({ err: err.message }, 'subscribe failed'));

  function notSent(topic: string, err: string): false {
    breaks++;
    unannounced++;
    if (dropped++ === 0) log.warn({ err, topic }, 'live event not sent; more are counted until Redis is back');
    return false;
  }

  return {
    async publish(topic, payload) {
      // Not connected, or an earlier PUBLISH still unanswered: give up at once rather than make every request wait.
      if (pub.status !== 'ready' || stalled) return notSent(topic, stalled ? 'redis is not answering' : `redis ${pub.status}`);
      const sent = pub.publish(prefix + topic, JSON.stringify(payload));
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(resolve, PUBLISH_TIMEOUT_MS, 'timeout')));
      try {
        if ((await Promise.race([sent, timeout])) !== 'timeout') return true;
        stalled = true;
        update();
        // Answered after all (Redis was slow, not gone): publishing goes on.
        sent.then(
          () => {
            stalled = false;
            update();
            announceLost();
          },
          () => undefined,
        );
        return notSent(topic, `no answer within ${PUBLISH_TIMEOUT_MS} ms`);
      } catch (err) {
        return notSent(topic, (err as Error).message);
      } finally {
        clearTimeout(timer);
      }
    },
    listen(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    subscribe(topic) {
      const n = (counts.get(topic) ?? 0) + 1;
      counts.set(topic, n);
      if (n === 1) void sub.subscribe(prefix + topic).catch((err: Error) => log.warn({ err: err.message, topic }, 'subscribe failed'));
    },
    unsubscribe(topic) {
      const left = (counts.get(topic) ?? 1) - 1;
      if (left > 0) return void counts.set(topic, left);
      counts.delete(topic);
      void sub.unsubscribe(prefix + topic).catch(() => undefined);
    },
    live,
    onLiveChange(watcher) {
      watchers.add(watcher);
      return () => void watchers.delete(watcher);
    },
    breaks: () => breaks,
    async close() {
      closed = true;
      listeners.clear();
      watchers.clear();
      sub.disconnect();
      pub.disconnect();
    },
  };
}
