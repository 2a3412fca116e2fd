// A WebSocket client for tests of GET /api/live: logs in with a Browser's cookie and waits for the messages it expects.
import type { Browser } from './server.ts';

export type LiveMessage = { type: string; topic?: string; [key: string]: unknown };

export class LiveClient {
  readonly messages: LiveMessage[] = [];
  private cursor = 0;
  private readonly socket: WebSocket;
  private wake: (() => void) | undefined;
  closed: { code: number; reason: string } | undefined;

  private constructor(socket: WebSocket) {
    this.socket = socket;
    socket.addEventListener('message', (e) => {
      this.messages.push(JSON.parse(String(e.data)) as LiveMessage);
      this.wake?.();
    });
    socket.addEventListener('close', (e) => {
      this.closed = { code: e.code, reason: e.reason };
      this.wake?.();
    });
  }

  /** Opens the socket as the browser's session would, from the server's own origin unless told otherwise. */
  static open(browser: Browser | undefined, base: string, origin: string = base): Promise<LiveClient> {
    const headers: Record<string, string> = { origin };
    if (browser?.cookies.size) headers.cookie = browser.header();
    // Node's WebSocket (undici) takes headers in its second argument, which browsers do not offer.
    const socket = new WebSocket(`${base.replace(/^http/, 'ws')}/api/live`, { headers } as unknown as string[]);
    return new Promise((resolve, reject) => {
      socket.addEventListener('open', () => resolve(new LiveClient(socket)), { once: true });
      socket.addEventListener('error', () => reject(new Error('the WebSocket did not open')), { once: true });
    });
  }

  send(message: object): void {
    this.socket.send(JSON.stringify(message));
  }

  /** The next message (after those already waited for) that matches; fails after `timeoutMs`. */
  async next(match: (m: LiveMessage) => boolean, timeoutMs = 5_000): Promise<LiveMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const i = this.messages.findIndex((m, idx) => idx >= this.cursor && match(m));
      if (i >= 0) {
        this.cursor = i + 1;
        return this.messages[i]!;
      }
      if (this.closed) throw new Error(`socket closed (${this.closed.code}) while waiting`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching message within ${timeoutMs} ms; got ${JSON.stringify(this.messages.slice(this.cursor))}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
    }
  }

  /** Subscribes and returns the first message for the topic (the snapshot, or the error). */
  async subscribe(topic: string): Promise<LiveMessage> {
    this.send({ subscribe: topic });
    return this.next((m) => m.topic === topic && m.type !== 'subscribed');
  }

  close(): void {
    this.socket.close();
  }
}
