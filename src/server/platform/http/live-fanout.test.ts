// The topic fan-out of the live sockets: groups shared by subscriptions with the same topics, one bus subscription per
// topic, every subscriber reached once per event, addressed messages not taken for events, and the bus let go when the
// last one leaves.
import { describe, expect, it } from 'vitest';
import { countingBus } from '../events/counting-bus.ts';
import { addressed, LiveFanout, topicsOf, type FanoutGroup } from './live-fanout.ts';

interface Sub {
  name: string;
  group: FanoutGroup<Sub>;
}

describe('live fan-out', () => {
  it('shares groups and bus subscriptions, reaches each subscriber once, and lets go of the bus with the last one', async () => {
    const bus = countingBus();
    const changed: string[] = [];
    const messages: string[] = [];
    const fanout: LiveFanout<Sub> = new LiveFanout<Sub>(bus, {
      changed: (s) => changed.push(s.name),
      addressed: (s, to, m) => messages.push(`${s.name}<-${to.join('+')}:${(m as { n: number }).n}`),
    });
    // Each subscription keeps its group, as the live sockets do.
    const join = (bus: string[], name: string) => fanout.join(bus, (group) => ({ name, group }));
    const a = join(['room', 'appt', 'room'], 'a');
    const a2 = join(['appt', 'room'], 'a2');
    const b = join(['room'], 'b');
    join(['other'], 'other');
    expect(a2.group).toBe(a.group);
    expect(b.group).not.toBe(a.group);
    expect(topicsOf(a.group)).toEqual(['appt', 'room']);
    // A group of one topic holds the string itself, the same string the map and the other groups on it hold.
    expect(b.group.topics).toBe('room');
    expect([...bus.active]).toEqual([
      ['appt', 1],
      ['room', 1],
      ['other', 1],
    ]);

    await bus.publish('room', {});
    expect(changed.sort()).toEqual(['a', 'a2', 'b']);
    // An addressed message reaches the topic's subscribers with its address (each decides if it is theirs) and is no event.
    changed.length = 0;
    await bus.publish('appt', addressed(['x'], { n: 1 }));
    await bus.publish('room', addressed(['y', 'z'], { n: 2 }));
    expect(changed).toEqual([]);
    expect(messages.sort()).toEqual(['a2<-x:1', 'a2<-y+z:2', 'a<-x:1', 'a<-y+z:2', 'b<-y+z:2']);

    // a2 leaves: a's group keeps a alone (held as it is, no Set), still reached.
    fanout.leave(a2.group, a2);
    expect(a.group.subs).toBe(a);
    await bus.publish('appt', {});
    expect(changed.sort()).toEqual(['a']);

    fanout.leave(a.group, a);
    expect(bus.active.get('appt')).toBe(0);
    expect(bus.active.get('room')).toBe(1);
    fanout.leave(b.group, b);
    expect([bus.active.get('room'), bus.active.get('appt')]).toEqual([0, 0]);
    changed.length = 0;
    await bus.publish('room', {});
    expect(changed).toEqual([]);
  });
});
