// The topic fan-out of the live sockets: groups shared by subscriptions with the same topics, one bus subscription per
// topic, every subscriber reached once per event, and the bus let go when the last one leaves.
import { describe, expect, it } from 'vitest';
import { countingBus } from '../events/counting-bus.ts';
import { LiveFanout, type FanoutGroup } from './live-fanout.ts';

interface Sub {
  name: string;
  group: FanoutGroup<Sub>;
}

describe('live fan-out', () => {
  it('shares groups and bus subscriptions, reaches each subscriber once, and lets go of the bus with the last one', async () => {
    const bus = countingBus();
    const changed: string[] = [];
    const streamed: string[] = [];
    const fanout: LiveFanout<Sub> = new LiveFanout<Sub>(bus, {
      changed: (s) => changed.push(s.name),
      streamed: (s, p) => streamed.push(`${s.name}:${(p as { n: number }).n}`),
    });
    // Each subscription keeps its group, as the live sockets do.
    const join = (bus: string[], streams: string[], name: string) => fanout.join(bus, streams, (group) => ({ name, group }));
    const a = join(['room', 'appt', 'room'], ['to:a'], 'a');
    const a2 = join(['appt', 'room'], ['to:a'], 'a2');
    const b = join(['room', 'appt'], ['to:b'], 'b');
    join(['other'], [], 'other');
    expect(a2.group).toBe(a.group);
    expect(b.group).not.toBe(a.group);
    expect([...bus.active]).toEqual([
      ['appt', 1],
      ['room', 1],
      ['to:a', 1],
      ['to:b', 1],
      ['other', 1],
    ]);

    await bus.publish('room', {});
    expect(changed.sort()).toEqual(['a', 'a2', 'b']);
    await bus.publish('to:a', { n: 1 });
    await bus.publish('to:b', { n: 2 });
    expect(streamed.sort()).toEqual(['a2:1', 'a:1', 'b:2']);

    // a2 leaves: a's group keeps a alone (held as it is, no Set), still reached.
    fanout.leave(a2.group, a2);
    expect(a.group.subs).toBe(a);
    changed.length = 0;
    await bus.publish('appt', {});
    expect(changed.sort()).toEqual(['a', 'b']);

    fanout.leave(a.group, a);
    expect(bus.active.get('to:a')).toBe(0);
    expect(bus.active.get('room')).toBe(1);
    fanout.leave(b.group, b);
    expect([bus.active.get('room'), bus.active.get('appt'), bus.active.get('to:b')]).toEqual([0, 0, 0]);
    changed.length = 0;
    await bus.publish('room', {});
    expect(changed).toEqual([]);
  });
});
