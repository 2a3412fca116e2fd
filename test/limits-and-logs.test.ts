// Rate limits on login and on every entry point; logs that never carry a national ID number.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, startTestServer, type TestServer } from './server.ts';
import { demoPerson } from './people.ts';

describe('rate limits and logs', () => {
  let server: TestServer;
  const lines: string[] = [];
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    server = await startTestServer({ LOGIN_RATE_LIMIT_PER_MINUTE: '5', RATE_LIMIT_PER_MINUTE: '40', LOG_LEVEL: 'debug' }, sink);
  });
  afterAll(async () => server?.stop());

  it('a national ID number never reaches the log, through a whole login and a contact change', async () => {
    const kari = await demoPerson(server.database.owner, 'Kari Nordmann');
    const b = new Browser(server.url);
    await b.login(kari.nationalId);
    expect((await b.fetch('/api/me/contact', { method: 'PUT', json: { phone: '+4791112222' } })).status).toBe(200);
    expect(lines.length).toBeGreaterThan(5);
    const all = lines.join('');
    expect(all).not.toContain(kari.nationalId);
    expect(all).not.toContain('91112222');
    expect(all).not.toMatch(/"pid":"\d/);
  });

  it('too many login attempts from one address get a 429 problem', async () => {
    const b = new Browser(server.url);
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await b.fetch('/auth/login?kind=patient')).status);
    expect(statuses).toContain(429);
    const res = await b.fetch('/auth/login?kind=patient');
    expect(res.status).toBe(429);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect((await res.json()).type).toMatch(/rate-limited$/);
  });

  it('every public entry point is limited per address', async () => {
    const b = new Browser(server.url);
    const statuses: number[] = [];
    for (let i = 0; i < 45; i++) statuses.push((await b.fetch('/api/session')).status);
    expect(statuses.slice(0, 5).every((s) => s === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});
