// Live events between the parts of the product: in-process, or across instances over Redis pub/sub when REDIS_URL is set.
import { Redis } from 'ioredis';
import type { Logger } from 'pino';

export type BusListener = (payload: unknown, topic: string) => void;

/**
 * Topics are subscribed to by name and events delivered to the bus's listeners with their topic, so the bus keeps no
 * listener per topic: the live sockets route events to their subscribers themselves.
 */
export interface EventBus {
  publish(topic: string, payload: object): Promise<void>;
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
    },
    listen(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    subscribe() {},
    unsubscribe() {},
    live: () => true,
    breaks: () => 0,
    async close() {
      listeners.clear();
    },
  };
}

export function redisBus(url: string, prefix: string, log: Logger): EventBus {
  // Named, so an operator's CLIENT LIST shows whose connections these are.
  const pub = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2, connectionName: `${prefix}pub` });
  const sub = new Redis(url, { lazyConnect: false, connectionName: `${prefix}sub` });
  const listeners = new Set<BusListener>();
  const counts = new Map<string, number>();
  for (const c of [pub, sub]) c.on('error', (err: Error) => log.warn({ err: err.message }, 'redis connection error'));
  // ioredis subscribes again by itself when it reconnects; what was published meanwhile is lost, so say it came back.
  let readies = 0;
  let breaks = 0;
  sub.on('ready', () => {
    if (readies++ === 0) return;
    breaks++;
    log.info('redis subscriber reconnected');
  });
  sub.on('message', (channel: string, message: string) => {
    try {
      deliver(listeners, JSON.parse(message), channel.slice(prefix.length), log);
    } catch {
      log.warn({ channel }, 'dropped an unreadable event');
    }
  });
  return {
    async publish(topic, payload) {
      try {
        await pub.publish(prefix + topic, JSON.stringify(payload));
      } catch (err) {
        breaks++;
        throw err;
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
    live: () => sub.status === 'ready' && pub.status === 'ready',
    breaks: () => breaks,
    async close() {
      listeners.clear();
      sub.disconnect();
      pub.disconnect();
    },
  };
}
