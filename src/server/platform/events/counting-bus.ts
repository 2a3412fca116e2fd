// For tests of what listens on the bus: the in-process bus, counting the subscriptions made per topic (subscribe adds
// one, unsubscribe takes one away), so a test can see that sockets share them and let go of them.
import { inProcessBus, type EventBus } from './bus.ts';

export function countingBus(): EventBus & { active: Map<string, number> } {
  const bus = inProcessBus();
  const active = new Map<string, number>();
  return {
    ...bus,
    active,
    subscribe(topic: string) {
      active.set(topic, (active.get(topic) ?? 0) + 1);
    },
    unsubscribe(topic: string) {
      active.set(topic, active.get(topic)! - 1);
    },
  };
}
