// Renewal requests through the real HTTP layer and PostgreSQL: the patient asks, a clinician of the clinic approves
// (a new prescription valid as the rules say) or declines with a reason; A/B-class drugs are declined by rule at once,
// antibiotics need the clinician's explicit yes, each request is decided once, and reception cannot decide.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type Browser, type TestServer } from '../../../test/server.ts';
import type { MyPrescriptions, RenewalRequestView, StaffRenewalRequestView } from './api.ts';
import { bundledCatalogue } from './catalogue.ts';
import { validUntil } from './rules.ts';
import { demoCast, json, prescribe, today, type Who } from './test-support.ts';

describe('prescription renewal', () => {
  let server: TestServer;
  let b: Record<Who, Browser>;
  let ids: Record<Who, string>;
  const mine = async (who: Browser) => (await json(await who.fetch('/api/prescriptions'))).body as MyPrescriptions;
  const ask = async (who: Browser, prescriptionIds: string[], extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    json(await who.fetch('/api/prescriptions/renewal-requests', { method: 'POST', json: { prescriptionIds, ...extra }, headers }));
  const approve = async (who: Browser, id: string, body: Record<string, unknown> = {}) => json(await who.fetch(`/api/staff/prescriptions/renewal-requests/${id}/approve`, { method: 'POST', json: body }));
  const decline = async (who: Browser, id: string, reason: string) => json(await who.fetch(`/api/staff/prescriptions/renewal-requests/${id}/decline`, { method: 'POST', json: { reason } }));
  const openAt = async (who: Browser) => (await json(await who.fetch('/api/staff/prescriptions/renewal-requests'))).body.requests as StaffRenewalRequestView[];
  const audits = async (action: string, subject: string) =>
    (await server.database.owner.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = $1 AND subject_person_id = $2`, [action, subject])).rows[0].n as number;

  beforeAll(async () => {
    server = await startTestServer();
    ({ b, ids } = await demoCast(server));
  });
  afterAll(async () => server?.stop());

  it('renews an expired prescription: the clinician sees the request, approves, and a new one is valid a year from today', async () => {
    const before = await mine(b.ola);
    const atorvastatin = before.prescriptions.find((p) => p.drug.id === 'atorvastatin-20mg-tablet')!;
    expect(atorvastatin).toMatchObject({ status: 'expired', type: 'blue', renewal: 'available', locked: false });

    const key = { 'idempotency-key': 'renew-atorvastatin-1' };
    const sent = await ask(b.ola, [atorvastatin.id], { note: 'Går tom om en uke.' }, key);
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ status: 'sent', note: 'Går tom om en uke.', items: [{ prescriptionId: atorvastatin.id, status: 'sent' }] });
    // The same key again: the first answer, nothing new.
    const again = await b.ola.fetch('/api/prescriptions/renewal-requests', { method: 'POST', json: { prescriptionIds: [atorvastatin.id], note: 'Går tom om en uke.' }, headers: key });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await again.json()).id).toBe(sent.body.id);
    // A second request for the same prescription while one waits adds nothing.
    expect((await ask(b.ola, [atorvastatin.id])).status).toBe(409);

    const open = (await openAt(b.per)).find((r) => r.id === sent.body.id)!;
    expect(open.patient).toEqual({ id: ids.ola, name: 'Ola Hansen' });
    expect(open.items[0]!.prescription).toMatchObject({ id: atorvastatin.id, status: 'expired', dosageText: '1 tablett om kvelden' });

    const done = await approve(b.per, sent.body.id);
    expect(done.status).toBe(200);
    const item = (done.body as StaffRenewalRequestView).items[0]!;
    expect(item).toMatchObject({ status: 'approved', decidedByName: 'Per Olsen' });

    const after = await mine(b.ola);
    const renewed = after.prescriptions.find((p) => p.id === item.newPrescriptionId)!;
    const drug = bundledCatalogue.find('atorvastatin-20mg-tablet')!;
    expect(renewed).toMatchObject({ issuedOn: today(), validUntil: validUntil(drug, today()), status: 'active', type: 'blue', replacesId: atorvastatin.id, withdrawalsLeft: 4 });
    expect(renewed.validUntil.slice(0, 4)).toBe(String(Number(today().slice(0, 4)) + 1));
    expect(after.prescriptions.find((p) => p.id === atorvastatin.id)).toMatchObject({ renewal: 'renewed', renewedById: renewed.id });
    expect(after.renewalRequests.find((r) => r.id === sent.body.id)).toMatchObject({ status: 'decided', items: [{ status: 'approved', newPrescriptionId: renewed.id }] });
    expect((await openAt(b.per)).some((r) => r.id === sent.body.id)).toBe(false);
    // The patient hears that there is news, never what: the generic "new message".
    const notes = await server.database.owner.query(`SELECT template, body FROM notifications WHERE person_id = $1 AND idempotency_key LIKE '%prescription-renewal%'`, [ids.ola]);
    expect(notes.rows.map((r) => r.template)).toEqual(['new-message']);
    expect(notes.rows[0].body).not.toMatch(/atorvastatin/i);
    // A prescription is renewed once: asking to renew the old one again is refused.
    expect((await ask(b.ola, [atorvastatin.id])).status).toBe(409);
  });

  it('renews a hormonal contraceptive for three years', async () => {
    const pill = await prescribe(server.database.owner, ids.ingrid, 'Lise Berg', 'levonorgestrel-ethinylestradiol-tablet', { issuedOn: '2023-03-01' });
    const sent = await ask(b.ingrid, [pill]);
    expect(sent.status).toBe(201);
    const done = await approve(b.lise, sent.body.id);
    expect(done.status).toBe(200);
    const renewed = (await mine(b.ingrid)).prescriptions.find((p) => p.id === done.body.items[0].newPrescriptionId)!;
    expect(renewed.issuedOn).toBe(today());
    expect(renewed.validUntil.slice(0, 4)).toBe(String(Number(today().slice(0, 4)) + 3));
  });

  it('declines a B-class drug by rule at once ("needs a visit"); no clinician has anything to decide', async () => {
    const zopiclone = (await mine(b.ola)).prescriptions.find((p) => p.drug.id === 'zopiclone-7-5mg-tablet')!;
    expect(zopiclone.renewal).toBe('needs-visit');
    const sent = await ask(b.ola, [zopiclone.id]);
    expect(sent.status).toBe(201);
    expect(sent.body as RenewalRequestView).toMatchObject({ status: 'decided', items: [{ status: 'declined', declineRule: 'needs-visit', declineReason: null, decidedByName: null }] });
    expect((await openAt(b.per)).some((r) => r.id === sent.body.id)).toBe(false);
    expect((await approve(b.per, sent.body.id)).status).toBe(409);
    const rows = await server.database.owner.query(`SELECT count(*)::int AS n FROM prescriptions WHERE replaces_id = $1`, [zopiclone.id]);
    expect(rows.rows[0].n).toBe(0);
  });

  it('approves an antibiotic only with the clinician\'s explicit confirmation', async () => {
    const amoxicillin = await prescribe(server.database.owner, ids.ola, 'Per Olsen', 'amoxicillin-500mg-capsule');
    const sent = await ask(b.ola, [amoxicillin]);
    const refused = await approve(b.per, sent.body.id);
    expect(refused.status).toBe(400);
    expect(refused.body.type).toMatch(/prescription-antibiotic-confirmation$/);
    expect((await openAt(b.per)).find((r) => r.id === sent.body.id)?.items[0]?.status).toBe('sent');
    const done = await approve(b.per, sent.body.id, { antibioticConfirmed: true });
    expect(done.status).toBe(200);
    expect(done.body.items[0].status).toBe('approved');
  });

  it('two clinicians approving at the same moment: one lands, the other gets 409', async () => {
    const amlodipine = await prescribe(server.database.owner, ids.ola, 'Per Olsen', 'amlodipine-5mg-tablet', { type: 'blue' });
    const sent = await ask(b.ola, [amlodipine]);
    const results = await Promise.all([approve(b.per, sent.body.id), approve(b.lise, sent.body.id)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)!.body.type).toMatch(/prescription-renewal-decided$/);
    const rows = await server.database.owner.query(`SELECT count(*)::int AS n FROM prescriptions WHERE replaces_id = $1`, [amlodipine]);
    expect(rows.rows[0].n).toBe(1);
  });

  it('declines with a reason the patient reads; a decided request cannot be decided again', async () => {
    const losartan = await prescribe(server.database.owner, ids.ola, 'Per Olsen', 'losartan-50mg-tablet', { type: 'blue' });
    const sent = await ask(b.ola, [losartan]);
    const done = await decline(b.lise, sent.body.id, 'Blodtrykket bør måles før fornyelse. Bestill time.');
    expect(done.status).toBe(200);
    const seen = (await mine(b.ola)).renewalRequests.find((r) => r.id === sent.body.id)!;
    expect(seen).toMatchObject({ status: 'decided', items: [{ status: 'declined', declineRule: null, declineReason: 'Blodtrykket bør måles før fornyelse. Bestill time.', decidedByName: 'Lise Berg' }] });
    expect((await decline(b.per, sent.body.id, 'Igjen')).status).toBe(409);
    expect((await approve(b.per, sent.body.id)).status).toBe(409);
    expect((await decline(b.per, sent.body.id, '   ')).status).toBe(400);
  });

  it('reception cannot see or decide requests (403); staff of another clinic do not learn they exist (404)', async () => {
    const sertraline = await prescribe(server.database.owner, ids.ola, 'Per Olsen', 'sertraline-50mg-tablet', { type: 'blue' });
    const sent = await ask(b.ola, [sertraline]);
    expect((await approve(b.tone, sent.body.id)).status).toBe(403);
    expect((await decline(b.tone, sent.body.id, 'Nei')).status).toBe(403);
    expect((await b.tone.fetch('/api/staff/prescriptions/renewal-requests')).status).toBe(403);
    expect((await b.tone.fetch(`/api/staff/patients/${ids.ola}/prescriptions`)).status).toBe(403);
    const elsewhere = await approve(b.anna, sent.body.id);
    expect(elsewhere.status).toBe(404);
    expect(JSON.stringify(elsewhere.body)).not.toMatch(/sertraline/i);
    expect((await openAt(b.anna)).some((r) => r.id === sent.body.id)).toBe(false);
    expect((await b.anna.fetch(`/api/staff/patients/${ids.ola}/prescriptions`)).status).toBe(404);
    // A nurse reads and declines, but does not prescribe.
    expect((await approve(b.mari, sent.body.id)).status).toBe(403);
    expect((await openAt(b.per)).find((r) => r.id === sent.body.id)?.status).toBe('sent');
  });

  it('asks one clinic at a time', async () => {
    const here = await prescribe(server.database.owner, ids.ola, 'Per Olsen', 'allopurinol-100mg-tablet', { type: 'blue' });
    const there = await prescribe(server.database.owner, ids.ola, 'Anna Lindqvist', 'levothyroxine-50mcg-tablet', { type: 'blue' });
    const refused = await ask(b.ola, [here, there]);
    expect(refused.status).toBe(400);
    expect(refused.body.type).toMatch(/prescription-renewal-one-clinic$/);
    const count = await server.database.owner.query(`SELECT count(*)::int AS n FROM prescription_renewal_items WHERE prescription_id IN ($1, $2)`, [here, there]);
    expect(count.rows[0].n).toBe(0);
  });

  it('audits every staff read and decision', async () => {
    const reads = await audits('prescriptions.renewal-requests.read', ids.ola);
    await openAt(b.lise);
    expect(await audits('prescriptions.renewal-requests.read', ids.ola)).toBe(reads + 1);
    const before = await audits('prescriptions.read', ids.ola);
    expect((await b.lise.fetch(`/api/staff/patients/${ids.ola}/prescriptions`)).status).toBe(200);
    expect(await audits('prescriptions.read', ids.ola)).toBe(before + 1);
    expect(await audits('prescriptions.renewal.approve', ids.ola)).toBeGreaterThanOrEqual(3);
    expect(await audits('prescriptions.renewal.decline', ids.ola)).toBe(1);
    const log = await json(await b.ola.fetch('/api/me/access-log'));
    expect(log.body.entries.some((e: { actorName: string; action: string }) => e.actorName === 'Lise Berg' && e.action === 'prescriptions.read')).toBe(true);
  });
});
