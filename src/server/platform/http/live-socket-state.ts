// What the live sockets keep per socket and per subscription, small on purpose (ten thousand idle waiting rooms), and
// the per-socket message budget.
import type { LiveFeed, LiveViewer } from './live.ts';
import type { FanoutGroup } from './live-fanout.ts';

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

export const OPEN = 1;
export const MAX_SUBSCRIPTIONS_PER_SOCKET = 20;
// A client subscribes to a few topics; this many messages in a window is a misbehaving client.
const MAX_MESSAGES_PER_WINDOW = 60;
// Stream messages (SDP offers, bursts of ICE candidates and chat in a call of four) get a budget of their own.
const MAX_STREAM_MESSAGES_PER_WINDOW = 600;
const WINDOW_SECONDS = 10;
/** The time in whole seconds, a small integer until 2038. */
export const seconds = (ms = Date.now()) => Math.floor(ms / 1000);

/** Being recomputed. */
export const RUNNING = 1;
/** Changed again while being recomputed: run once more. */
export const AGAIN = 2;
/** Its message depends on the clock (LiveFeed.changesWithTime): the heartbeat recomputes it every time. */
export const TIMED = 4;

export interface Subscription {
  ws: LiveSocket;
  topic: string;
  snapshot: LiveFeed['snapshot'];
  /** The shared group of bus topics it listens on (the feed itself is not kept: one idle socket, little memory). */
  group: FanoutGroup<Subscription>;
  /** Its LiveFeed.address, or null. */
  address: string | null;
  /** RUNNING, AGAIN and TIMED in one small integer (three booleans would be three fields on every idle socket). */
  flags: number;
  /**
   * 31 bits of a digest of the last message sent, so an unchanged recomputation is not sent again (a small integer, kept
   * in the object, where a larger number would be an object of its own on every idle socket).
   */
  last: number;
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
  streamMessages: number;
  /**
   * At most MAX_SUBSCRIPTIONS_PER_SOCKET, usually one, which is kept as it is (no array on an idle socket); more are a
   * short array, replaced, never pushed to (a push reserves room for 17 entries). See `subsOf`.
   */
  subs: Subscription | Subscription[] | null;
};

/** A socket's subscriptions as a list. */
export const subsOf = (state: SocketState): Subscription[] => (state.subs === null ? [] : Array.isArray(state.subs) ? state.subs : [state.subs]);
/** The state's subscriptions from a list: none, one as it is, or the list. */
export const keep = (subs: Subscription[]): SocketState['subs'] => (subs.length === 0 ? null : subs.length === 1 ? subs[0]! : subs);

/**
 * Counts a message from the client against its budget: both budgets are counted in the same window of WINDOW_SECONDS,
 * started by the first message after the last one. False past the budget.
 */
export function withinBudget(state: SocketState, stream: boolean, nowMs: number): boolean {
  const now = seconds(nowMs);
  if (now - state.windowStart >= WINDOW_SECONDS) {
    state.windowStart = now;
    state.messages = 0;
    state.streamMessages = 0;
  }
  return stream ? ++state.streamMessages <= MAX_STREAM_MESSAGES_PER_WINDOW : ++state.messages <= MAX_MESSAGES_PER_WINDOW;
}
