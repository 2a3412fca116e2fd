// The patient's prescriptions through the real HTTP layer and PostgreSQL: the list, a parent for a 9-year-old but not
// a 14-year-old, another patient's prescription is 404 with nothing leaked, and the block on health personnel's view.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, startTestServer, type TestServer } from '../../../test/server.ts';
import type { MyPrescriptions, PatientPrescriptionsForStaff } from './api.ts';
import { demoCast, json, prescribe, type Who } from './test-support.ts';

describe('my prescriptions', () => {
  let server: TestServer;
  let b: Record<Who, Browser>;
  let ids: Record<Who, string>;
  const mine = async (who: Browser) => json(await who.fetch('/api/prescriptions'));
  const forStaff = async (who: Browser, patientId: string) => (await json(await who.fetch(`/api/staff/patients/${patientId}/prescriptions`))).body as PatientPrescriptionsForStaff;
  const actFor = async (who: Browser, personId: string) => expect((await who.fetch('/api/me/acting-for', { method: 'PUT', json: { personId } })).status).toBe(200);

  beforeAll(async () => {
    server = await startTestServer();
    ({ b, ids } = await demoCast(server));
  });
  afterAll(async () => server?.stop());

  it('shows active and expired prescriptions with drug, strength, dosage, type, dates, withdrawals and the lock', async () => {
    const res = await mine(b.ola);
    expect(res.status).toBe(200);
    const body = res.body as MyPrescriptions;
    expect(body.accessBlock).toEqual({ blocked: false, since: null });
    const byDrug = Object.fromEntries(body.prescriptions.map((p) => [p.drug.id, p]));
    expect(byDrug['metformin-500mg-tablet']).toMatchObject({
      strength: '500 mg',
      dosageText: '1 tablett 2 ganger daglig til måltid',
      type: 'blue',
      status: 'active',
      withdrawalsLeft: 3,
      locked: false,
      referenceNumber: null,
      renewal: 'available',
      prescriber: { name: 'Per Olsen', profession: 'doctor' },
      clinic: { name: 'Fjordbyen legekontor' },
      drug: { name: 'metformin', prescriptionClass: 'C', antibiotic: false },
    });
    expect(byDrug['metformin-500mg-tablet']!.validUntil > byDrug['metformin-500mg-tablet']!.issuedOn).toBe(true);
    expect(byDrug['atorvastatin-20mg-tablet']).toMatchObject({ status: 'expired' });
    expect(byDrug['zopiclone-7-5mg-tablet']).toMatchObject({ type: 'white', renewal: 'needs-visit', drug: { prescriptionClass: 'B' } });
    // Only one's own: Emma's inhaler is not among Ola's.
    expect(byDrug['salbutamol-0-1mg-inhaler']).toBeUndefined();
    expect((await new Browser(server.url).fetch('/api/prescriptions')).status).toBe(401);
    expect((await b.lise.fetch('/api/prescriptions')).status).toBe(403);
  });

  it('a parent sees and renews a 9-year-old\'s prescriptions, not a 14-year-old\'s', async () => {
    const jonasPill = await prescribe(server.database.owner, ids.jonas, 'Lise Berg', 'cetirizine-10mg-tablet');
    // Acting for themself, Kari sees her own (none), not the children's.
    expect(((await mine(b.kari)).body as MyPrescriptions).prescriptions).toEqual([]);
    await actFor(b.kari, ids.emma);
    const emma = (await mine(b.kari)).body as MyPrescriptions;
    const inhaler = emma.prescriptions.find((p) => p.drug.id === 'salbutamol-0-1mg-inhaler')!;
    expect(inhaler).toMatchObject({ prescriber: { name: 'Lise Berg' }, type: 'blue' });
    const sent = await json(await b.kari.fetch('/api/prescriptions/renewal-requests', { method: 'POST', json: { prescriptionIds: [inhaler.id], patientId: ids.emma } }));
    expect(sent.status).toBe(201);
    expect(sent.body.patient.id).toBe(ids.emma);
    const audit = await server.database.owner.query(`SELECT actor_person_id, actor_kind FROM audit_log WHERE subject_person_id = $1 AND action = 'prescriptions.renewal.request'`, [ids.emma]);
    expect(audit.rows).toEqual([{ actor_person_id: ids.kari, actor_kind: 'guardian' }]);

    await actFor(b.kari, ids.jonas);
    const refused = await mine(b.kari);
    expect(refused.status).toBe(403);
    expect(refused.body.type).toMatch(/proxy-limited$/);
    expect(JSON.stringify(refused.body)).not.toMatch(/cetirizine/i);
    expect((await b.kari.fetch('/api/prescriptions/renewal-requests', { method: 'POST', json: { prescriptionIds: [jonasPill], patientId: ids.jonas } })).status).toBe(403);
    expect((await b.kari.fetch(`/api/prescriptions/${jonasPill}/lock`, { method: 'POST' })).status).toBe(403);
    expect((await b.kari.fetch('/api/prescriptions/access-block', { method: 'PUT', json: { blocked: true } })).status).toBe(403);
    // Nor can a parent name a child through the body while acting for themself.
    await actFor(b.kari, ids.kari);
    expect((await b.kari.fetch('/api/prescriptions/renewal-requests', { method: 'POST', json: { prescriptionIds: [jonasPill], patientId: ids.jonas } })).status).toBe(403);
    // Someone who is not a guardian cannot act for the child at all.
    expect((await b.ola.fetch('/api/prescriptions/renewal-requests', { method: 'POST', json: { prescriptionIds: [inhaler.id], patientId: ids.emma } })).status).toBe(403);
  });

  it('another patient\'s prescription id is 404, and nothing about it is told or changed', async () => {
    const metformin = ((await mine(b.ola)).body as MyPrescriptions).prescriptions.find((p) => p.drug.id === 'metformin-500mg-tablet')!;
    for (const res of [
      await b.ingrid.fetch(`/api/prescriptions/${metformin.id}/lock`, { method: 'POST' }),
      await b.ingrid.fetch('/api/prescriptions/renewal-requests', { method: 'POST', json: { prescriptionIds: [metformin.id] } }),
      await b.ingrid.fetch(`/api/prescriptions/00000000-0000-4000-8000-000000000000/lock`, { method: 'POST' }),
    ]) {
      expect(res.status).toBe(404);
      expect(await res.text()).not.toMatch(/metformin|Ola|Per Olsen/i);
    }
    const row = await server.database.owner.query(`SELECT locked, reference_number FROM prescriptions WHERE id = $1`, [metformin.id]);
    expect(row.rows[0]).toEqual({ locked: false, reference_number: null });
    expect((await server.database.owner.query(`SELECT count(*)::int AS n FROM prescription_renewal_items WHERE prescription_id = $1`, [metformin.id])).rows[0].n).toBe(0);
  });

  it('with the block on, another clinician sees none of the patient\'s prescriptions and each prescriber sees only their own', async () => {
    const lisesOwn = await prescribe(server.database.owner, ids.ola, 'Lise Berg', 'cetirizine-10mg-tablet');
    const unblocked = await forStaff(b.mari, ids.ola);
    expect(unblocked.accessBlocked).toBe(false);
    expect(unblocked.prescriptions.length).toBeGreaterThanOrEqual(4);

    const set = await json(await b.ola.fetch('/api/prescriptions/access-block', { method: 'PUT', json: { blocked: true } }));
    expect(set.status).toBe(200);
    expect(set.body.blocked).toBe(true);
    expect(typeof set.body.since).toBe('string');
    expect(((await mine(b.ola)).body as MyPrescriptions).accessBlock.blocked).toBe(true);

    const mari = await forStaff(b.mari, ids.ola);
    expect(mari).toMatchObject({ accessBlocked: true, prescriptions: [] });
    const lise = await forStaff(b.lise, ids.ola);
    expect(lise.prescriptions.map((p) => [p.id, p.prescribedByMe])).toEqual([[lisesOwn, true]]);
    const per = await forStaff(b.per, ids.ola);
    expect(per.prescriptions.length).toBe(3);
    expect(per.prescriptions.every((p) => p.prescribedByMe && p.prescriber.name === 'Per Olsen')).toBe(true);
    // Every read is audited, blocked or not.
    const audit = await server.database.owner.query(`SELECT count(*)::int AS n FROM audit_log WHERE subject_person_id = $1 AND action = 'prescriptions.read'`, [ids.ola]);
    expect(audit.rows[0].n).toBe(4);

    expect((await json(await b.ola.fetch('/api/prescriptions/access-block', { method: 'PUT', json: { blocked: false } }))).body).toEqual({ blocked: false, since: null });
    expect((await forStaff(b.mari, ids.ola)).prescriptions.length).toBe(unblocked.prescriptions.length);
  });
});
