// Starts the real server on a fresh database for a test file, and logs people in through the real OIDC flow.
import type { DestinationStream } from 'pino';
import { loadConfig, type Config } from '../src/server/config.ts';
import { createLogger } from '../src/server/platform/logger.ts';
import { startServer, type RunningServer } from '../src/server/server.ts';
import { freshDatabase, type TestDatabase } from './database.ts';
import { freePort } from './global-setup.ts';

export interface TestServer extends RunningServer {
  database: TestDatabase;
  config: Config;
  stop(): Promise<void>;
}

export async function startTestServer(env: Record<string, string> = {}, logStream?: DestinationStream): Promise<TestServer> {
  const database = await freshDatabase();
  const port = await freePort();
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATABASE_URL: database.url,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    // With REDIS_URL (CI's second run) the suite runs on Redis too, each server under its own prefix.
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL, REDIS_PREFIX: `nettlege-test-${port}:` } : {}),
    ...env,
  });
  const server = await startServer(config, createLogger(config.logLevel, logStream));
  return {
    ...server,
    database,
    config,
    async stop() {
      await server.close();
      await database.drop();
    },
  };
}

/** A tiny cookie jar: enough for one host on loopback. */
export class Browser {
  readonly cookies = new Map<string, string>();
  csrfToken: string | undefined;
  readonly base: string;

  constructor(base: string) {
    this.base = base;
  }

  private store(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attrs.some((a) => /max-age=0|expires=thu, 01 jan 1970/i.test(a.trim()));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async fetch(path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('cookie', this.header());
    let body = init.body;
    if (init.json !== undefined) {
      headers.set('content-type', 'application/json');
      body = JSON.stringify(init.json);
    }
    const method = (init.method ?? 'GET').toUpperCase();
    if (this.csrfToken && !['GET', 'HEAD'].includes(method) && !headers.has('x-csrf-token')) headers.set('x-csrf-token', this.csrfToken);
    const url = path.startsWith('http') ? path : this.base + path;
    const res = await fetch(url, { ...init, method, headers, body, redirect: 'manual' });
    this.store(res);
    return res;
  }

  /** Follows redirects like a browser, returning the last response and the URL it came from. */
  async follow(path: string, init: RequestInit = {}): Promise<{ res: Response; url: string }> {
    let url = path.startsWith('http') ? path : this.base + path;
    let res = await this.fetch(url, init);
    for (let hops = 0; res.status >= 300 && res.status < 400 && hops < 15; hops++) {
      url = new URL(res.headers.get('location')!, url).toString();
      res = await this.fetch(url);
    }
    return { res, url };
  }

  /** Logs in through /auth/login → the test provider's page → the callback, as a person would. */
  async login(nationalId: string, kind: 'patient' | 'staff' = 'patient', extra: Record<string, string> = {}): Promise<string> {
    const page = await this.follow(`/auth/login?kind=${kind}`);
    if (!page.url.includes('/dev-idp/interaction/')) throw new Error(`expected the test login page, got ${page.url} (${page.res.status})`);
    await page.res.text();
    const form = new URLSearchParams({ pid: nationalId, ...extra });
    const done = await this.follow(`${page.url}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    await done.res.text();
    const session = await (await this.fetch('/api/session')).json();
    this.csrfToken = session.csrfToken;
    return new URL(done.url).pathname + new URL(done.url).search;
  }
}
