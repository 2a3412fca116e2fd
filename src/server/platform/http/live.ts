// Live updates over one WebSocket (GET /api/live): capabilities register topics; bus events make subscribers recompute.
// A socket holds only what it subscribed to: every message is computed from the database for that session when an event
// says something changed, so any instance can serve any client. Streams (video signaling, call chat) are the other kind
// of delivery: client messages handed to a capability one at a time, and bus payloads addressed to the socket passed on
// unchanged, in order.
// While the bus cannot carry other instances' events (Redis away), a socket is told {"type":"live","live":false}, and
// {"type":"live","live":true} when it can again, after which every subscription is recomputed.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import websocket from '@fastify/websocket';
import type { Db } from '../db/database.ts';
import type { EventBus } from '../events/bus.ts';
import type { SessionInfo } from './access.ts';
import { Forbidden, Invalid, Unauthenticated } from './errors.ts';
import { LiveSubscriptions } from './live-subscriptions.ts';
import type { LiveSocket } from './live-socket-state.ts';

/** Who asks to see a topic. */
export interface LiveRequest {
  session: SessionInfo;
  topic: string;
  requestId: string;
}

/** Someone let onto the socket without a session by a capability (a video interpreter or relative). */
export interface LiveGuest {
  id: string;
}

/** Who is on a socket: a session, or a guest. */
export type LiveViewer = { session: SessionInfo; guest: null } | { session: null; guest: LiveGuest };

export interface LiveGuestRequest {
  guest: LiveGuest;
  topic: string;
  requestId: string;
}

/** How guests prove who they are when opening the socket, and whether they still may (checked on each heartbeat). */
export interface LiveGuestAuthenticator {
  authenticate(request: FastifyRequest): Promise<LiveGuest | null>;
  stillValid(guestIds: string[]): Promise<Set<string>>;
}

/** Client messages of one kind, e.g. {"signal": {...}}, handled in the order the socket sent them. */
export interface LiveStreamHandler {
  /** The message's only key: 'signal' takes {"signal": <data>}. */
  key: string;
  /** Returns an error code to send back ({"type":"error","kind":key,"code":…}), or null when handled. */
  receive(request: { viewer: LiveViewer; data: unknown; requestId: string }): Promise<string | null>;
}

/** An allowed subscription: which bus topics mean "recompute", and how to compute the message for this session. */
export interface LiveFeed {
  busTopics: string[];
  /**
   * Who this socket is among the topics' subscribers: messages published to a bus topic for addressees that include
   * this address (`addressed`, e.g. a video signal for one participant) go to the socket as they are, each one, in order
   * (no recomputation, no coalescing). Without an address it gets none.
   */
  address?: string;
  /**
   * The message to send, without `topic` (added here); a `type` names its shape, e.g. 'dropin.position'. It is given
   * the topic (one string shared by every socket on it) and who is on the socket (the same object for the socket's
   * life), so one function can serve every socket and a feed need not keep its own copies of them.
   */
  snapshot(topic: string, viewer: LiveViewer & { requestId: string }): Promise<{ type: string } & object>;
  /**
   * The message depends on the clock too (minutes waited, deadlines, what is "today"): it is recomputed on every
   * heartbeat. Other feeds change only with their events, so the heartbeat recomputes them only after the bus was away
   * and, as a safety net for an event lost on another instance, every few minutes.
   */
  changesWithTime?: boolean;
}

export interface LiveTopicHandler {
  /** Topics starting with this belong to the handler, e.g. 'dropin:me:'. The longest matching prefix wins. */
  prefix: string;
  /** The feed, or null when this session may not see the topic (the client is told 'forbidden'). */
  open(request: LiveRequest): Promise<LiveFeed | null>;
  /** The same for a guest's socket; without it guests are refused the topic. */
  openForGuest?(request: LiveGuestRequest): Promise<LiveFeed | null>;
}

export interface LiveRegistry {
  /** How many live sockets this process holds. */
  openSockets(): number;
  register(handler: LiveTopicHandler): void;
  /** Lets guests open the socket (one authenticator per server). */
  acceptGuests(authenticator: LiveGuestAuthenticator): void;
  registerStream(handler: LiveStreamHandler): void;
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

/** Subscribe and unsubscribe messages are small. */
const MAX_MESSAGE_BYTES = 4096;
/** Stream messages carry SDP (a few KB, more with many codecs and candidates). */
const MAX_STREAM_MESSAGE_BYTES = 64 * 1024;
/** Custom close code, as `ws` uses for a frame over maxPayload: the message is larger than its kind allows. */
const CLOSE_TOO_LARGE = 1009;

/** What a client sends: {"subscribe":"<topic>"} or {"unsubscribe":"<topic>"}, or a stream message {"<key>": …}. */
type ClientMessage = { subscribe?: unknown; unsubscribe?: unknown; [key: string]: unknown };


/** Registers @fastify/websocket and GET /api/live on the root instance, before the capability plugins. */
export async function registerLive(app: FastifyInstance, opts: LiveOptions): Promise<void> {
  const origin = new URL(opts.publicUrl).origin;
  const handlers: LiveTopicHandler[] = [];
  const handlerFor = (topic: string) =>
    handlers.filter((h) => topic.startsWith(h.prefix)).sort((a, b) => b.prefix.length - a.prefix.length)[0];
  const subscriptions = new LiveSubscriptions(opts.bus, app.log);
  const streams = new Map<string, LiveStreamHandler>();
  let guests: LiveGuestAuthenticator | undefined;
  const guestOf = new WeakMap<FastifyRequest, LiveGuest>();

  // The sockets are tracked here (LiveSubscriptions), not also by `ws`, whose tracking adds a listener and a closure to
  // every socket; so they are closed here when the server closes, before it waits for its connections to end.
  await app.register(websocket, {
    options: { maxPayload: MAX_STREAM_MESSAGE_BYTES, clientTracking: false },
    preClose(done) {
      subscriptions.closeAll();
      done();
    },
  });
  app.decorate('live', {
    openSockets: () => subscriptions.count(),
    register(handler: LiveTopicHandler) {
      if (handlers.some((h) => h.prefix === handler.prefix)) throw new Error(`live topic prefix ${handler.prefix} registered twice`);
      handlers.push(handler);
    },
    acceptGuests(authenticator: LiveGuestAuthenticator) {
      if (guests) throw new Error('live guests accepted twice');
      guests = authenticator;
      subscriptions.checkGuestsWith((ids) => authenticator.stillValid(ids));
    },
    registerStream(handler: LiveStreamHandler) {
      if (['subscribe', 'unsubscribe'].includes(handler.key) || streams.has(handler.key)) throw new Error(`live stream ${handler.key} registered twice`);
      streams.set(handler.key, handler);
    },
  } satisfies LiveRegistry);

  app.route({
    method: 'GET',
    url: '/api/live',
    // A session, or a guest credential a capability accepts (checked below): 'public' only lets the request reach that check.
    config: { access: { kind: 'public' } },
    schema: { hide: true },
    preValidation: async (req: FastifyRequest) => {
      if (!req.session) {
        const guest = guests ? await guests.authenticate(req) : null;
        if (!guest) throw Unauthenticated();
        guestOf.set(req, guest);
      }
      // A page on another site must not open a socket with the visitor's cookie (cross-site WebSocket hijacking).
      if (req.headers.origin !== origin) throw Forbidden();
    },
    handler: async () => {
      throw Invalid('problem.invalid', { detail: 'GET /api/live expects a WebSocket upgrade' });
    },
    wsHandler: (socket, req) => {
      const ws = socket as unknown as LiveSocket;
      const guest = guestOf.get(req);
      releaseUpgrade(socket, req);
      // The socket sends nothing that needs the CSRF token: it is not kept with every idle socket.
      const viewer: LiveViewer = req.session ? { session: { ...req.session, csrfToken: '' }, guest: null } : { session: null, guest: guest! };
      subscriptions.attach(ws, viewer, req.id);
      ws.on('message', onSocketMessage);
    },
  });

  // One listener for every socket (ws calls it with the socket as `this`), so an idle socket carries no closures.
  function onSocketMessage(this: LiveSocket, data: Buffer, isBinary: boolean): void {
    const ws = this;
    const context = subscriptions.stateOf(ws);
    if (!context) return;
    const msg = parse(isBinary ? null : data.toString('utf8'));
    const key = msg && Object.keys(msg).length === 1 ? Object.keys(msg)[0]! : undefined;
    const stream = key ? streams.get(key) : undefined;
    if (stream && msg) {
      if (!subscriptions.allowStreamMessage(ws)) return;
      // Stream messages are handled one after another, so a participant's signals reach the other side in order.
      context.streamQueue = (context.streamQueue ?? Promise.resolve()).then(() => onStream(ws, context, context.requestId, stream, msg[stream.key]));
      return;
    }
    if (!subscriptions.allowMessage(ws)) return;
    if (data.length > MAX_MESSAGE_BYTES) {
      ws.close(CLOSE_TOO_LARGE, 'message too large');
      return;
    }
    void onMessage(ws, context, context.requestId, msg);
  }

  /**
   * Lets go of the HTTP request that opened the socket, so an idle socket holds only the socket and what it subscribed
   * to: @fastify/websocket keeps the Fastify request and reply in its error listener, and the TCP socket keeps the
   * upgrade's ServerResponse (and through it the request, its headers and the request's logger) as its HTTP message.
   */
  function onSocketError(err: Error): void {
    app.log.debug({ err: err.message }, 'live socket error');
  }

  function releaseUpgrade(socket: import('ws').WebSocket, req: FastifyRequest): void {
    socket.removeAllListeners('error');
    socket.on('error', onSocketError);
    const raw = req.raw.socket as unknown as { _httpMessage?: unknown } | null;
    const res = raw?._httpMessage as import('node:http').ServerResponse | undefined;
    if (res && raw) res.detachSocket(raw as import('node:net').Socket);
  }

  function parse(text: string | null): ClientMessage | null {
    try {
      const msg = text ? (JSON.parse(text) as unknown) : null;
      return msg && typeof msg === 'object' && !Array.isArray(msg) ? (msg as ClientMessage) : null;
    } catch {
      return null;
    }
  }

  async function onStream(ws: LiveSocket, viewer: LiveViewer, requestId: string, stream: LiveStreamHandler, data: unknown): Promise<void> {
    try {
      const code = await stream.receive({ viewer, data, requestId });
      if (code) subscriptions.send(ws, { type: 'error', kind: stream.key, code });
    } catch (err) {
      app.log.warn({ err: (err as Error).message, stream: stream.key }, 'live stream message failed');
      subscriptions.send(ws, { type: 'error', kind: stream.key, code: 'failed' });
    }
  }

  async function onMessage(ws: LiveSocket, viewer: LiveViewer, requestId: string, msg: ClientMessage | null): Promise<void> {
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
      const feed = viewer.session
        ? await handler.open({ session: viewer.session, topic, requestId })
        : ((await handler.openForGuest?.({ guest: viewer.guest, topic, requestId })) ?? null);
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
  app.addHook('onClose', async () => clearInterval(timer));
}
