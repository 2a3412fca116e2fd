// Who may see which thread: nobody learns of another patient's thread, a parent sees a young child's messages and a
// 12–15-year-old's office threads and letters but never the teenager's health questions, staff see only their clinic's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, startTestServer, type TestServer } from '../../../test/server.ts';
import type { InboxThread } from './api.ts';
import { json, logInEveryone, startThread, type Cast } from './test-support.ts';

describe('who may see a thread', () => {
  let server: TestServer;
  let c: Cast;
  let olaClinical = '';
  let olaAttachmentPath = '';

  beforeAll(async () => {
    server = await startTestServer();
    c = await logInEveryone(server);
    const t = await startThread(c.b.ola, { kind: 'clinical', clinicId: c.fjordbyen, subject: 'Hemmelig', body: 'Noe privat om helsa.' });
    olaClinical = t.body.thread.id;
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const up = await json(await c.b.ola.fetch(`/api/threads/${olaClinical}/attachments`, { method: 'POST', body: pdf, headers: { 'content-type': 'application/pdf' } }));
    olaAttachmentPath = `/api/threads/${olaClinical}/attachments/${up.body.id}`;
  });
  afterAll(async () => server?.stop());

  it('another patient gets 404 for every path of the thread, and learns nothing of it', async () => {
    for (const [method, path, body] of [
      ['GET', `/api/threads/${olaClinical}`, undefined],
      ['POST', `/api/threads/${olaClinical}/messages`, { body: 'Hei' }],
      ['GET', olaAttachmentPath, undefined],
    ] as const) {
      const res = await c.b.ingrid.fetch(path, { method, ...(body ? { json: body } : {}) });
      const text = await res.text();
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(text).not.toMatch(/Hemmelig|privat|Ola/);
    }
    const upload = await c.b.ingrid.fetch(`/api/threads/${olaClinical}/attachments`, { method: 'POST', body: Buffer.from('%PDF-1.4\n%%EOF'), headers: { 'content-type': 'application/pdf' } });
    expect(upload.status).toBe(404);
    expect((await json(await c.b.ingrid.fetch('/api/inbox'))).body.threads.some((t: InboxThread) => t.id === olaClinical)).toBe(false);
    // Writing on behalf of someone one may not act for is refused the same way.
    expect((await startThread(c.b.ingrid, { kind: 'admin', clinicId: c.fjordbyen, subject: 'x', body: 'y', patientId: c.ids.ola })).status).toBe(404);
  });

  it('staff of another clinic do not find the thread; reception is refused its content', async () => {
    expect((await c.b.anna.fetch(`/api/staff/threads/${olaClinical}`)).status).toBe(404);
    expect((await c.b.anna.fetch(`/api/staff/threads/${olaClinical}/messages`, { method: 'POST', json: { body: 'x' } })).status).toBe(404);
    expect((await json(await c.b.anna.fetch('/api/staff/inbox'))).body.threads).toEqual([]);
    expect((await c.b.tone.fetch(`/api/staff/threads/${olaClinical}`)).status).toBe(403);
    const attachmentForStaff = olaAttachmentPath.replace('/api/threads/', '/api/staff/threads/');
    expect((await c.b.tone.fetch(attachmentForStaff)).status).toBe(403);
    expect((await c.b.anna.fetch(attachmentForStaff)).status).toBe(404);
    const forGp = await c.b.per.fetch(attachmentForStaff);
    expect(forGp.status).toBe(200);
    expect(forGp.headers.get('content-disposition')).toMatch(/^attachment/);
    // A patient cannot use the staff paths, nor staff the patient's.
    expect((await c.b.ola.fetch(`/api/staff/threads/${olaClinical}`)).status).toBe(403);
    expect((await c.b.per.fetch(`/api/threads/${olaClinical}`)).status).toBe(403);
    expect((await new Browser(server.url).fetch('/api/inbox')).status).toBe(401);
  });

  it('a parent writes for a 9-year-old in every kind, each thread labelled with whom it concerns', async () => {
    const forEmma = await startThread(c.b.kari, { kind: 'clinical', clinicId: c.fjordbyen, subject: 'Øreverk igjen', body: 'Emma har vondt i øret.', patientId: c.ids.emma });
    expect(forEmma.status).toBe(201);
    expect(forEmma.body.thread).toMatchObject({ patient: { id: c.ids.emma, name: 'Emma Nordmann' }, concernsSelf: false });
    expect(forEmma.body.messages[0].authorRole).toBe('guardian');
    const own = await startThread(c.b.kari, { kind: 'admin', clinicId: c.fjordbyen, subject: 'Min time', body: 'Kan jeg flytte timen?' });
    const inbox = (await json(await c.b.kari.fetch('/api/inbox'))).body.threads as InboxThread[];
    expect(inbox.map((t) => [t.subject, t.patient.name, t.concernsSelf])).toEqual([
      ['Min time', 'Kari Nordmann', true],
      ['Øreverk igjen', 'Emma Nordmann', false],
    ]);
    expect((await json(await c.b.kari.fetch(`/api/inbox?patientId=${c.ids.emma}`))).body.threads.map((t: InboxThread) => t.id)).toEqual([forEmma.body.thread.id]);
    expect(own.status).toBe(201);
    const audit = await server.database.owner.query(`SELECT actor_kind FROM audit_log WHERE subject_person_id = $1 AND action = 'messages.thread.create'`, [c.ids.emma]);
    expect(audit.rows).toEqual([{ actor_kind: 'guardian' }]);
  });

  it('a parent of a 14-year-old may not send or see the teenager\'s health questions, but sees the office\'s threads and letters', async () => {
    const refused = await startThread(c.b.kari, { kind: 'clinical', clinicId: c.fjordbyen, subject: 'Søvn', body: 'Jonas sover dårlig.', patientId: c.ids.jonas });
    expect(refused.status).toBe(403);
    expect(refused.body.type).toMatch(/proxy-limited$/);
    const admin = await startThread(c.b.kari, { kind: 'admin', clinicId: c.fjordbyen, subject: 'Ny e-post for Jonas', body: 'Ny adresse.', patientId: c.ids.jonas });
    expect(admin.status).toBe(201);

    const own = await startThread(c.b.jonas, { kind: 'clinical', clinicId: c.fjordbyen, subject: 'Privat spørsmål', body: 'Noe jeg vil spørre legen om.' });
    expect(own.status).toBe(201);
    const letter = await json(await c.b.lise.fetch('/api/staff/letters', { method: 'POST', json: { patientId: c.ids.jonas, subject: 'Vaksine', body: 'Tid for HPV-vaksine.' } }));
    expect(letter.status).toBe(201);

    const seen = (await json(await c.b.kari.fetch(`/api/inbox?patientId=${c.ids.jonas}`))).body.threads as InboxThread[];
    expect(seen.map((t) => t.subject).sort()).toEqual(['Ny e-post for Jonas', 'Vaksine']);
    const hidden = await c.b.kari.fetch(`/api/threads/${own.body.thread.id}`);
    expect(hidden.status).toBe(404);
    expect(await hidden.text()).not.toContain('Privat');
    expect((await json(await c.b.kari.fetch(`/api/inbox?q=${encodeURIComponent('spørre legen')}`))).body.threads).toEqual([]);
    // Jonas himself sees all three.
    expect((await json(await c.b.jonas.fetch('/api/inbox'))).body.threads).toHaveLength(3);
    const options = await json(await c.b.kari.fetch(`/api/inbox/clinics?patientId=${c.ids.jonas}`));
    expect(options.body.clinics[0].offers).toEqual(['admin']);
  });
});
