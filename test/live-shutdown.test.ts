// A closing server lets its live sockets go at once: each is closed with 1001 ("going away", the client reconnects to
// another instance), so the server's close does not wait for idle sockets, and /metrics counts the open ones.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, startTestServer, type TestServer } from './server.ts';
import { demoPerson } from './people.ts';
import { LiveClient } from './live-client.ts';

describe('live sockets when the server closes', () => {
  let server: TestServer;
  let closed = false;
  const metrics = async () => (await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer live-shutdown-token' } })).text();

  beforeAll(async () => {
    server = await startTestServer({ METRICS_TOKEN: 'live-shutdown-token' });
  });
  afterAll(async () => {
    if (!closed) await server.close();
    await server.database.drop();
  });

  it('counts the open sockets, and closes each with 1001 when the server closes, without waiting for them', async () => {
    const kari = new Browser(server.url);
    await kari.login((await demoPerson(server.database.owner, 'Kari Nordmann')).nationalId);
    const sockets = await Promise.all([LiveClient.open(kari, server.url), LiveClient.open(kari, server.url), LiveClient.open(kari, server.url)]);
    expect(await metrics()).toMatch(/^nettlege_websockets_open 3$/m);
    sockets[0]!.close();
    await expect.poll(metrics).toMatch(/^nettlege_websockets_open 2$/m);

    const started = Date.now();
    await server.close();
    closed = true;
    expect(Date.now() - started).toBeLessThan(5_000);
    for (const s of sockets.slice(1)) await expect.poll(() => s.closed?.code).toBe(1001);
  });
});
