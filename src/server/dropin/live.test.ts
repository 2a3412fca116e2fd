// Who may open GET /api/live and see which drop-in topics: a patient only their own place (or a child's), staff only their clinic's list.
import { request } from 'node:http';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, startTestServer, type TestServer } from '../../../test/server.ts';
import { demoPerson, demoClinicId } from '../../../test/people.ts';
import { LiveClient } from '../../../test/live-client.ts';

/** The HTTP status an upgrade request gets, as a browser's handshake would see it. */
function upgradeStatus(base: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    // agent: false: the refused upgrade's socket is closed by the server, so it must not go back to a keep-alive pool.
    const req = request(`${base}/api/live`, {
      agent: false,
      headers: { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': randomBytes(16).toString('base64'), ...headers },
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve(res.statusCode ?? 0);
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('live topics of the drop-in queue', () => {
  let server: TestServer;
  let nordlys = '';
  const ids: Record<string, string> = {};
  const b: Record<'ingrid' | 'kari' | 'anna' | 'lise', Browser> = {} as never;
  const sockets: LiveClient[] = [];
  const live = async (who: Browser) => {
    const c = await LiveClient.open(who, server.url);
    sockets.push(c);
    return c;
  };

  beforeAll(async () => {
    server = await startTestServer();
    const o = server.database.owner;
    nordlys = await demoClinicId(o, 'Nordlys nettklinikk');
    for (const [key, name] of Object.entries({ ola: 'Ola Hansen', emma: 'Emma Nordmann', kari: 'Kari Nordmann' })) ids[key] = (await demoPerson(o, name)).id;
    for (const key of ['ingrid', 'kari', 'anna', 'lise'] as const) b[key] = new Browser(server.url);
    await b.ingrid.login((await demoPerson(o, 'Ingrid Solberg')).nationalId);
    await b.kari.login((await demoPerson(o, 'Kari Nordmann')).nationalId);
    const anna = await demoPerson(o, 'Anna Lindqvist');
    await b.anna.login(anna.nationalId, 'staff', { hpr: anna.hpr! });
    const lise = await demoPerson(o, 'Lise Berg');
    await b.lise.login(lise.nationalId, 'staff', { hpr: lise.hpr! });
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await server?.stop();
  });

  it('refuses an upgrade without a session, and one from another site even with the cookie', async () => {
    expect(await upgradeStatus(server.url, { origin: server.url })).toBe(401);
    expect(await upgradeStatus(server.url, { origin: 'https://evil.example', cookie: b.ingrid.header() })).toBe(403);
    expect(await upgradeStatus(server.url, { cookie: b.ingrid.header() })).toBe(403);
    expect(await upgradeStatus(server.url, { origin: server.url, cookie: b.ingrid.header() })).toBe(101);
    await expect(LiveClient.open(undefined, server.url)).rejects.toThrow(/did not open/);
  });

  it('a plain GET without an upgrade is told to upgrade', async () => {
    const res = await b.ingrid.fetch('/api/live', { headers: { origin: server.url } });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('a patient cannot see another patient\'s place, nor the staff list', async () => {
    const ingrid = await live(b.ingrid);
    expect(await ingrid.subscribe(`dropin:me:${nordlys}:${ids.ola}`)).toMatchObject({ type: 'error', code: 'forbidden' });
    expect(await ingrid.subscribe('dropin:staff')).toMatchObject({ type: 'error', code: 'forbidden' });
    expect(await ingrid.subscribe(`dropin:me:not-a-clinic`)).toMatchObject({ type: 'error', code: 'forbidden' });
    expect(await ingrid.subscribe('nothing:here')).toMatchObject({ type: 'error', code: 'unknown-topic' });
    expect(await ingrid.subscribe(`dropin:me:${nordlys}`)).toMatchObject({ type: 'dropin.position', status: 'none' });
    ingrid.send({ hello: 1 });
    expect(await ingrid.next((m) => m.type === 'error')).toMatchObject({ code: 'invalid' });
  });

  it('a parent sees their child\'s place; staff cannot subscribe to a patient\'s place', async () => {
    const kari = await live(b.kari);
    expect(await kari.subscribe(`dropin:me:${nordlys}:${ids.emma}`)).toMatchObject({ type: 'dropin.position', patientId: ids.emma, status: 'none' });
    await b.kari.fetch(`/api/dropin/${nordlys}/join`, { method: 'POST', json: { visitType: 'video', patientId: ids.emma } });
    expect(await kari.next((m) => m.status === 'waiting')).toMatchObject({ patientId: ids.emma, position: 1 });
    const anna = await live(b.anna);
    expect(await anna.subscribe(`dropin:me:${nordlys}`)).toMatchObject({ type: 'error', code: 'forbidden' });
  });

  it('staff see only their own clinic\'s queue', async () => {
    const lise = await live(b.lise);
    const list = await lise.subscribe('dropin:staff');
    expect(list).toMatchObject({ type: 'dropin.queue', waiting: [] });
    expect(list.clinicId).not.toBe(nordlys);
    const anna = await live(b.anna);
    expect((await anna.subscribe('dropin:staff')).waiting).toMatchObject([{ patientId: ids.emma, patientName: 'Emma Nordmann' }]);
  });

  it('unsubscribing stops the updates', async () => {
    const kari = await live(b.kari);
    const topic = `dropin:me:${nordlys}:${ids.emma}`;
    await kari.subscribe(topic);
    kari.send({ unsubscribe: topic });
    await kari.next((m) => m.type === 'unsubscribed');
    await b.kari.fetch(`/api/dropin/${nordlys}/me?patientId=${ids.emma}`, { method: 'DELETE' });
    await new Promise((r) => setTimeout(r, 300));
    expect(kari.messages.filter((m) => m.type === 'dropin.position' && m.status === 'left')).toHaveLength(0);
  });
});
