// A live topic survives a lost connection: it says so, waits a growing while, subscribes again; a refusal is final.
import { describe, expect, it } from 'vitest';
import { liveUrl, openLiveTopic, reconnectDelay, type LiveSocket, type LiveStatus } from './live-connection.ts';

class FakeSocket implements LiveSocket {
  sent: string[] = [];
  closed = false;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code?: number }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  send(data: string) {
    this.sent.push(data);
  }
  close() {
    if (this.closed) return;
    this.closed = true;
    this.onclose?.({});
  }
  open() {
    this.onopen?.({});
  }
  receive(message: object) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
  drop(code = 1006) {
    this.closed = true;
    this.onclose?.({ code });
  }
}

function harness(topic = 'dropin:me:c1:p1', withStreams = false) {
  const sockets: FakeSocket[] = [];
  const timers: Array<{ run: () => void; ms: number }> = [];
  const statuses: LiveStatus[] = [];
  const messages: object[] = [];
  const streamed: object[] = [];
  const connection = openLiveTopic({
    url: 'ws://x/api/live',
    topic,
    onMessage: (m) => messages.push(m),
    ...(withStreams ? { onStream: (m: object) => streamed.push(m) } : {}),
    onStatus: (s) => statuses.push(s),
    createSocket: () => {
      const socket = new FakeSocket();
      sockets.push(socket);
      return socket;
    },
    random: () => 1,
    setTimer: (run, ms) => timers.push({ run, ms }),
    clearTimer: () => undefined,
  });
  return { sockets, timers, statuses, messages, streamed, connection, topic };
}

describe('a live topic', () => {
  it('subscribes when the socket opens and passes on only its own topic\'s messages', () => {
    const h = harness();
    h.sockets[0]!.open();
    expect(h.sockets[0]!.sent).toEqual([JSON.stringify({ subscribe: h.topic })]);
    h.sockets[0]!.receive({ type: 'subscribed', topic: h.topic });
    h.sockets[0]!.receive({ type: 'dropin.position', topic: h.topic, position: 2 });
    h.sockets[0]!.receive({ type: 'dropin.position', topic: 'dropin:me:other', position: 9 });
    expect(h.statuses).toEqual(['connecting', 'live']);
    expect(h.messages).toEqual([{ type: 'dropin.position', topic: h.topic, position: 2 }]);
  });

  it('after a lost connection says it is reconnecting, waits longer each time, and is live again once subscribed', () => {
    const h = harness();
    h.sockets[0]!.open();
    h.sockets[0]!.receive({ type: 'subscribed', topic: h.topic });
    h.sockets[0]!.drop();
    expect(h.statuses.at(-1)).toBe('reconnecting');
    h.timers[0]!.run();
    h.sockets[1]!.drop();
    h.timers[1]!.run();
    h.sockets[2]!.drop();
    expect(h.timers.map((t) => t.ms)).toEqual([1000, 2000, 4000]);
    h.timers[2]!.run();
    h.sockets[3]!.open();
    h.sockets[3]!.receive({ type: 'subscribed', topic: h.topic });
    expect(h.statuses.at(-1)).toBe('live');
    // A working subscription starts the backoff over.
    h.sockets[3]!.drop();
    expect(h.timers.at(-1)!.ms).toBe(1000);
  });

  it('is delayed while the server says other instances\' changes cannot reach it, live again when they can; a new socket starts out live', () => {
    const h = harness('video:room:r1', true);
    h.sockets[0]!.open();
    // Told before the subscription is confirmed: the subscription is then delayed, not live.
    h.sockets[0]!.receive({ type: 'live', live: false });
    expect(h.statuses).toEqual(['connecting']);
    h.sockets[0]!.receive({ type: 'subscribed', topic: h.topic });
    expect(h.statuses.at(-1)).toBe('delayed');
    // Still subscribed: stream messages go out, and the message is not taken for a stream message.
    expect(h.connection.send({ chat: { room: 'r1', text: 'Hei' } })).toBe(true);
    expect(h.streamed).toEqual([]);
    h.sockets[0]!.receive({ type: 'live', live: true });
    expect(h.statuses.at(-1)).toBe('live');
    h.sockets[0]!.receive({ type: 'live', live: false });
    expect(h.statuses.at(-1)).toBe('delayed');
    h.sockets[0]!.drop();
    expect(h.statuses.at(-1)).toBe('reconnecting');
    h.timers[0]!.run();
    h.sockets[1]!.open();
    h.sockets[1]!.receive({ type: 'subscribed', topic: h.topic });
    expect(h.statuses.at(-1)).toBe('live');
  });

  it('does not try again after the server refuses the topic', () => {
    const h = harness();
    h.sockets[0]!.open();
    h.sockets[0]!.receive({ type: 'error', topic: h.topic, code: 'forbidden' });
    expect(h.statuses.at(-1)).toBe('refused');
    expect(h.timers).toEqual([]);
  });

  it('stops when the server closes the socket because the session ended', () => {
    const h = harness();
    h.sockets[0]!.open();
    h.sockets[0]!.receive({ type: 'subscribed', topic: h.topic });
    h.sockets[0]!.drop(4401);
    expect(h.statuses.at(-1)).toBe('ended');
    expect(h.timers).toEqual([]);
  });

  it('tries again later after a passing failure on the server', () => {
    const h = harness();
    h.sockets[0]!.open();
    h.sockets[0]!.receive({ type: 'error', topic: h.topic, code: 'failed' });
    expect(h.statuses.at(-1)).toBe('reconnecting');
    expect(h.timers).toHaveLength(1);
  });

  it('once closed, neither reconnects nor reports', () => {
    const h = harness();
    h.sockets[0]!.open();
    h.connection.close();
    expect(h.sockets[0]!.closed).toBe(true);
    expect(h.timers).toEqual([]);
    expect(h.statuses).toEqual(['connecting']);
  });

  it('passes on stream messages, which carry no topic, and sends stream messages only while subscribed', () => {
    const h = harness('video:room:r1', true);
    h.sockets[0]!.open();
    expect(h.connection.send({ signal: { room: 'r1', to: 'p2', data: {} } })).toBe(false);
    h.sockets[0]!.receive({ type: 'subscribed', topic: h.topic });
    expect(h.connection.send({ chat: { room: 'r1', text: 'Hei' } })).toBe(true);
    expect(h.sockets[0]!.sent.at(-1)).toBe(JSON.stringify({ chat: { room: 'r1', text: 'Hei' } }));
    h.sockets[0]!.receive({ type: 'video.signal', room: 'r1', from: 'p2', data: { kind: 'hello' } });
    h.sockets[0]!.receive({ type: 'error', kind: 'chat', code: 'forbidden' });
    expect(h.streamed).toEqual([
      { type: 'video.signal', room: 'r1', from: 'p2', data: { kind: 'hello' } },
      { type: 'error', kind: 'chat', code: 'forbidden' },
    ]);
    // A refused stream message is not a refused topic: still live.
    expect(h.statuses.at(-1)).toBe('live');
    h.sockets[0]!.drop();
    expect(h.connection.send({ chat: { room: 'r1', text: 'Hei' } })).toBe(false);
  });

  it('without a stream handler, drops messages without a topic as before', () => {
    const h = harness();
    h.sockets[0]!.open();
    h.sockets[0]!.receive({ type: 'video.chat', room: 'r1', text: 'x' });
    expect(h.messages).toEqual([]);
  });

  it('waits at most half a minute, with jitter, and speaks ws or wss as the page does', () => {
    expect(reconnectDelay(0, () => 0)).toBe(500);
    expect(reconnectDelay(20, () => 1)).toBe(30_000);
    expect(liveUrl('https://nettlege.no')).toBe('wss://nettlege.no/api/live');
    expect(liveUrl('http://127.0.0.1:3000')).toBe('ws://127.0.0.1:3000/api/live');
  });
});
