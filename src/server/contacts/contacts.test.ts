// Health contacts through the real HTTP layer and PostgreSQL: a clinician assigns a contact person and the patient sees
// them with the GP and the demo's care coordinator, ending takes them away (the row stays), the database refuses a second
// active assignment and a practitioner who is no clinician at the clinic, reception only reads, other clinics are refused,
// parents of teenagers do not see them, and every staff read is in the patient's audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type Browser, type TestServer } from '../../../test/server.ts';
import { demoClinicId, demoPractitionerId, logInDemoPeople, type DemoKey } from '../../../test/people.ts';
import type { MessageClinic } from '../messages/api.ts';
import type { StaffHealthContacts } from './api.ts';

describe('health contacts', () => {
  let server: TestServer;
  let b: Record<DemoKey, Browser>;
  let ids: Record<DemoKey, string>;
  let fjordbyen = '';
  const pr = {} as Record<'per' | 'lise' | 'mari' | 'anna', string>;
  const q = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) => (await server.database.owner.query(text, params)).rows as T[];
  const json = async (res: Response) => ({ status: res.status, type: res.headers.get('content-type') ?? '', body: await res.json() });

  const read = async (who: DemoKey, patient: DemoKey, headers: Record<string, string> = {}) => json(await b[who].fetch(`/api/staff/patients/${ids[patient]}/health-contacts`, { headers }));
  const assign = async (who: DemoKey, patient: DemoKey, practitionerId: string, role: string) =>
    json(await b[who].fetch(`/api/staff/patients/${ids[patient]}/health-contacts`, { method: 'POST', json: { practitionerId, role } }));
  const end = async (who: DemoKey, id: string) => json(await b[who].fetch(`/api/staff/health-contacts/${id}/end`, { method: 'POST' }));
  /** The contacts the logged-in patient (or parent, for `patientId`) sees at Fjordbyen. */
  const seen = async (who: DemoKey, patientId?: string) => {
    const res = await json(await b[who].fetch(`/api/inbox/clinics${patientId ? `?patientId=${patientId}` : ''}`));
    expect(res.status).toBe(200);
    const clinic = (res.body.clinics as MessageClinic[]).find((c) => c.id === fjordbyen)!;
    return clinic.contacts.map((c) => `${c.role}: ${c.name} (${c.profession})`);
  };
  const rowsOf = (patient: DemoKey) => q<{ role: string; ended_at: Date | null; ended_by: string | null }>(`SELECT role, ended_at, ended_by FROM health_contacts WHERE patient_id = $1 ORDER BY assigned_at`, [ids[patient]]);

  beforeAll(async () => {
    server = await startTestServer();
    ({ b, ids } = await logInDemoPeople(server));
    const o = server.database.owner;
    fjordbyen = await demoClinicId(o, 'Fjordbyen legekontor');
    for (const [key, name] of [['per', 'Per Olsen'], ['lise', 'Lise Berg'], ['mari', 'Mari Dahl'], ['anna', 'Anna Lindqvist']] as const) pr[key] = await demoPractitionerId(o, name);
  });
  afterAll(async () => server?.stop());

  it('the patient sees the GP and the care coordinator from the demo data, the clinic names the clinicians one may assign', async () => {
    expect(await seen('ola')).toEqual(['gp: Per Olsen (doctor)', 'care_coordinator: Lise Berg (doctor)']);
    const staff = await read('per', 'ola');
    expect(staff.status).toBe(200);
    expect(staff.body).toMatchObject({ mayAssign: true, contacts: [{ name: 'Lise Berg', role: 'care_coordinator', assignedBy: 'Per Olsen', practitionerId: pr.lise }] });
    expect((staff.body as StaffHealthContacts).clinicians.map((c) => c.name)).toEqual(['Lise Berg', 'Mari Dahl', 'Per Olsen']);
  });

  it('a clinician assigns a contact person: the patient sees them, another patient does not; ended, they are gone and the row stays', async () => {
    const assigned = await assign('per', 'ola', pr.mari, 'contact_person');
    expect(assigned.status).toBe(201);
    const contact = (assigned.body as StaffHealthContacts).contacts.find((c) => c.practitionerId === pr.mari)!;
    expect(contact).toMatchObject({ name: 'Mari Dahl', profession: 'nurse', role: 'contact_person', assignedBy: 'Per Olsen' });
    expect(Date.now() - new Date(contact.assignedAt).getTime()).toBeLessThan(60_000);

    expect(await seen('ola')).toEqual(['gp: Per Olsen (doctor)', 'care_coordinator: Lise Berg (doctor)', 'contact_person: Mari Dahl (nurse)']);
    expect(await seen('ingrid')).toEqual(['gp: Lise Berg (doctor)']);
    // Another patient cannot read Ola's contacts by naming him.
    expect((await b.ingrid.fetch(`/api/inbox/clinics?patientId=${ids.ola}`)).status).toBe(404);

    const ended = await end('lise', contact.id);
    expect(ended.status).toBe(200);
    expect((ended.body as StaffHealthContacts).contacts.map((c) => c.name)).toEqual(['Lise Berg']);
    expect(await seen('ola')).toEqual(['gp: Per Olsen (doctor)', 'care_coordinator: Lise Berg (doctor)']);
    const rows = await rowsOf('ola');
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({ role: 'contact_person', ended_by: ids.lise });
    expect(rows[1]!.ended_at).not.toBeNull();

    const again = await end('lise', contact.id);
    expect(again.status).toBe(409);
    expect(again.body.type).toMatch(/health-contact-ended$/);
    const audit = await q(`SELECT action, clinic_id FROM audit_log WHERE subject_person_id = $1 AND actor_person_id = $2 AND action = 'patient.health-contacts.end'`, [ids.ola, ids.lise]);
    expect(audit).toEqual([{ action: 'patient.health-contacts.end', clinic_id: fjordbyen }]);
  });

  it('the same clinician in the same role twice at once: one assignment lands, the other is a 409, one row', async () => {
    const both = await Promise.all([assign('per', 'ingrid', pr.mari, 'contact_person'), assign('lise', 'ingrid', pr.mari, 'contact_person')]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    const refused = both.find((r) => r.status === 409)!;
    expect(refused.type).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ type: expect.stringMatching(/health-contact-exists$/), detail: 'Behandleren har allerede denne rollen for pasienten.' });
    expect(await rowsOf('ingrid')).toHaveLength(1);
    // Another role for the same clinician is another assignment.
    expect((await assign('per', 'ingrid', pr.mari, 'care_coordinator')).status).toBe(201);
    expect(await rowsOf('ingrid')).toHaveLength(2);
  });

  it('reception sees the contacts but may not assign or end them', async () => {
    const list = await read('tone', 'ola');
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ mayAssign: false, contacts: [{ name: 'Lise Berg' }] });
    const refused = await assign('tone', 'ola', pr.mari, 'contact_person');
    expect(refused.status).toBe(403);
    expect(refused.type).toContain('application/problem+json');
    const id = list.body.contacts[0].id as string;
    expect((await end('tone', id)).status).toBe(403);
    expect((await rowsOf('ola')).filter((r) => r.ended_at === null)).toHaveLength(1);
  });

  it('staff of another clinic are refused reading, assigning and ending, as if the patient were unknown', async () => {
    expect((await read('anna', 'ola')).status).toBe(404);
    expect((await assign('anna', 'ola', pr.anna, 'contact_person')).status).toBe(404);
    const [lise] = await q<{ id: string }>(`SELECT id FROM health_contacts WHERE patient_id = $1 AND ended_at IS NULL`, [ids.ola]);
    expect((await end('anna', lise!.id)).status).toBe(404);
    expect(await seen('ola')).toContain('care_coordinator: Lise Berg (doctor)');
  });

  it('a practitioner who is no clinician at the clinic is refused by the database: a problem, nothing written', async () => {
    const before = (await rowsOf('ola')).length;
    const elsewhere = await assign('per', 'ola', pr.anna, 'contact_person');
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.type).toContain('application/problem+json');
    expect(elsewhere.body).toMatchObject({ type: expect.stringMatching(/health-contact-not-clinician$/), detail: 'Personen er ikke behandler ved legekontoret og kan ikke bli helsekontakt her.' });
    expect((await assign('per', 'ola', '00000000-0000-4000-8000-000000000000', 'contact_person')).status).toBe(400);
    expect((await rowsOf('ola')).length).toBe(before);
    // The rule is the database's own: written behind the application's back, the row is still refused.
    await expect(
      q(`INSERT INTO health_contacts (patient_id, clinic_id, practitioner_id, practitioner_person_id, role, assigned_by) SELECT $1, $2, pr.id, pr.person_id, 'contact_person', $3 FROM practitioners pr WHERE pr.id = $4`, [ids.ola, fjordbyen, ids.per, pr.anna]),
    ).rejects.toMatchObject({ code: '23503', constraint: 'health_contacts_clinician_at_clinic' });
  });

  it('bad input and refusals are problems in the user\'s language', async () => {
    expect((await b.per.fetch('/api/session/language', { method: 'PUT', json: { language: 'en' } })).status).toBeLessThan(300);
    try {
      const bad = await json(await b.per.fetch(`/api/staff/patients/${ids.ola}/health-contacts`, { method: 'POST', json: { practitionerId: pr.mari, role: 'gp' } }));
      expect(bad.status).toBe(400);
      expect(bad.type).toContain('application/problem+json');
      expect(bad.body.detail).toMatch(/^The request is invalid: body\/role/);
      const elsewhere = await assign('per', 'ola', pr.anna, 'care_coordinator');
      expect(elsewhere.body.detail).toBe('That person is not a clinician at the clinic and cannot be a health contact here.');
    } finally {
      await b.per.fetch('/api/session/language', { method: 'PUT', json: { language: 'nb' } });
    }
  });

  it('a parent of a 12–15-year-old does not see whom the child is assigned to; the child does', async () => {
    expect((await assign('lise', 'jonas', pr.mari, 'contact_person')).status).toBe(201);
    expect(await seen('jonas')).toEqual(['gp: Lise Berg (doctor)', 'contact_person: Mari Dahl (nurse)']);
    expect(await seen('kari', ids.jonas)).toEqual([]);
  });

  it('every staff read is written to the patient\'s audit log; an assignment is never deleted', async () => {
    expect((await read('lise', 'ola', { 'x-access-reason': 'care coordination' })).status).toBe(200);
    const [last] = await q(`SELECT a.action, a.reason, a.actor_kind, p.name AS actor FROM audit_log a JOIN persons p ON p.id = a.actor_person_id WHERE a.subject_person_id = $1 ORDER BY a.id DESC LIMIT 1`, [ids.ola]);
    expect(last).toEqual({ action: 'patient.health-contacts.read', reason: 'care coordination', actor_kind: 'staff', actor: 'Lise Berg' });
    const log = (await json(await b.ola.fetch('/api/me/access-log'))).body.entries as Array<{ actorName: string; action: string }>;
    expect(log.some((e) => e.actorName === 'Lise Berg' && e.action === 'patient.health-contacts.read')).toBe(true);
    // The application's database role may end an assignment, not delete it.
    await expect(server.database.db.deleteFrom('health_contacts').where('patient_id', '=', ids.ola).execute()).rejects.toMatchObject({ code: '42501' });
  });
});
