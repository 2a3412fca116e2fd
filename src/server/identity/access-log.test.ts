// "Who has looked at my information" (GET /api/access-log): exactly the staff accesses that happened, with who, role,
// clinic, what and why; a period in Oslo days; and only ever the session's own subject's log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, startTestServer, type TestServer } from '../../../test/server.ts';
import { demoClinicId, demoPerson, type DemoPerson } from '../../../test/people.ts';
import { localDate } from '../../shared/time.ts';

interface Entry {
  at: string;
  actorKind: string;
  actorName: string | null;
  actorRole: { roles: string[]; profession: string | null } | null;
  clinicName: string | null;
  action: string;
  reason: string;
}

interface Log {
  from: string | null;
  to: string | null;
  truncated: boolean;
  entries: Entry[];
}

const LISE_READ = {
  actorKind: 'staff',
  actorName: 'Lise Berg',
  actorRole: { roles: ['clinician'], profession: 'doctor' },
  clinicName: 'Fjordbyen legekontor',
  action: 'patient.summary.read',
};

describe('GET /api/access-log', () => {
  let server: TestServer;
  let people: Record<'ola' | 'ingrid' | 'kari' | 'emma' | 'jonas' | 'lise' | 'tone', DemoPerson>;
  let fjordbyen = '';
  let lise: Browser;
  let tone: Browser;

  async function log(b: Browser, query = ''): Promise<Log> {
    const res = await b.fetch(`/api/access-log${query}`);
    expect(res.status).toBe(200);
    return (await res.json()) as Log;
  }
  const staffOnly = (l: Log) => l.entries.filter((e) => e.actorKind === 'staff');

  async function patient(person: DemoPerson): Promise<Browser> {
    const b = new Browser(server.url);
    await b.login(person.nationalId);
    return b;
  }

  async function readSummary(staff: Browser, patientId: string, reason?: string): Promise<void> {
    const res = await staff.fetch(`/api/staff/patients/${patientId}`, reason ? { headers: { 'x-access-reason': reason } } : {});
    expect(res.status).toBe(200);
    await res.arrayBuffer();
  }

  beforeAll(async () => {
    server = await startTestServer();
    const o = server.database.owner;
    const names = { ola: 'Ola Hansen', ingrid: 'Ingrid Solberg', kari: 'Kari Nordmann', emma: 'Emma Nordmann', jonas: 'Jonas Nordmann', lise: 'Lise Berg', tone: 'Tone Ås' } as const;
    people = Object.fromEntries(await Promise.all(Object.entries(names).map(async ([key, name]) => [key, await demoPerson(o, name)]))) as typeof people;
    fjordbyen = await demoClinicId(o, 'Fjordbyen legekontor');
    lise = new Browser(server.url);
    await lise.login(people.lise.nationalId, 'staff', { hpr: people.lise.hpr! });
    tone = new Browser(server.url);
    await tone.login(people.tone.nationalId, 'staff');
  });
  afterAll(async () => server?.stop());

  it('shows exactly the staff reads that happened, no more and no fewer, with who, role, clinic, what and why', async () => {
    const ola = await patient(people.ola);
    expect(staffOnly(await log(ola))).toEqual([]);

    await readSummary(lise, people.ola.id, 'consultation');
    await readSummary(lise, people.ola.id);
    // Someone else's patient read by the same clinician, and reception logged in but reading nothing about Ola.
    await readSummary(lise, people.ingrid.id);
    expect((await tone.fetch('/api/session')).status).toBe(200);

    const entries = staffOnly(await log(ola));
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({ ...LISE_READ, reason: 'treatment' });
    expect(entries[1]).toMatchObject({ ...LISE_READ, reason: 'consultation' });
    // Newest first, and every timestamp an ISO instant.
    expect(Date.parse(entries[0]!.at)).toBeGreaterThanOrEqual(Date.parse(entries[1]!.at));
    expect(entries.every((e) => e.at.endsWith('Z'))).toBe(true);
    // The audit log holds exactly these staff rows for Ola: none left out.
    const rows = await server.database.owner.query(`SELECT count(*)::int AS n FROM audit_log WHERE subject_person_id = $1 AND actor_kind = 'staff'`, [people.ola.id]);
    expect(rows.rows[0].n).toBe(2);

    // Ingrid sees the reads of her (one by Lise, then one by reception), not Ola's.
    await readSummary(tone, people.ingrid.id, 'booking');
    const ingrid = staffOnly(await log(await patient(people.ingrid)));
    expect(ingrid).toHaveLength(2);
    expect(ingrid[0]).toMatchObject({ ...LISE_READ, actorName: 'Tone Ås', actorRole: { roles: ['reception'], profession: null }, reason: 'booking' });
    expect(ingrid[1]).toMatchObject({ ...LISE_READ, reason: 'treatment' });
  });

  it('filters by a period of Oslo calendar days, both ends inclusive', async () => {
    const o = server.database.owner;
    const insert = async (at: string, reason: string): Promise<Date> => {
      const r = await o.query(
        `INSERT INTO audit_log (at, actor_person_id, actor_kind, subject_person_id, clinic_id, action, reason)
         VALUES (${at}, $1, 'staff', $2, $3, 'patient.summary.read', $4) RETURNING at`,
        [people.lise.id, people.ola.id, fjordbyen, reason],
      );
      return r.rows[0].at as Date;
    };
    const old = await insert(`now() - interval '40 days'`, 'old');
    // 23:59 and 00:30 in Oslo (summer time, UTC+2), on either side of midnight between 10 and 11 June 2025.
    await insert(`'2025-06-10T21:59:00Z'`, 'late on the 10th');
    await insert(`'2025-06-10T22:30:00Z'`, 'early on the 11th');
    const ola = await patient(people.ola);
    const reasons = async (query: string) => staffOnly(await log(ola, query)).map((e) => e.reason);

    // No period: everything, newest first.
    expect(await reasons('')).toEqual(['treatment', 'consultation', 'old', 'early on the 11th', 'late on the 10th']);

    const today = localDate(new Date());
    const monthAgo = localDate(new Date(Date.now() - 30 * 86_400_000));
    const recent = await log(ola, `?from=${monthAgo}&to=${today}`);
    expect(recent).toMatchObject({ from: monthAgo, to: today, truncated: false });
    expect(staffOnly(recent).map((e) => e.reason)).toEqual(['treatment', 'consultation']);

    const oldDay = localDate(old);
    expect(await reasons(`?from=${oldDay}&to=${oldDay}`)).toEqual(['old']);
    expect(await reasons(`?to=${oldDay}`)).toEqual(['old', 'early on the 11th', 'late on the 10th']);
    expect(await reasons(`?from=${localDate(new Date(old.getTime() + 86_400_000))}`)).toEqual(['treatment', 'consultation']);

    // Days are Oslo days, not UTC days.
    expect(await reasons('?from=2025-06-10&to=2025-06-10')).toEqual(['late on the 10th']);
    expect(await reasons('?from=2025-06-11&to=2025-06-11')).toEqual(['early on the 11th']);
    expect(await reasons('?from=2025-06-09&to=2025-06-09')).toEqual([]);
  });

  it('refuses a period that ends before it starts, and dates that are not calendar dates', async () => {
    const ola = await patient(people.ola);
    for (const query of ['?from=2025-06-11&to=2025-06-10', '?from=yesterday', '?to=2025-02-30', '?from=2025-6-1']) {
      const res = await ola.fetch(`/api/access-log${query}`);
      expect(res.status, query).toBe(400);
      expect(res.headers.get('content-type'), query).toContain('application/problem+json');
      await res.arrayBuffer();
    }
  });

  it('answers the same on the older path /api/me/access-log', async () => {
    const ola = await patient(people.ola);
    const query = '?from=2025-06-01&to=2025-06-30';
    const older = await ola.fetch(`/api/me/access-log${query}`);
    expect(older.status).toBe(200);
    expect(await older.json()).toEqual(await log(ola, query));
  });

  it('is refused to staff and to anyone not logged in', async () => {
    for (const b of [tone, new Browser(server.url)]) {
      const res = await b.fetch('/api/access-log');
      expect([401, 403]).toContain(res.status);
      await res.arrayBuffer();
    }
  });

  it('never shows another person\'s log: a parent sees their own, or the child they act for, never a stranger\'s', async () => {
    // Accesses to three people: Kari herself, her daughter Emma (9) and Ola, who is no child of hers.
    await readSummary(lise, people.kari.id, 'about Kari');
    await readSummary(lise, people.emma.id, 'about Emma');
    await readSummary(lise, people.ola.id, 'about Ola');
    const kari = await patient(people.kari);
    const reasonsOf = (l: Log) => staffOnly(l).map((e) => e.reason);

    expect(reasonsOf(await log(kari))).toEqual(['about Kari']);

    // There is no id to ask for: a query naming someone is refused, and so is switching to Ola.
    for (const name of ['personId', 'subjectId', 'patientId']) {
      const res = await kari.fetch(`/api/access-log?${name}=${people.ola.id}`);
      expect(res.status, name).toBe(400);
      expect(JSON.stringify(await res.json())).not.toContain('about Ola');
    }
    const refused = await kari.fetch('/api/me/acting-for', { method: 'PUT', json: { personId: people.ola.id } });
    expect(refused.status).toBe(403);
    await refused.arrayBuffer();
    expect(reasonsOf(await log(kari))).toEqual(['about Kari']);

    // Acting for Emma: Emma's log, with Kari's own switch recorded as a guardian's, and not Kari's log.
    const asEmma = await kari.fetch('/api/me/acting-for', { method: 'PUT', json: { personId: people.emma.id } });
    expect(asEmma.status).toBe(200);
    await asEmma.arrayBuffer();
    const emmas = await log(kari);
    expect(reasonsOf(emmas)).toEqual(['about Emma']);
    expect(staffOnly(emmas)[0]).toMatchObject({ ...LISE_READ, reason: 'about Emma' });
    expect(emmas.entries.find((e) => e.actorKind === 'guardian')).toMatchObject({ actorName: 'Kari Nordmann', actorRole: null, action: 'proxy.start' });
    expect(JSON.stringify(emmas)).not.toContain('about Kari');
    expect(JSON.stringify(emmas)).not.toContain('about Ola');

    // Acting for Jonas (14): who has read his journal is his own business from 12, as the journal is.
    const asJonas = await kari.fetch('/api/me/acting-for', { method: 'PUT', json: { personId: people.jonas.id } });
    expect(asJonas.status).toBe(200);
    await asJonas.arrayBuffer();
    const limited = await kari.fetch('/api/access-log');
    expect(limited.status).toBe(403);
    expect(((await limited.json()) as { type: string }).type).toMatch(/proxy-limited$/);

    // Back to herself: her own again.
    const back = await kari.fetch('/api/me/acting-for', { method: 'PUT', json: { personId: null } });
    expect(back.status).toBe(200);
    await back.arrayBuffer();
    const own = await log(kari);
    expect(reasonsOf(own)).toEqual(['about Kari']);
    expect(own.entries.some((e) => e.action === 'proxy.start')).toBe(false);
  });
});
