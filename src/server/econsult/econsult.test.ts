// E-consultations through the real HTTP layer, PostgreSQL, job queue, card simulator and file store:
// screening, photos, paying, the clinician's work, closing, capture exactly once, release, expiry and retention.
import { existsSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, startTestServer, type TestServer } from '../../../test/server.ts';
import { LiveClient } from '../../../test/live-client.ts';
import { demoClinicId, demoPerson } from '../../../test/people.ts';
import { syntheticNationalId } from '../demo/synthetic-ids.ts';
import { screening } from './questionnaires/catalogue.ts';
import { expire, purge } from './jobs.ts';
import { allNo, econsultFlow, json } from './test-flow.ts';

/** Live updates settle for half a second and then run a query: on a loaded CI machine give them time. */
const LIVE_WAIT_MS = 15_000;

async function jpeg(width = 64, height = 48): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 120, b: 90 } } }).jpeg().toBuffer();
}

describe('e-consultation', () => {
  let server: TestServer;
  let nordlys = '';
  let fjordbyen = '';
  const b = {} as Record<'ola' | 'ingrid' | 'kari' | 'anna' | 'lise' | 'tone' | 'second', Browser>;
  const ids: Record<string, string> = {};

  const flow = econsultFlow(() => server);
  const { q, pay, settle } = flow;
  /** A case by `who` at Nordlys unless told otherwise, filled in. */
  const draft = (who: Browser, clinic = nordlys, body: Record<string, unknown> = {}) => flow.draft(who, clinic, body);
  const upload = (who: Browser, id: string, bytes: Buffer, type = 'image/jpeg') =>
    who.fetch(`/api/econsult/cases/${id}/photos`, { method: 'POST', body: new Uint8Array(bytes), headers: { 'content-type': type } });
  /** Submits and pays a Nordlys case: the private clinic's price. */
  const submitAndPay = (who: Browser, id: string, card?: string) => flow.submitAndPay(who, id, { amountOre: 35000, currency: 'NOK', rule: 'private' }, card);

  const simulatorCheckout = async (paymentId: string) =>
    (await q<{ status: string; capture_count: number; release_count: number }>(
      `SELECT s.status, s.capture_count, s.release_count FROM payments p JOIN card_simulator_checkouts s ON s.id::text = p.provider_ref WHERE p.id = $1`,
      [paymentId],
    ))[0]!;

  beforeAll(async () => {
    server = await startTestServer({ RATE_LIMIT_PER_MINUTE: '100000' });
    const o = server.database.owner;
    nordlys = await demoClinicId(o, 'Nordlys nettklinikk');
    fjordbyen = await demoClinicId(o, 'Fjordbyen legekontor');
    const names = { ola: 'Ola Hansen', ingrid: 'Ingrid Solberg', kari: 'Kari Nordmann', anna: 'Anna Lindqvist', lise: 'Lise Berg', tone: 'Tone Ås', emma: 'Emma Nordmann' } as const;
    for (const [k, name] of Object.entries(names)) ids[k] = (await demoPerson(o, name)).id;
    for (const k of ['ola', 'ingrid', 'kari', 'anna', 'lise', 'tone', 'second'] as const) b[k] = new Browser(server.url);
    for (const k of ['ola', 'ingrid', 'kari'] as const) await b[k].login((await demoPerson(o, names[k])).nationalId);
    for (const k of ['anna', 'lise'] as const) {
      const p = await demoPerson(o, names[k]);
      await b[k].login(p.nationalId, 'staff', { hpr: p.hpr! });
    }
    await b.tone.login((await demoPerson(o, 'Tone Ås')).nationalId, 'staff');
    // A second clinician at Nordlys, for the race to claim.
    const nid = syntheticNationalId('1972-04-13', 3, { female: false });
    const second = (await q<{ id: string }>(`INSERT INTO persons (national_id, national_id_kind, name, birth_date) VALUES ($1, 'synthetic', 'Jon Vik', '1972-04-13') RETURNING id`, [nid]))[0]!.id;
    await q(`INSERT INTO practitioners (person_id, hpr_number, profession) VALUES ($1, '7000008', 'doctor')`, [second]);
    await q(`INSERT INTO staff_roles (person_id, clinic_id, role) VALUES ($1, $2, 'clinician')`, [second, nordlys]);
    await b.second.login(nid, 'staff', { hpr: '7000008' });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('stops at the emergency screening: any yes creates nothing, and an unanswered question is not a no', async () => {
    const before = (await q<{ n: number }>('SELECT count(*)::int AS n FROM econsult_cases'))[0]!.n;
    const first = screening().questions[0]!.id;
    const yes = await json(await b.ola.fetch('/api/econsult/cases', { method: 'POST', json: { clinicId: nordlys, screening: { ...allNo(), [first]: true } } }));
    expect(yes.status).toBe(400);
    expect(yes.body.type).toMatch(/econsult-emergency$/);
    expect(yes.body.detail).toContain('113');
    const partial = await json(await b.ola.fetch('/api/econsult/cases', { method: 'POST', json: { clinicId: nordlys, screening: { [first]: false } } }));
    expect(partial.body.type).toMatch(/econsult-screening-incomplete$/);
    expect((await q<{ n: number }>('SELECT count(*)::int AS n FROM econsult_cases'))[0]!.n).toBe(before);
  });

  it('goes from submission with photos and a reserved card to a closed case, captured exactly once, with no health content in the SMS', async () => {
    const id = await draft(b.ola);
    for (const size of [[64, 48], [40, 80]] as const) expect((await upload(b.ola, id, await jpeg(...size))).status).toBe(201);
    const preview = (await json(await b.ola.fetch(`/api/econsult/cases/${id}`))).body;
    expect(preview.photos).toHaveLength(2);
    // What the patient previews is what the clinician will get: the re-encoded photo itself.
    const thumb = await b.ola.fetch(preview.photos[0].thumbUrl);
    expect(thumb.headers.get('content-type')).toBe('image/jpeg');
    expect((await sharp(Buffer.from(await thumb.arrayBuffer())).metadata()).exif).toBeUndefined();

    const { paymentId, after } = await submitAndPay(b.ola, id);
    expect(after.status).toBe('open');
    expect(after.dueAt).toBeTruthy();
    expect((await simulatorCheckout(paymentId)).status).toBe('authorized');

    // Two clinicians press "take" at once: exactly one holds the case.
    const claims = await Promise.all([b.anna, b.second].map((who) => who.fetch(`/api/staff/econsult/cases/${id}/claim`, { method: 'POST' })));
    expect(claims.map((r) => r.status).sort()).toEqual([200, 409]);
    const holder = claims[0]!.status === 200 ? b.anna : b.second;
    const other = holder === b.anna ? b.second : b.anna;
    const opened = (await json(await holder.fetch(`/api/staff/econsult/cases/${id}`))).body;
    expect(opened.patient.name).toBe('Ola Hansen');
    expect(opened.photos).toHaveLength(2);
    expect((await holder.fetch(opened.photos[1].url)).status).toBe(200);
    expect((await q('SELECT 1 FROM audit_log WHERE subject_person_id = $1 AND action = $2', [ids.ola, 'econsult.read'])).length).toBeGreaterThan(0);

    const asked = await json(await holder.fetch(`/api/staff/econsult/cases/${id}/messages`, { method: 'POST', json: { kind: 'question', body: 'Har du prøvd fuktighetskrem to ganger daglig?' } }));
    expect(asked.body.status).toBe('waiting_for_patient');
    expect((await other.fetch(`/api/staff/econsult/cases/${id}/messages`, { method: 'POST', json: { kind: 'reply', body: 'x' } })).status).toBe(409);
    const answered = await json(await b.ola.fetch(`/api/econsult/cases/${id}/answer`, { method: 'POST', json: { body: 'Ja, uten at det hjelper.' } }));
    expect(answered.body.status).toBe('claimed');
    const closed = await json(
      await holder.fetch(`/api/staff/econsult/cases/${id}/close`, { method: 'POST', json: { outcome: 'advice', summary: 'Bruk hydrokortisonkrem i en uke.', journalNote: 'Håndeksem, forverret. Råd om kortisonkrem.' } }),
    );
    expect(closed.body).toMatchObject({ status: 'closed', outcome: 'advice' });

    await settle(paymentId, 'captured');
    expect(await simulatorCheckout(paymentId)).toMatchObject({ status: 'captured', capture_count: 1, release_count: 0 });
    expect((await q('SELECT title FROM journal_notes WHERE source_id = $1', [id]))).toHaveLength(1);

    const sms = await q<{ body: string; template: string }>(`SELECT body, template FROM notifications WHERE person_id = $1 AND channel = 'sms' AND template = 'new-answer'`, [ids.ola]);
    expect(sms.length).toBeGreaterThanOrEqual(2);
    for (const m of sms) {
      for (const secret of ['eksem', 'krem', 'hud', 'Eksemen', 'fuktighet']) expect(m.body.toLowerCase()).not.toContain(secret.toLowerCase());
    }
    const mine = (await json(await b.ola.fetch(`/api/econsult/cases/${id}`))).body;
    expect(mine.messages.map((m: { kind: string }) => m.kind)).toEqual(['question', 'answer', 'outcome']);
    expect(mine.outcomeSummary).toBe('Bruk hydrokortisonkrem i en uke.');
  });

  it('blocks submission on a declined card with a clear message, and lets the patient pay again', async () => {
    const id = await draft(b.ingrid);
    const submitted = await json(await b.ingrid.fetch(`/api/econsult/cases/${id}/submit`, { method: 'POST' }));
    await pay(b.ingrid, submitted.body.redirectUrl, '4000 0000 0000 0002');
    const after = (await json(await b.ingrid.fetch(`/api/econsult/cases/${id}`))).body;
    expect(after).toMatchObject({ status: 'draft', paymentDeclined: true });
    expect((await q('SELECT 1 FROM econsult_cases WHERE id = $1 AND submitted_at IS NULL', [id])).length).toBe(1);
    const again = await submitAndPay(b.ingrid, id);
    expect(again.after.status).toBe('open');
  });

  it('releases the reservation when the clinic rejects the case, and charges nothing', async () => {
    const id = await draft(b.ingrid);
    const { paymentId } = await submitAndPay(b.ingrid, id);
    const rejected = await json(
      await b.anna.fetch(`/api/staff/econsult/cases/${id}/close`, { method: 'POST', json: { outcome: 'rejected', summary: 'Dette må undersøkes på legekontoret.', journalNote: 'Avvist: trenger undersøkelse.' } }),
    );
    expect(rejected.body.status).toBe('rejected');
    await settle(paymentId, 'released');
    expect(await simulatorCheckout(paymentId)).toMatchObject({ status: 'released', capture_count: 0, release_count: 1 });
  });

  it('closes an unanswered case when its time is out, releasing the reservation; an answered one is not expired', async () => {
    const id = await draft(b.kari);
    const { paymentId } = await submitAndPay(b.kari, id);
    // The job's own function, run now instead of 48 hours after the deadline.
    expect(await expire(econsultDeps(), id)).toBe(true);
    expect(await expire(econsultDeps(), id)).toBe(false);
    const after = (await json(await b.kari.fetch(`/api/econsult/cases/${id}`))).body;
    expect(after).toMatchObject({ status: 'expired', outcome: 'expired' });
    await settle(paymentId, 'released');

    const answered = await draft(b.kari);
    await submitAndPay(b.kari, answered);
    await b.anna.fetch(`/api/staff/econsult/cases/${answered}/claim`, { method: 'POST' });
    await b.anna.fetch(`/api/staff/econsult/cases/${answered}/messages`, { method: 'POST', json: { kind: 'reply', body: 'Jeg ser på saken.' } });
    expect(await expire(econsultDeps(), answered)).toBe(false);
    expect((await json(await b.kari.fetch(`/api/econsult/cases/${answered}`))).body.status).toBe('claimed');
  });

  it('shows the clinic’s clinicians each new case live, and the patient each answer live; cases go back to the queue or to a colleague', async () => {
    const anna = await LiveClient.open(b.anna, server.url);
    const ola = await LiveClient.open(b.ola, server.url);
    try {
      await anna.subscribe('econsult:queue');
      const id = await draft(b.ola);
      expect(await ola.subscribe(`econsult:case:${id}`)).toMatchObject({ type: 'econsult.case', status: 'draft' });
      // Another patient and another clinic's staff may not listen to this case.
      const ingrid = await LiveClient.open(b.ingrid, server.url);
      expect((await ingrid.subscribe(`econsult:case:${id}`)).type).toBe('error');
      ingrid.close();
      await submitAndPay(b.ola, id);
      const queued = await anna.next((m) => (m.items as { id: string }[]).some((i) => i.id === id), LIVE_WAIT_MS);
      expect((queued.items as { id: string; urgency: string; claimedBy: unknown }[]).find((i) => i.id === id)).toMatchObject({ claimedBy: null, urgency: expect.any(String) });
      await ola.next((m) => m.status === 'open', LIVE_WAIT_MS);

      await b.anna.fetch(`/api/staff/econsult/cases/${id}/claim`, { method: 'POST' });
      const colleague = (await json(await b.anna.fetch('/api/staff/econsult/colleagues'))).body.colleagues.find((c: { name: string }) => c.name === 'Jon Vik');
      const handed = await json(await b.anna.fetch(`/api/staff/econsult/cases/${id}/hand-on`, { method: 'POST', json: { toPractitionerId: colleague.id } }));
      expect(handed.body).toMatchObject({ status: 'claimed', claimedBy: { name: 'Jon Vik' }, mine: false });
      // Only the holder hands it on; the lucky colleague sends it back to the queue.
      expect((await b.anna.fetch(`/api/staff/econsult/cases/${id}/hand-on`, { method: 'POST', json: { toPractitionerId: null } })).status).toBe(409);
      expect((await json(await b.second.fetch(`/api/staff/econsult/cases/${id}/hand-on`, { method: 'POST', json: { toPractitionerId: null } }))).body).toMatchObject({ status: 'open', claimedBy: null });
      const lise = (await q<{ id: string }>(`SELECT pr.id FROM practitioners pr JOIN persons p ON p.id = pr.person_id WHERE p.name = 'Lise Berg'`))[0]!.id;
      expect((await json(await b.second.fetch(`/api/staff/econsult/cases/${id}/hand-on`, { method: 'POST', json: { toPractitionerId: lise } }))).body.type).toMatch(/econsult-not-colleague$/);

      await b.second.fetch(`/api/staff/econsult/cases/${id}/claim`, { method: 'POST' });
      await b.second.fetch(`/api/staff/econsult/cases/${id}/messages`, { method: 'POST', json: { kind: 'question', body: 'Hvor lenge har du hatt det?' } });
      await ola.next((m) => m.status === 'waiting_for_patient', LIVE_WAIT_MS);
      const history = (await json(await b.second.fetch(`/api/staff/econsult/cases/${id}`))).body.events.map((e: { action: string }) => e.action);
      expect(history).toEqual(['start', 'submit-paid', 'payment-authorized', 'claim', 'hand-over', 'hand-back', 'claim', 'ask']);
    } finally {
      anna.close();
      ola.close();
    }
  });

  it('refuses bad photos with a clear message and stores nothing', async () => {
    const id = await draft(b.kari);
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
    const asJpeg = await json(await upload(b.kari, id, pdf));
    expect(asJpeg.status).toBe(400);
    expect(asJpeg.body.type).toMatch(/photo-not-an-image$/);
    const huge = await json(await upload(b.kari, id, Buffer.alloc(30 * 1024 * 1024, 1)));
    expect(huge.status).toBe(413);
    expect(huge.body.type).toMatch(/photo-too-large$/);
    const good = await jpeg(400, 300);
    const broken = await json(await upload(b.kari, id, good.subarray(0, Math.floor(good.length / 2))));
    expect(broken.status).toBe(400);
    expect(broken.body.type).toMatch(/photo-corrupt$/);
    const norsk = await json(await b.kari.fetch(`/api/econsult/cases/${id}/photos`, { method: 'POST', body: new Uint8Array(pdf), headers: { 'content-type': 'image/jpeg', 'accept-language': 'nb' } }));
    expect(norsk.body.detail).toContain('ikke et bilde');
    expect((await q('SELECT 1 FROM econsult_photos WHERE case_id = $1', [id])).length).toBe(0);
    expect((await q<{ photo_count: number }>('SELECT photo_count FROM econsult_cases WHERE id = $1', [id]))[0]!.photo_count).toBe(0);
    expect(existsSync(path.join(server.config.files.localDir, 'econsult', id))).toBe(false);
  });

  it('keeps each case to its patient and its clinic', async () => {
    const id = await draft(b.ola);
    expect((await b.ingrid.fetch(`/api/econsult/cases/${id}`)).status).toBe(404);
    expect((await b.ingrid.fetch(`/api/econsult/cases/${id}`, { method: 'PATCH', json: { description: 'x' } })).status).toBe(404);
    await submitAndPay(b.ola, id);
    expect((await b.lise.fetch(`/api/staff/econsult/cases/${id}`)).status).toBe(404);
    expect((await b.lise.fetch(`/api/staff/econsult/cases/${id}/claim`, { method: 'POST' })).status).toBe(404);
    expect((await b.tone.fetch('/api/staff/econsult/queue')).status).toBe(403);
    expect((await b.ola.fetch('/api/staff/econsult/queue')).status).toBe(403);
    const queue = (await json(await b.anna.fetch('/api/staff/econsult/queue'))).body;
    expect(queue.items.some((i: { id: string }) => i.id === id)).toBe(true);
    expect(JSON.stringify(queue)).not.toContain('Ola');
    expect((await json(await b.lise.fetch('/api/staff/econsult/queue'))).body.items.some((i: { id: string }) => i.id === id)).toBe(false);
    // A submitted case can no longer be changed by the patient.
    expect((await b.ola.fetch(`/api/econsult/cases/${id}`, { method: 'PATCH', json: { description: 'ny tekst' } })).status).toBe(409);
  });

  it('is free for a child at a public GP office, sent by the parent, straight into the queue', async () => {
    const id = await draft(b.kari, fjordbyen, { patientId: ids.emma });
    const submitted = await json(await b.kari.fetch(`/api/econsult/cases/${id}/submit`, { method: 'POST' }));
    expect(submitted.body.case).toMatchObject({ status: 'open', price: { amountOre: 0, rule: 'child-free' }, patient: { name: 'Emma Nordmann' } });
    expect(submitted.body.redirectUrl).toBeUndefined();
    expect((await json(await b.kari.fetch('/api/econsult/cases'))).body.cases.some((c: { id: string; patientName: string }) => c.id === id && c.patientName === 'Emma Nordmann')).toBe(true);
  });

  it('deletes the written communication and the stored photos after retention, keeping statistics and the journal note', async () => {
    const id = await draft(b.ingrid);
    expect((await upload(b.ingrid, id, await jpeg())).status).toBe(201);
    await submitAndPay(b.ingrid, id);
    await b.anna.fetch(`/api/staff/econsult/cases/${id}/claim`, { method: 'POST' });
    await b.anna.fetch(`/api/staff/econsult/cases/${id}/close`, { method: 'POST', json: { outcome: 'advice', summary: 'Råd.', journalNote: 'Notat.' } });
    const keys = await q<{ storage_key: string; thumb_key: string }>('SELECT storage_key, thumb_key FROM econsult_photos WHERE case_id = $1', [id]);
    const files = keys.flatMap((k) => [k.storage_key, k.thumb_key]).map((k) => path.join(server.config.files.localDir, k));
    expect(files.every((f) => existsSync(f))).toBe(true);

    const deps = econsultDeps();
    expect(await purge(deps, id)).toBe('not-yet');
    expect(await purge(deps, id, new Date(Date.now() + 93 * 86_400_000))).toBe('purged');
    expect(files.some((f) => existsSync(f))).toBe(false);
    for (const table of ['econsult_cases', 'econsult_messages', 'econsult_photos', 'econsult_case_events']) {
      expect(await q(`SELECT 1 FROM ${table} WHERE ${table === 'econsult_cases' ? 'id' : 'case_id'} = $1`, [id])).toHaveLength(0);
    }
    expect(await q('SELECT 1 FROM journal_notes WHERE source_id = $1', [id])).toHaveLength(1);
    expect(await q(`SELECT 1 FROM econsult_statistics WHERE reason_id = 'other' AND outcome = 'advice'`)).not.toHaveLength(0);
    expect((await b.ingrid.fetch(`/api/econsult/cases/${id}`)).status).toBe(404);
  });

  /** The use cases' dependencies, as the running server has them. */
  const econsultDeps = () => server.services.econsult;
});
