// One live topic over the server's WebSocket (/api/live): subscribe, pass its messages on, and reconnect with backoff.
// No React here, so the reconnect rules can be tested with a fake socket.

/**
 * 'connecting' before the first subscription; 'live' while subscribed; 'delayed' while subscribed but the server says
 * changes made through its other instances cannot reach it (its Redis is away): the page may be out of date until it is
 * 'live' again; 'reconnecting' after a loss; 'refused' when the server said no to the topic; 'ended' when the server
 * closed the socket because the session ended (logged out, timed out).
 */
export type LiveStatus = 'connecting' | 'live' | 'delayed' | 'reconnecting' | 'refused' | 'ended';

/** A message from the server; `type` names its shape (e.g. 'dropin.position'), `topic` the subscription it belongs to. */
export interface LiveMessage {
  type: string;
  topic?: string;
  code?: string;
  [key: string]: unknown;
}

/** The part of the browser's WebSocket this module uses. */
export interface LiveSocket {
  send(data: string): void;
  close(): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code?: number }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

export interface LiveOptions {
  url: string;
  topic: string;
  onMessage: (message: LiveMessage) => void;
  onStatus: (status: LiveStatus) => void;
  /**
   * Stream messages, which carry no topic (video signaling and chat: 'video.signal', 'video.chat', and an 'error' with
   * a `kind`); they reach this socket because of the subscription. Without it they are dropped as before.
   */
  onStream?: (message: LiveMessage) => void;
  createSocket?: (url: string) => LiveSocket;
  random?: () => number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

/** The server's close code when the session behind the socket has ended; asking again cannot help. */
export const CLOSE_SESSION_ENDED = 4401;
const FIRST_DELAY_MS = 1_000;
const MAX_DELAY_MS = 30_000;
// Answers that will not change by asking again; anything else ('failed', 'too-many-subscriptions') is tried again later.
const PERMANENT_REFUSALS = new Set(['forbidden', 'unknown-topic', 'invalid']);

/** The wait before reconnect number `attempt` (0, 1, …): doubling from 1 s up to 30 s, with jitter so clients do not return in step. */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** ws:// or wss:// for the page's own origin: the server refuses sockets opened from any other origin. */
export function liveUrl(origin: string): string {
  return `${origin.replace(/^http/, 'ws')}/api/live`;
}

export interface LiveConnection {
  /** Reconnect at once (e.g. the browser is back online) instead of waiting out the backoff. */
  retryNow(): void;
  /** Sends a stream message ({"signal": …}, {"chat": …}) while subscribed; false when it could not go (not live). */
  send(message: object): boolean;
  close(): void;
}

export function openLiveTopic(options: LiveOptions): LiveConnection {
  const { topic, onMessage, onStatus } = options;
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url) as unknown as LiveSocket);
  const setTimer = options.setTimer ?? ((run: () => void, ms: number) => setTimeout(run, ms));
  const clearTimer = options.clearTimer ?? ((timer: unknown) => clearTimeout(timer as ReturnType<typeof setTimeout>));
  let socket: LiveSocket | null = null;
  let timer: unknown = null;
  let attempt = 0;
  let stopped = false;
  let refused = false;
  let subscribed = false;
  /** What the server last said of its own bus ({"type":"live","live":…}); a new socket starts out live. */
  let serverLive = true;
  const subscribedStatus = (): LiveStatus => (serverLive ? 'live' : 'delayed');

  function connect(): void {
    timer = null;
    const current = createSocket(options.url);
    socket = current;
    serverLive = true;
    current.onopen = () => current.send(JSON.stringify({ subscribe: topic }));
    current.onmessage = (event) => {
      const message = parse(event.data);
      if (message && message.type === 'live' && message.topic === undefined) {
        serverLive = message.live !== false;
        if (subscribed) onStatus(subscribedStatus());
        return;
      }
      if (message && message.topic === undefined && options.onStream) return options.onStream(message);
      if (!message || message.topic !== topic) return;
      if (message.type === 'subscribed') {
        // Only a subscription that worked resets the backoff: a socket that opens and is refused must not loop fast.
        attempt = 0;
        subscribed = true;
        onStatus(subscribedStatus());
      } else if (message.type === 'error') {
        if (PERMANENT_REFUSALS.has(message.code ?? '')) {
          refused = true;
          onStatus('refused');
        }
        current.close();
      } else {
        onMessage(message);
      }
    };
    // A failed socket reports error and then close; close alone decides what happens next.
    current.onerror = () => undefined;
    current.onclose = (event) => {
      if (socket !== current) return;
      socket = null;
      subscribed = false;
      if (stopped || refused) return;
      if (event.code === CLOSE_SESSION_ENDED) {
        refused = true;
        onStatus('ended');
        return;
      }
      onStatus('reconnecting');
      timer = setTimer(connect, reconnectDelay(attempt++, options.random));
    };
  }

  onStatus('connecting');
  connect();

  return {
    retryNow() {
      if (stopped || refused || socket) return;
      if (timer !== null) clearTimer(timer);
      connect();
    },
    send(message) {
      if (!socket || !subscribed) return false;
      socket.send(JSON.stringify(message));
      return true;
    },
    close() {
      stopped = true;
      if (timer !== null) clearTimer(timer);
      const current = socket;
      socket = null;
      current?.close();
    },
  };
}

function parse(data: unknown): LiveMessage | null {
  if (typeof data !== 'string') return null;
  try {
    const value: unknown = JSON.parse(data);
    return typeof value === 'object' && value !== null && typeof (value as LiveMessage).type === 'string' ? (value as LiveMessage) : null;
  } catch {
    return null;
  }
}
