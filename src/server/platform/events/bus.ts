// Live events between the parts of the product: in-process, or across instances over Redis pub/sub when REDIS_URL is set.
import { EventEmitter } from 'node:events';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';

export interface EventBus {
  publish(topic: string, payload: object): Promise<void>;
  subscribe(topic: string, listener: (payload: unknown) => void): () => void;
  /** False while a cross-instance bus is disconnected: the UI says it is not live. */
  live(): boolean;
  close(): Promise<void>;
}

export function inProcessBus(): EventBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    async publish(topic, payload) {
      emitter.emit(topic, payload);
    },
    subscribe(topic, listener) {
      emitter.on(topic, listener);
      return () => emitter.off(topic, listener);
    },
    live: () => true,
    async close() {
      emitter.removeAllListeners();
    },
  };
}

export function redisBus(url: string, prefix: string, log: Logger): EventBus {
  const pub = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2 });
  const sub = new Redis(url, { lazyConnect: false });
  const local = new EventEmitter();
  local.setMaxListeners(0);
  const counts = new Map<string, number>();
  for (const c of [pub, sub]) c.on('error', (err: Error) => log.warn({ err: err.message }, 'redis connection error'));
  sub.on('message', (channel: string, message: string) => {
    try {
      local.emit(channel.slice(prefix.length), JSON.parse(message));
    } catch {
      log.warn({ channel }, 'dropped an unreadable event');
    }
  });
  return {
    async publish(topic, payload) {
      await pub.publish(prefix + topic, JSON.stringify(payload));
    },
    subscribe(topic, listener) {
      local.on(topic, listener);
      const n = (counts.get(topic) ?? 0) + 1;
      counts.set(topic, n);
      if (n === 1) void sub.subscribe(prefix + topic).catch((err: Error) => log.warn({ err: err.message, topic }, 'subscribe failed'));
      return () => {
        local.off(topic, listener);
        const left = (counts.get(topic) ?? 1) - 1;
        counts.set(topic, left);
        if (left === 0) void sub.unsubscribe(prefix + topic).catch(() => undefined);
      };
    },
    live: () => sub.status === 'ready' && pub.status === 'ready',
    async close() {
      local.removeAllListeners();
      sub.disconnect();
      pub.disconnect();
    },
  };
}
