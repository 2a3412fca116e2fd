// Logging in through the real OIDC flow against the bundled test provider; sessions; acting for a child.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, startTestServer, type TestServer } from './server.ts';
import { demoPerson } from './people.ts';
import { syntheticNationalId, } from '../src/server/demo/synthetic-ids.ts';
import { yearsBefore } from '../src/server/demo/seed.ts';
import { localDate } from '../src/shared/time.ts';

describe('logging in and acting for others', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.stop());

  it('a patient logs in through the test provider and lands on Min side with their GP', async () => {
    const kari = await demoPerson(server.database.owner, 'Kari Nordmann');
    const b = new Browser(server.url);
    expect(await b.login(kari.nationalId)).toBe('/min-side');
    const me = await (await b.fetch('/api/me')).json();
    expect(me.person.name).toBe('Kari Nordmann');
    expect(me.person.maskedNationalId).toMatch(/^\d{6} \*{5}$/);
    expect(me.gp.name).toBe('Lise Berg');
    expect(me.clinic.name).toBe('Fjordbyen legekontor');
    expect(me.clinic.services).toContain('econsult');
    expect(JSON.stringify(me)).not.toContain(kari.nationalId);
  });

  it('a person unknown to the installation gets a patient record with no GP', async () => {
    const stranger = syntheticNationalId('1999-05-05', 7);
    const b = new Browser(server.url);
    await b.login(stranger, 'patient', { name: 'Ny Pasient' });
    const me = await (await b.fetch('/api/me')).json();
    expect(me.person.name).toBe('Ny Pasient');
    expect(me.gp).toBeNull();
    expect(me.clinic).toBeNull();
    const rows = await server.database.owner.query('SELECT national_id_kind FROM persons WHERE national_id = $1', [stranger]);
    expect(rows.rows).toEqual([{ national_id_kind: 'synthetic' }]);
  });

  it('the test provider refuses an invalid number and no session is made', async () => {
    const b = new Browser(server.url);
    const page = await b.follow('/auth/login?kind=patient');
    await page.res.text();
    const res = await b.fetch(`${page.url}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'pid=15039012489',
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('ikke et gyldig');
    expect((await (await b.fetch('/api/session')).json()).authenticated).toBe(false);
  });

  it('a replayed login callback is refused', async () => {
    const b = new Browser(server.url);
    const kari = await demoPerson(server.database.owner, 'Kari Nordmann');
    const page = await b.follow('/auth/login?kind=patient');
    await page.res.text();
    let res = await b.fetch(`${page.url}/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `pid=${kari.nationalId}` });
    let url = new URL(res.headers.get('location')!, page.url).toString();
    while (!url.includes('/auth/callback')) {
      res = await b.fetch(url);
      url = new URL(res.headers.get('location')!, url).toString();
    }
    const first = await b.fetch(url);
    expect(first.headers.get('location')).toBe('/min-side');
    const replay = await new Browser(server.url).fetch(url);
    expect(replay.headers.get('location')).toBe('/?login=failed');
  });

  it('a parent acts for the 9- and 14-year-old, never for a 16-year-old or a stranger, and it is recorded', async () => {
    const o = server.database.owner;
    const [kari, emma, jonas, ola] = await Promise.all(['Kari Nordmann', 'Emma Nordmann', 'Jonas Nordmann', 'Ola Hansen'].map((n) => demoPerson(o, n)));
    const sixteen = syntheticNationalId(yearsBefore(localDate(new Date()), 16, 1), 3);
    const teen = await o.query(
      `INSERT INTO persons (national_id, national_id_kind, birth_date, name) VALUES ($1, 'synthetic', $2, 'Sara Nordmann') RETURNING id`,
      [sixteen, yearsBefore(localDate(new Date()), 16, 1)],
    );
    await o.query('INSERT INTO guardian_relations (guardian_id, child_id) VALUES ($1, $2)', [kari!.id, teen.rows[0].id]);

    const b = new Browser(server.url);
    await b.login(kari!.nationalId);
    const me = await (await b.fetch('/api/me')).json();
    const byName = Object.fromEntries(me.children.map((c: { name: string }) => [c.name, c]));
    expect(byName['Emma Nordmann']).toMatchObject({ age: 9, canActFor: true, access: 'full' });
    expect(byName['Jonas Nordmann']).toMatchObject({ age: 14, canActFor: true, access: 'limited' });
    expect(byName['Sara Nordmann']).toMatchObject({ age: 16, canActFor: false, access: 'none' });

    const asEmma = await b.fetch('/api/me/acting-for', { method: 'PUT', json: { personId: emma!.id } });
    expect(asEmma.status).toBe(200);
    const view = await asEmma.json();
    expect(view.actingFor.name).toBe('Emma Nordmann');
    expect(view.subject.name).toBe('Emma Nordmann');
    expect((await (await b.fetch('/api/session')).json()).actingFor.name).toBe('Emma Nordmann');
    expect((await b.fetch('/api/me/acting-for', { method: 'PUT', json: { personId: jonas!.id } })).status).toBe(200);

    for (const refused of [teen.rows[0].id, ola!.id]) {
      const res = await b.fetch('/api/me/acting-for', { method: 'PUT', json: { personId: refused } });
      expect(res.status).toBe(403);
      expect((await res.json()).detail).toBe('Du kan ikke handle på vegne av denne personen.');
    }
    // A refused switch leaves the earlier choice in place.
    expect((await (await b.fetch('/api/session')).json()).actingFor.name).toBe('Jonas Nordmann');

    const audit = await o.query(`SELECT subject_person_id, actor_kind FROM audit_log WHERE actor_person_id = $1 AND action = 'proxy.start'`, [kari!.id]);
    expect(audit.rows.map((r) => r.subject_person_id).sort()).toEqual([emma!.id, jonas!.id].sort());
    expect(audit.rows.every((r) => r.actor_kind === 'guardian')).toBe(true);

    const back = await (await b.fetch('/api/me/acting-for', { method: 'PUT', json: { personId: null } })).json();
    expect(back.actingFor).toBeNull();
  });

  it('staff log in with the HPR claim and land on the staff page; a patient cannot log in as staff', async () => {
    const o = server.database.owner;
    const lise = await demoPerson(o, 'Lise Berg');
    const b = new Browser(server.url);
    expect(await b.login(lise.nationalId, 'staff', { hpr: lise.hpr! })).toBe('/ansatt');
    const home = await (await b.fetch('/api/staff/home')).json();
    expect(home).toMatchObject({ clinic: { name: 'Fjordbyen legekontor' }, roles: ['clinician'], hprNumber: '1000001' });
    expect(home.patients.length).toBeGreaterThanOrEqual(6);

    const wrongHpr = new Browser(server.url);
    expect(await wrongHpr.login(lise.nationalId, 'staff', { hpr: '9999999' })).toBe('/?login=not-staff');
    const ola = await demoPerson(o, 'Ola Hansen');
    const notStaff = new Browser(server.url);
    expect(await notStaff.login(ola.nationalId, 'staff')).toBe('/?login=not-staff');
    expect((await (await notStaff.fetch('/api/session')).json()).authenticated).toBe(false);
  });

  it('logout ends the session on the server, and idle and old sessions expire', async () => {
    const o = server.database.owner;
    const ola = await demoPerson(o, 'Ola Hansen');
    const b = new Browser(server.url);
    await b.login(ola.nationalId);
    const stolenCookie = b.header();
    expect((await b.fetch('/auth/logout', { method: 'POST' })).status).toBe(204);
    const replay = await fetch(`${server.url}/api/me`, { headers: { cookie: stolenCookie } });
    expect(replay.status).toBe(401);

    const idle = new Browser(server.url);
    await idle.login(ola.nationalId);
    expect((await idle.fetch('/api/me')).status).toBe(200);
    await o.query(`UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE person_id = $1 AND ended_at IS NULL`, [ola.id]);
    expect((await idle.fetch('/api/me')).status).toBe(401);

    // However active, a session ends at its absolute timeout.
    const busy = new Browser(server.url);
    await busy.login(ola.nationalId);
    await o.query(`UPDATE sessions SET absolute_expires_at = now() - interval '1 second' WHERE person_id = $1 AND ended_at IS NULL`, [ola.id]);
    expect((await busy.fetch('/api/me')).status).toBe(401);
  });

  it('the session cookie is httpOnly and SameSite, and pages carry security headers', async () => {
    const ola = await demoPerson(server.database.owner, 'Ola Hansen');
    const b = new Browser(server.url);
    const page = await b.follow('/auth/login?kind=patient');
    await page.res.text();
    let res = await b.fetch(`${page.url}/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `pid=${ola.nationalId}` });
    let setCookie = '';
    for (let i = 0; i < 10 && res.status >= 300 && res.status < 400; i++) {
      const c = res.headers.getSetCookie().find((x) => x.startsWith('nettlege_session='));
      if (c) setCookie = c;
      res = await b.fetch(new URL(res.headers.get('location')!, server.url).toString());
    }
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const home = await fetch(`${server.url}/`);
    expect(home.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(home.headers.get('referrer-policy')).toBe('no-referrer');
    // Every answer carries them, a refusal and a problem for an unknown path included.
    for (const res of [home, await fetch(`${server.url}/api/me`), await fetch(`${server.url}/api/no-such-thing`)]) {
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    }
  });

  it('the OpenAPI description lists the routes with their access rules', async () => {
    const doc = await (await fetch(`${server.url}/api/openapi.json`)).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.paths['/api/me'].get['x-access']).toEqual({ kind: 'patient' });
    expect(doc.paths['/api/staff/patients/{patientId}'].get['x-access'].kind).toBe('staffOfPatient');
  });

  it('health and readiness answer', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${server.url}/readyz`)).json()).toMatchObject({ status: 'ready' });
  });
});
