// Every route refuses every caller its rule does not allow: a table over all registered routes, so a new route is covered.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { requireAccessRules, type Access } from '../src/server/platform/http/access.ts';
import { Browser, startTestServer, type TestServer } from './server.ts';
import { demoPerson } from './people.ts';

type Caller = 'anonymous' | 'patient' | 'clinician' | 'reception' | 'otherClinicStaff';
const CALLERS: Caller[] = ['anonymous', 'patient', 'clinician', 'reception', 'otherClinicStaff'];

/** The statuses each caller must get, or null where the caller is allowed. */
function refusal(access: Access, caller: Caller): number[] | null {
  const staff = caller === 'clinician' || caller === 'reception' || caller === 'otherClinicStaff';
  switch (access.kind) {
    case 'public':
      return null;
    case 'dev':
      return [404]; // the server under test runs with DEV_OUTBOX=false
    case 'operator':
      return [404]; // and with no METRICS_TOKEN: the metrics are off
    case 'authenticated':
      return caller === 'anonymous' ? [401] : null;
    case 'patient':
      return caller === 'anonymous' ? [401] : staff ? [403] : null;
    case 'patientOrStaff':
      if (caller === 'anonymous') return [401];
      if (access.roles && caller === 'reception' && !access.roles.includes('reception')) return [403];
      return null;
    case 'staff': {
      if (caller === 'anonymous') return [401];
      if (!staff) return [403];
      const roles = access.roles;
      if (roles && caller === 'reception' && !roles.includes('reception')) return [403];
      if (roles && caller !== 'reception' && !roles.includes('clinician') && !roles.includes('clinic_admin')) return [403];
      return null;
    }
    case 'staffOfPatient':
      if (caller === 'anonymous') return [401];
      if (!staff) return [403];
      if (caller === 'otherClinicStaff') return [404];
      return null;
  }
}

describe('authorization of every route', () => {
  let server: TestServer;
  const browsers = {} as Record<Caller, Browser>;
  let patientOfPublicClinic = '';

  beforeAll(async () => {
    server = await startTestServer({ DEV_OUTBOX: 'false' });
    const o = server.database.owner;
    const [ola, lise, tone, anna] = await Promise.all(['Ola Hansen', 'Lise Berg', 'Tone Ås', 'Anna Lindqvist'].map((n) => demoPerson(o, n)));
    patientOfPublicClinic = ola!.id;
    for (const c of CALLERS) browsers[c] = new Browser(server.url);
    await browsers.patient.login(ola!.nationalId);
    await browsers.clinician.login(lise!.nationalId, 'staff', { hpr: lise!.hpr! });
    await browsers.reception.login(tone!.nationalId, 'staff');
    await browsers.otherClinicStaff.login(anna!.nationalId, 'staff', { hpr: anna!.hpr! });
  });
  afterAll(async () => server?.stop());

  it('has a rule for every route, and the table lists the API routes', () => {
    const urls = server.app.accessTable.map((r) => `${r.method} ${r.url}`);
    expect(urls).toContain('GET /api/me');
    expect(urls).toContain('GET /api/staff/patients/:patientId');
    expect(server.app.accessTable.every((r) => r.access && typeof r.access.kind === 'string')).toBe(true);
  });

  it('refuses to start with a route that declares no rule', async () => {
    const app = Fastify();
    requireAccessRules(app);
    expect(() => app.get('/api/forgotten', async () => 'open')).toThrow(/declares no access rule/);
    await app.close();
  });

  it('refuses each caller that the rule does not allow', async () => {
    const checked: string[] = [];
    for (const rule of server.app.accessTable) {
      if (rule.method === 'HEAD' || rule.url.startsWith('/dev-idp')) continue;
      const url = rule.url.replace(/:patientId/g, patientOfPublicClinic).replace(/:(\w+)/g, '00000000-0000-4000-8000-000000000000').replace('*', 'x');
      for (const caller of CALLERS) {
        const expected = refusal(rule.access, caller);
        // Allowed calls are exercised by each capability's own tests (some log out or change data).
        if (!expected) continue;
        const hasBody = !['GET', 'DELETE'].includes(rule.method);
        const res = await browsers[caller].fetch(url, { method: rule.method, ...(hasBody ? { json: {} } : {}) });
        await res.arrayBuffer();
        const label = `${caller} ${rule.method} ${rule.url} → ${res.status}`;
        expect(expected, label).toContain(res.status);
        expect(res.headers.get('content-type'), label).toContain('application/problem+json');
        checked.push(label);
      }
    }
    expect(checked.length).toBeGreaterThan(20);
  });

  it('lets staff of the patient\'s clinic read the patient and writes the access to the audit log', async () => {
    const res = await browsers.clinician.fetch(`/api/staff/patients/${patientOfPublicClinic}`, { headers: { 'x-access-reason': 'consultation' } });
    expect(res.status).toBe(200);
    const log = await server.database.owner.query(
      `SELECT a.action, a.reason, a.actor_kind, p.name AS actor FROM audit_log a JOIN persons p ON p.id = a.actor_person_id WHERE a.subject_person_id = $1 ORDER BY a.id DESC LIMIT 1`,
      [patientOfPublicClinic],
    );
    expect(log.rows[0]).toMatchObject({ action: 'patient.summary.read', reason: 'consultation', actor_kind: 'staff', actor: 'Lise Berg' });
  });

  it('the patient sees that access in their own access log', async () => {
    const res = await browsers.patient.fetch('/api/me/access-log');
    const body = await res.json();
    expect(body.entries.some((e: { actorName: string; action: string }) => e.actorName === 'Lise Berg' && e.action === 'patient.summary.read')).toBe(true);
  });

  it('a state-changing request without the CSRF token is refused and changes nothing', async () => {
    const res = await browsers.patient.fetch('/auth/logout', { method: 'POST', headers: { 'x-csrf-token': 'wrong' } });
    expect(res.status).toBe(403);
    expect((await res.json()).type).toMatch(/csrf$/);
    expect((await browsers.patient.fetch('/api/me')).status).toBe(200);
  });

  it('a request from another origin is refused even with the token', async () => {
    const res = await browsers.patient.fetch('/api/me/contact', { method: 'PUT', json: { phone: '91234567' }, headers: { origin: 'https://evil.example' } });
    expect(res.status).toBe(403);
  });
});
