// Live updates over one WebSocket (GET /api/live): capabilities register topics; bus events make subscribers recompute.
// A socket holds only what it subscribed to: every message is computed from the database for that session when an event
// says something changed, so any instance can serve any client.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import websocket from '@fastify/websocket';
import type { Db } from '../db/database.ts';
import type { EventBus } from '../events/bus.ts';
import type { SessionInfo } from './access.ts';
import { Forbidden, Invalid } from './errors.ts';
import { LiveSubscriptions, type LiveSocket } from './live-subscriptions.ts';

/** Who asks to see a topic. */
export interface LiveRequest {
  session: SessionInfo;
  topic: string;
  requestId: string;
}

/** An allowed subscription: which bus topics mean "recompute", and how to compute the message for this session. */
export interface LiveFeed {
  busTopics: string[];
  /** The message to send, without `topic` (added here); a `type` names its shape, e.g. 'dropin.position'. */
  snapshot(): Promise<{ type: string } & object>;
}

export interface LiveTopicHandler {
  /** Topics starting with this belong to the handler, e.g. 'dropin:me:'. The longest matching prefix wins. */
  prefix: string;
  /** The feed, or null when this session may not see the topic (the client is told 'forbidden'). */
  open(request: LiveRequest): Promise<LiveFeed | null>;
}

export interface LiveRegistry {
  register(handler: LiveTopicHandler): void;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Where capabilities register their live topics (drop-in queue, video waiting room, …). */
    live: LiveRegistry;
  }
}

export interface LiveOptions {
  db: Db;
  bus: EventBus;
  publicUrl: string;
  /** A socket lives no longer than its session: the same idle and absolute timeouts. */
  sessionIdleMinutes: number;
  heartbeatMs?: number;
}

const MAX_MESSAGE_BYTES = 4096;

/** What a client sends: {"subscribe":"<topic>"} or {"unsubscribe":"<topic>"}. */
type ClientMessage = { subscribe?: unknown; unsubscribe?: unknown };

/** Registers @fastify/websocket and GET /api/live on the root instance, before the capability plugins. */
export async function registerLive(app: FastifyInstance, opts: LiveOptions): Promise<void> {
  const origin = new URL(opts.publicUrl).origin;
  const handlers: LiveTopicHandler[] = [];
  const handlerFor = (topic: string) =>
    handlers.filter((h) => topic.startsWith(h.prefix)).sort((a, b) => b.prefix.length - a.prefix.length)[0];
  const subscriptions = new LiveSubscriptions(opts.bus, app.log);

  await app.register(websocket, { options: { maxPayload: MAX_MESSAGE_BYTES } });
  app.decorate('live', {
    register(handler: LiveTopicHandler) {
      if (handlers.some((h) => h.prefix === handler.prefix)) throw new Error(`live topic prefix ${handler.prefix} registered twice`);
      handlers.push(handler);
    },
  } satisfies LiveRegistry);

  app.route({
    method: 'GET',
    url: '/api/live',
    config: { access: { kind: 'authenticated' } },
    schema: { hide: true },
    // A page on another site must not open a socket with the visitor's cookie (cross-site WebSocket hijacking).
    preValidation: async (req: FastifyRequest) => {
      if (req.headers.origin !== origin) throw Forbidden();
    },
    handler: async () => {
      throw Invalid('problem.invalid', { detail: 'GET /api/live expects a WebSocket upgrade' });
    },
    wsHandler: (socket, req) => {
      const session = req.session!;
      const ws = socket as unknown as LiveSocket;
      subscriptions.attach(ws, session.id);
      ws.on('message', (data: Buffer, isBinary: boolean) => {
        if (subscriptions.allowMessage(ws)) void onMessage(ws, session, req.id, isBinary ? null : data.toString('utf8'));
      });
    },
  });

  async function onMessage(ws: LiveSocket, session: SessionInfo, requestId: string, text: string | null): Promise<void> {
    let msg: ClientMessage | null = null;
    try {
      msg = text ? (JSON.parse(text) as ClientMessage | null) : null;
    } catch {
      msg = null;
    }
    if (msg && typeof msg.unsubscribe === 'string') {
      subscriptions.remove(ws, msg.unsubscribe);
      return subscriptions.send(ws, { type: 'unsubscribed', topic: msg.unsubscribe });
    }
    const topic = msg && typeof msg.subscribe === 'string' && msg.subscribe.length <= 200 ? msg.subscribe : null;
    if (!topic) return subscriptions.send(ws, { type: 'error', code: 'invalid', detail: 'send {"subscribe":"<topic>"} or {"unsubscribe":"<topic>"}' });
    const handler = handlerFor(topic);
    if (!handler) return subscriptions.send(ws, { type: 'error', topic, code: 'unknown-topic' });
    if (!subscriptions.mayAdd(ws)) return subscriptions.send(ws, { type: 'error', topic, code: 'too-many-subscriptions' });
    try {
      const feed = await handler.open({ session, topic, requestId });
      if (!feed) return subscriptions.send(ws, { type: 'error', topic, code: 'forbidden' });
      subscriptions.send(ws, { type: 'subscribed', topic });
      await subscriptions.add(ws, topic, feed);
    } catch (err) {
      app.log.warn({ err: (err as Error).message, topic }, 'live subscription failed');
      subscriptions.send(ws, { type: 'error', topic, code: 'failed' });
    }
  }

  const timer = setInterval(() => void subscriptions.heartbeat(opts.db, opts.sessionIdleMinutes), opts.heartbeatMs ?? 30_000);
  timer.unref();
  app.addHook('onClose', async () => {
    clearInterval(timer);
    subscriptions.closeAll();
  });
}
