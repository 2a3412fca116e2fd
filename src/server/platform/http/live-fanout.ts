// The bus topics this process listens to for its live sockets, shared: one bus subscription per topic, and one group per
// distinct set of topics, so sockets watching the same waiting room share a group. Built for many rooms with one or two
// sockets each: a group with one topic, and a topic or group with a single member, holds it as it is (no array or Set),
// and nothing is kept per topic beyond its map entry (the bus delivers every event to one listener with its topic).
//
// A bus payload is an event (what the topic names changed: its subscribers recompute) or, made by `addressed`, a message
// for some addressees among the topic's subscribers (a video signal for one participant, call chat for those admitted),
// passed on as it is, in order. So a room needs no topic of its own per participant for what is sent to some of them.
import type { EventBus } from '../events/bus.ts';

/** A cross-instance subscription (Redis SUBSCRIBE) becomes active a moment after it is asked for. */
const SETTLE_MS = 500;

/**
 * The topic as one flat string of its own. A topic built by a template (`appointment:${id}`) is a tree of string
 * pieces in V8 (32 bytes per piece, plus the pieces), kept as long as the topic is listened to; its bytes are less.
 */
const flat = (topic: string) => Buffer.from(topic, 'utf8').toString('utf8');

/** A bus payload for some addressees among a topic's subscribers (it crosses instances as JSON). */
export interface AddressedPayload {
  liveTo: readonly string[];
  message: object;
}

/** The payload that brings `message` to the subscribers of a topic whose address (LiveFeed.address) is among `to`, only. */
export const addressed = (to: readonly string[], message: object): AddressedPayload => ({ liveTo: to, message });

const isAddressed = (payload: unknown): payload is AddressedPayload =>
  typeof payload === 'object' && payload !== null && Array.isArray((payload as AddressedPayload).liveTo) && typeof (payload as AddressedPayload).message === 'object';

/** One member as it is, or several in a Set. */
type Some<T> = T | Set<T>;

/** The subscriptions that listen to the same bus topics. */
export interface FanoutGroup<S> {
  /** Its topic, or its topics sorted when there are several (see `topicsOf`). */
  readonly topics: string | readonly string[];
  subs: Some<S> | null;
}

/** A group's topics as a list. */
export const topicsOf = (group: FanoutGroup<unknown>): readonly string[] => (typeof group.topics === 'string' ? [group.topics] : group.topics);

export interface FanoutHandlers<S> {
  /** A bus topic of the subscription's group changed: recompute it. */
  changed(sub: S): void;
  /** A message for the addressees `to` came on a topic of the subscription's group: the handler passes it on if the subscription is one of them. */
  addressed(sub: S, to: readonly string[], message: object): void;
}

const each = <T>(some: Some<T> | null | undefined, f: (x: T) => void) => (some instanceof Set ? some.forEach(f) : some != null && f(some));
const added = <T>(some: Some<T> | null | undefined, x: T): Some<T> => (some == null || some === x ? x : some instanceof Set ? some.add(x) : new Set([some, x]));
function removed<T>(some: Some<T> | null | undefined, x: T): Some<T> | null {
  if (!(some instanceof Set)) return some === x ? null : (some ?? null);
  some.delete(x);
  return some.size === 0 ? null : some.size === 1 ? some.values().next().value! : some;
}

export class LiveFanout<S> {
  private readonly bus: EventBus;
  private readonly handlers: FanoutHandlers<S>;
  /** Per bus topic, the groups listening to it: the whole of what a topic costs here. */
  private readonly topics = new Map<string, Some<FanoutGroup<S>>>();
  private readonly stopListening: () => void;

  constructor(bus: EventBus, handlers: FanoutHandlers<S>) {
    this.bus = bus;
    this.handlers = handlers;
    // One listener for every topic (the bus says which), so nothing is kept per topic but the map entries here.
    this.stopListening = bus.listen((payload, topic) => {
      if (!isAddressed(payload)) return this.changed(topic);
      const { liveTo, message } = payload;
      each(this.topics.get(topic), (g) => each(g.subs, (s) => this.handlers.addressed(s, liveTo, message)));
    });
  }

  /** Stops listening to the bus (the process is closing). */
  close(): void {
    this.stopListening();
  }

  private changed(topic: string): void {
    each(this.topics.get(topic), (g) => each(g.subs, (s) => this.handlers.changed(s)));
  }

  /** Makes a subscription in the group of these topics (found through its first topic, or made) and adds it there. */
  join(busTopics: readonly string[], make: (group: FanoutGroup<S>) => S): S {
    const topics = [...new Set(busTopics)].sort();
    const same = (g: FanoutGroup<S>) => {
      const theirs = topicsOf(g);
      return theirs.length === topics.length && theirs.every((t, i) => t === topics[i]);
    };
    let group: FanoutGroup<S> | undefined;
    if (topics.length > 0) each(this.topics.get(topics[0]!), (g) => (group ??= same(g) ? g : undefined));
    if (!group) {
      const own = topics.map((t) => this.known(t) ?? flat(t));
      group = { topics: own.length === 1 ? own[0]! : own, subs: null };
      // Keyed by the group's own strings, so the map holds no other copy.
      for (const t of own) this.listen(t, group);
    }
    const sub = make(group);
    group.subs = added(group.subs, sub);
    return sub;
  }

  /** A few members of the group (at most `max`), for sharing what they hold. */
  members(group: FanoutGroup<S>, max = 2): S[] {
    const found: S[] = [];
    if (group.subs instanceof Set) {
      for (const s of group.subs) if (found.push(s) >= max) break;
    } else if (group.subs !== null) found.push(group.subs);
    return found;
  }

  /** Takes `sub` out of its group; the last one out stops the group's bus subscriptions that nobody else needs. */
  leave(group: FanoutGroup<S>, sub: S): void {
    group.subs = removed(group.subs, sub);
    if (group.subs !== null) return;
    for (const topic of topicsOf(group)) {
      const left = removed(this.topics.get(topic), group);
      if (left !== null) {
        this.topics.set(topic, left);
        continue;
      }
      this.topics.delete(topic);
      this.bus.unsubscribe(topic);
    }
  }

  /** The string this process already keeps for a topic it listens to, to share rather than copy. */
  private known(topic: string): string | undefined {
    let found: string | undefined;
    each(this.topics.get(topic), (g) => (found ??= topicsOf(g).find((t) => t === topic)));
    return found;
  }

  private listen(topic: string, group: FanoutGroup<S>): void {
    const known = this.topics.get(topic);
    this.topics.set(topic, added(known, group));
    if (known) return;
    this.bus.subscribe(topic);
    // Look once more after the bus subscription is surely active, so nothing published meanwhile is missed.
    setTimeout(() => this.changed(topic), SETTLE_MS).unref();
  }
}
