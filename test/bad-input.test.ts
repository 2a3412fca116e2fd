// Bad input gets a clear problem+json 4xx in the user's language and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, startTestServer, type TestServer } from './server.ts';
import { demoPerson } from './people.ts';

describe('bad input', () => {
  let server: TestServer;
  let patient: Browser;
  let olaId = '';
  const snapshot = async () => {
    const p = await server.database.owner.query('SELECT phone, email FROM persons WHERE id = $1', [olaId]);
    const n = await server.database.owner.query('SELECT count(*)::int AS n FROM notifications');
    return { person: p.rows[0], notifications: n.rows[0].n };
  };

  beforeAll(async () => {
    server = await startTestServer();
    const ola = await demoPerson(server.database.owner, 'Ola Hansen');
    olaId = ola.id;
    patient = new Browser(server.url);
    await patient.login(ola.nationalId);
  });
  afterAll(async () => server?.stop());

  const cases: Array<[string, RequestInit & { json?: unknown }, number, RegExp]> = [
    ['malformed JSON', { method: 'PUT', body: '{"phone": "9123', headers: { 'content-type': 'application/json' } }, 400, /invalid-json$/],
    ['a wrong type', { method: 'PUT', json: { phone: 91234567 } }, 400, /invalid$/],
    ['an unknown field', { method: 'PUT', json: { phone: '91234567', isAdmin: true } }, 400, /invalid$/],
    ['an empty object', { method: 'PUT', json: {} }, 400, /invalid$/],
    ['an invalid phone number', { method: 'PUT', json: { phone: '12' } }, 400, /invalid-phone$/],
    ['an oversized body', { method: 'PUT', body: JSON.stringify({ phone: 'x'.repeat(2 * 1024 * 1024) }), headers: { 'content-type': 'application/json' } }, 413, /payload-too-large$/],
    ['a content type the route does not take', { method: 'PUT', body: 'phone=91234567', headers: { 'content-type': 'text/plain' } }, 415, /unsupported-media-type$/],
  ];

  it.each(cases)('%s is refused with problem+json and nothing is written', async (_name, init, status, type) => {
    const before = await snapshot();
    const res = await patient.fetch('/api/me/contact', init);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const body = await res.json();
    expect(body.type).toMatch(type);
    expect(body.status).toBe(status);
    expect(typeof body.detail).toBe('string');
    expect(await snapshot()).toEqual(before);
  });

  it('speaks the user\'s language: bokmål by default, English or Swedish when asked', async () => {
    const nb = await (await patient.fetch('/api/me/contact', { method: 'PUT', json: { phone: '12' } })).json();
    expect(nb.detail).toBe('Mobilnummeret er ikke gyldig.');
    const anon = new Browser(server.url);
    const en = await (await anon.fetch('/api/me', { headers: { 'accept-language': 'en-GB,en;q=0.9' } })).json();
    expect(en.detail).toBe('You must log in to do this.');
    const sv = await (await anon.fetch('/api/me', { headers: { 'accept-language': 'sv-SE' } })).json();
    expect(sv.detail).toBe('Du måste logga in för att göra detta.');
  });

  it('an unknown API route is a 404 problem, not a 500', async () => {
    for (const path of ['/api/nope', '/api/me/nope', '/auth/nope']) {
      const res = await patient.fetch(path);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    const wrongMethod = await patient.fetch('/api/me', { method: 'DELETE' });
    expect(wrongMethod.status).toBe(404);
  });

  it('a malformed patient id in a staff URL is a 404 for staff and 401 for strangers, never a 500', async () => {
    const res = await new Browser(server.url).fetch("/api/staff/patients/1'%20OR%201=1");
    expect(res.status).toBe(401);
  });

  it('a valid change is written and sends one content-free SMS', async () => {
    const res = await patient.fetch('/api/me/contact', { method: 'PUT', json: { phone: '912 34 567' } });
    expect(res.status).toBe(200);
    expect((await res.json()).person.phone).toBe('+4791234567');
    const sms = await server.database.owner.query(`SELECT body, channel FROM notifications WHERE address = '+4791234567'`);
    expect(sms.rows).toHaveLength(1);
    expect(sms.rows[0].body).not.toMatch(/\d{11}/);
  });
});
