// The bus topics this process listens to for its live sockets, shared: one bus subscription per topic, and one group per
// distinct set of topics, so sockets watching the same waiting room share a group. Built for many rooms with one or two
// sockets each: a topic or group with a single member holds it as it is, not in a Set, and nothing is kept per topic
// beyond its map entry (the bus delivers every event to one listener with its topic).
import type { EventBus } from '../events/bus.ts';

/** A cross-instance subscription (Redis SUBSCRIBE) becomes active a moment after it is asked for. */
const SETTLE_MS = 500;

/**
 * The topic as one flat string of its own. A topic built by a template (`video:to:${a}:p:${b}`) is a tree of string
 * pieces in V8 (32 bytes per piece, plus the pieces), kept as long as the topic is listened to; its bytes are less.
 */
const flat = (topic: string) => Buffer.from(topic, 'utf8').toString('utf8');

/** One member as it is, or several in a Set. */
type Some<T> = T | Set<T>;

/** The subscriptions that listen to the same bus and stream topics. */
export interface FanoutGroup<S> {
  /** Its bus topics, then its stream topics, each sorted. */
  readonly topics: readonly string[];
  /** How many of `topics`, at the end, are stream topics. */
  readonly streams: number;
  subs: Some<S> | null;
}

export interface FanoutHandlers<S> {
  /** A bus topic of the subscription's group changed: recompute it. */
  changed(sub: S): void;
  /** A stream topic's payload, passed on as it came. */
  streamed(sub: S, payload: object): void;
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
  /** Per bus topic, and per stream topic, the groups listening to it: the whole of what a topic costs here. */
  private readonly topics = new Map<string, Some<FanoutGroup<S>>>();
  private readonly streams = new Map<string, Some<FanoutGroup<S>>>();
  private readonly stopListening: () => void;

  constructor(bus: EventBus, handlers: FanoutHandlers<S>) {
    this.bus = bus;
    this.handlers = handlers;
    // One listener for every topic (the bus says which), so nothing is kept per topic but the map entries here.
    this.stopListening = bus.listen((payload, topic) => {
      this.changed(topic);
      each(this.streams.get(topic), (g) => each(g.subs, (s) => this.handlers.streamed(s, payload as object)));
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
  join(busTopics: readonly string[], streams: readonly string[], make: (group: FanoutGroup<S>) => S): S {
    const bus = [...new Set(busTopics)].sort();
    const stream = [...new Set(streams)].sort();
    const topics = bus.concat(stream);
    const same = (g: FanoutGroup<S>) => g.streams === stream.length && g.topics.length === topics.length && g.topics.every((t, i) => t === topics[i]);
    let group: FanoutGroup<S> | undefined;
    if (topics.length > 0) each((bus.length > 0 ? this.topics : this.streams).get(topics[0]!), (g) => (group ??= same(g) ? g : undefined));
    if (!group) {
      group = { topics: topics.map((t) => this.known(t) ?? flat(t)), streams: stream.length, subs: null };
      // Keyed by the group's own strings, so the maps hold no other copy.
      group.topics.forEach((t, i) => this.listen(t, i >= bus.length, group!));
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
    group.topics.forEach((topic, i) => {
      const stream = i >= group.topics.length - group.streams;
      const map = stream ? this.streams : this.topics;
      const left = removed(map.get(topic), group);
      if (left !== null) return void map.set(topic, left);
      map.delete(topic);
      this.bus.unsubscribe(topic);
    });
  }

  /** The string this process already keeps for a topic it listens to, to share rather than copy. */
  private known(topic: string): string | undefined {
    const group = (this.topics.get(topic) ?? this.streams.get(topic)) as Some<FanoutGroup<S>> | undefined;
    let found: string | undefined;
    each(group, (g) => (found ??= g.topics.find((t) => t === topic)));
    return found;
  }

  private listen(topic: string, stream: boolean, group: FanoutGroup<S>): void {
    const map = stream ? this.streams : this.topics;
    const known = map.get(topic);
    map.set(topic, added(known, group));
    if (known) return;
    this.bus.subscribe(topic);
    // Look once more after the bus subscription is surely active, so nothing published meanwhile is missed.
    if (!stream) setTimeout(() => this.changed(topic), SETTLE_MS).unref();
  }
}
