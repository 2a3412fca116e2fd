// Messages through the real HTTP layer and PostgreSQL: an administrative question answered by reception, a health
// question to the GP that reception can route but not read, deadlines and overdue threads, hand-over, letters,
// search, Idempotency-Key, and a clinic that takes no messages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/server.ts';
import type { InboxThread, StaffInboxThread } from './api.ts';
import { json, logInEveryone, startThread, type Cast } from './test-support.ts';

describe('messages between patients and the clinic', () => {
  let server: TestServer;
  let c: Cast;
  const q = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) => (await server.database.owner.query(text, params)).rows as T[];
  const staffInbox = async (who: 'tone' | 'per' | 'lise' | 'anna') => (await json(await c.b[who].fetch('/api/staff/inbox'))).body.threads as StaffInboxThread[];
  const inbox = async (who: 'ola' | 'kari' | 'ingrid' | 'jonas', query = '') => (await json(await c.b[who].fetch(`/api/inbox${query}`))).body.threads as InboxThread[];

  beforeAll(async () => {
    server = await startTestServer();
    c = await logInEveryone(server);
  });
  afterAll(async () => server?.stop());

  it('an administrative question is answered by reception, the patient is told content-free and reads the answer', async () => {
    const asked = await startThread(c.b.ola, { kind: 'admin', clinicId: c.fjordbyen, subject: 'Ny adresse', body: 'Jeg har flyttet til Storgata 5.' });
    expect(asked.status).toBe(201);
    const id = asked.body.thread.id as string;
    expect(asked.body.thread).toMatchObject({ kind: 'admin', status: 'open', concernsSelf: true, mayReply: true, clinic: { name: 'Fjordbyen legekontor' } });

    const listed = (await staffInbox('tone')).find((t) => t.id === id)!;
    expect(listed).toMatchObject({ kind: 'admin', subject: 'Ny adresse', contentHidden: false, unread: true, overdue: false, assignee: null, patient: { id: c.ids.ola } });
    expect(new Date(listed.dueAt!).getTime()).toBeGreaterThan(Date.now() + 5 * 86_400_000);

    const answered = await json(await c.b.tone.fetch(`/api/staff/threads/${id}/messages`, { method: 'POST', json: { body: 'Takk, adressen er endret.' } }));
    expect(answered.status).toBe(201);
    expect(answered.body.thread.status).toBe('answered');

    const mine = (await inbox('ola')).find((t) => t.id === id)!;
    expect(mine).toMatchObject({ unread: true, status: 'answered', preview: 'Takk, adressen er endret.' });
    const read = await json(await c.b.ola.fetch(`/api/threads/${id}`));
    expect(read.status).toBe(200);
    expect(read.body.messages.map((m: { body: string; authorName: string; authorRole: string; mine: boolean }) => [m.body, m.authorName, m.authorRole, m.mine])).toEqual([
      ['Jeg har flyttet til Storgata 5.', 'Ola Hansen', 'patient', true],
      ['Takk, adressen er endret.', 'Tone Ås', 'office', false],
    ]);
    expect((await inbox('ola')).find((t) => t.id === id)!.unread).toBe(false);

    const sms = await q<{ body: string; template: string }>(`SELECT body, template FROM notifications WHERE person_id = $1 AND channel = 'sms' AND template = 'new-answer'`, [c.ids.ola]);
    expect(sms).toHaveLength(1);
    expect(sms[0]!.body).toMatch(/^Nettlege: Du har fått svar på henvendelsen din\. Logg inn på http/);
    expect(sms[0]!.body).not.toMatch(/adresse|Storgata|Tone/i);
  });

  it('a health question goes to the GP: reception sees it exists but not what it says, the GP answers, every read is audited', async () => {
    const asked = await startThread(c.b.ola, { kind: 'clinical', clinicId: c.fjordbyen, subject: 'Hoste', body: 'Hosten er ikke over etter tre uker.' });
    expect(asked.status).toBe(201);
    const id = asked.body.thread.id as string;
    expect(asked.body.thread.assignee).toEqual({ name: 'Per Olsen' });

    const forReception = (await staffInbox('tone')).find((t) => t.id === id)!;
    expect(forReception).toMatchObject({ kind: 'clinical', subject: null, preview: null, contentHidden: true, assignee: { personId: c.ids.per, name: 'Per Olsen', role: 'clinician' } });
    const refused = await json(await c.b.tone.fetch(`/api/staff/threads/${id}`));
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.body)).not.toMatch(/Hoste|tre uker/);
    expect((await c.b.tone.fetch(`/api/staff/threads/${id}/messages`, { method: 'POST', json: { body: 'Prøv honning.' } })).status).toBe(403);
    expect((await c.b.tone.fetch(`/api/staff/threads/${id}/close`, { method: 'POST' })).status).toBe(403);
    // Reception searching for the content finds nothing.
    expect((await json(await c.b.tone.fetch('/api/staff/inbox?q=hosten'))).body.threads).toEqual([]);

    const forGp = (await staffInbox('per')).find((t) => t.id === id)!;
    expect(forGp).toMatchObject({ subject: 'Hoste', contentHidden: false, unread: true });
    expect((await json(await c.b.per.fetch(`/api/staff/threads/${id}`))).body.messages[0].body).toBe('Hosten er ikke over etter tre uker.');
    const answer = await json(await c.b.per.fetch(`/api/staff/threads/${id}/messages`, { method: 'POST', json: { body: 'Bestill en time, så lytter jeg på lungene.' } }));
    expect(answer.status).toBe(201);
    expect(answer.body.messages.at(-1)).toMatchObject({ authorRole: 'clinician', authorName: 'Per Olsen', mine: true });

    const audit = await q<{ action: string; actor: string }>(
      `SELECT a.action, p.name AS actor FROM audit_log a JOIN persons p ON p.id = a.actor_person_id WHERE a.subject_person_id = $1 AND a.action LIKE 'messages.clinical.%' ORDER BY a.id`,
      [c.ids.ola],
    );
    expect(audit).toEqual([
      { action: 'messages.clinical.read', actor: 'Per Olsen' },
      { action: 'messages.clinical.answer', actor: 'Per Olsen' },
    ]);
    const read = await json(await c.b.ola.fetch(`/api/threads/${id}`));
    expect(read.body.messages.at(-1).body).toBe('Bestill en time, så lytter jeg på lungene.');
  });

  it('a thread past its deadline stands out as overdue until the clinic answers', async () => {
    const asked = await startThread(c.b.ingrid, { kind: 'admin', clinicId: c.fjordbyen, subject: 'Sykemelding', body: 'Kan jeg få kopi av sykemeldingen?' });
    const id = asked.body.thread.id as string;
    expect((await staffInbox('tone')).find((t) => t.id === id)!.overdue).toBe(false);
    await q(`UPDATE message_threads SET due_at = now() - interval '1 hour' WHERE id = $1`, [id]);
    expect((await staffInbox('tone')).find((t) => t.id === id)!.overdue).toBe(true);
    await c.b.tone.fetch(`/api/staff/threads/${id}/messages`, { method: 'POST', json: { body: 'Den er sendt.' } });
    expect((await staffInbox('tone')).find((t) => t.id === id)!).toMatchObject({ overdue: false, status: 'answered' });

    // The patient's follow-up opens it again with a fresh deadline.
    const again = await json(await c.b.ingrid.fetch(`/api/threads/${id}/messages`, { method: 'POST', json: { body: 'Takk! Også for mars?' } }));
    expect(again.status).toBe(201);
    const reopened = (await staffInbox('tone')).find((t) => t.id === id)!;
    expect(reopened).toMatchObject({ status: 'open', overdue: false });
    expect(new Date(reopened.dueAt!).getTime()).toBeGreaterThan(Date.now());
  });

  it('threads are handed between staff: a health question only to a clinician, and reception may route it', async () => {
    const asked = await startThread(c.b.ola, { kind: 'clinical', clinicId: c.fjordbyen, subject: 'Blodtrykk', body: 'Målt 150/95 hjemme.' });
    const id = asked.body.thread.id as string;
    const assign = (who: 'tone' | 'per' | 'anna', personId: string | null) => c.b[who].fetch(`/api/staff/threads/${id}/assign`, { method: 'POST', json: { personId } });

    const toReception = await json(await assign('per', c.ids.tone));
    expect(toReception.status).toBe(400);
    expect(toReception.body.type).toMatch(/message-not-clinician$/);
    const toLise = await json(await assign('per', c.ids.lise));
    expect(toLise.status).toBe(200);
    expect(toLise.body).toMatchObject({ assignee: { personId: c.ids.lise, name: 'Lise Berg', role: 'clinician' }, subject: 'Blodtrykk' });
    // Reception routes it back to the clinicians' team without seeing it.
    const routed = await json(await assign('tone', null));
    expect(routed.status).toBe(200);
    expect(routed.body).toMatchObject({ assignee: null, subject: null, contentHidden: true });
    expect((await assign('anna', c.ids.anna)).status).toBe(404);
    const toOtherClinic = await json(await assign('per', c.ids.anna));
    expect(toOtherClinic.status).toBe(400);

    const admin = await startThread(c.b.ola, { kind: 'admin', clinicId: c.fjordbyen, subject: 'Faktura', body: 'Fikk to fakturaer.' });
    const handed = await json(await c.b.tone.fetch(`/api/staff/threads/${admin.body.thread.id}/assign`, { method: 'POST', json: { personId: c.ids.per } }));
    expect(handed.body.assignee).toMatchObject({ personId: c.ids.per, role: 'clinician' });
  });

  it('the clinic sends a letter: it reaches the inbox with a content-free notice and takes no answer', async () => {
    const sent = await json(await c.b.tone.fetch('/api/staff/letters', { method: 'POST', json: { patientId: c.ids.ola, subject: 'Innkalling til kontroll', body: 'Velkommen til årlig kontroll av blodtrykket.' } }));
    expect(sent.status).toBe(201);
    const id = sent.body.thread.id as string;
    const mine = (await inbox('ola')).find((t) => t.id === id)!;
    expect(mine).toMatchObject({ kind: 'letter', subject: 'Innkalling til kontroll', unread: true, mayReply: false });
    const refused = await json(await c.b.ola.fetch(`/api/threads/${id}/messages`, { method: 'POST', json: { body: 'Takk' } }));
    expect(refused.status).toBe(409);
    expect(refused.body.type).toMatch(/message-no-reply$/);
    const sms = await q<{ body: string }>(`SELECT body FROM notifications WHERE person_id = $1 AND channel = 'sms' AND template = 'new-message'`, [c.ids.ola]);
    expect(sms.map((s) => s.body)).toEqual([expect.stringMatching(/^Nettlege: Du har fått en ny melding\. Logg inn på http\S+ for å lese den\.$/)]);
    // Staff of another clinic cannot write to a patient who is not theirs.
    expect((await c.b.anna.fetch('/api/staff/letters', { method: 'POST', json: { patientId: c.ids.ola, subject: 'x', body: 'y' } })).status).toBe(404);
  });

  it('the inbox is newest first and searchable in subjects and messages', async () => {
    const all = await inbox('ola');
    const times = all.map((t) => t.lastMessageAt);
    expect([...times].sort().reverse()).toEqual(times);
    // The demo data has a letter and an address question of Ola's too: every hit matches, and this test's are among them.
    const kontroll = (await inbox('ola', '?q=kontroll')).map((t) => t.subject);
    expect(kontroll).toContain('Innkalling til kontroll');
    expect(kontroll.every((subject) => /kontroll/i.test(subject))).toBe(true);
    expect((await inbox('ola', '?q=lungene')).map((t) => t.subject)).toEqual(['Hoste']);
    const storgata = (await inbox('ola', '?q=Storga')).map((t) => t.subject);
    expect(storgata.length).toBeGreaterThan(0);
    expect(storgata.every((subject) => subject === 'Ny adresse')).toBe(true);
    expect(await inbox('ola', `?q=${encodeURIComponent('100%_')}`)).toEqual([]);
  });

  it('a repeat with the same Idempotency-Key makes one thread', async () => {
    const input = { kind: 'admin' as const, clinicId: c.fjordbyen, subject: 'Parkering', body: 'Hvor kan jeg parkere?' };
    const headers = { 'idempotency-key': 'msg-parking-0001' };
    const [a, b] = [await startThread(c.b.ingrid, input, headers), await startThread(c.b.ingrid, input, headers)];
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.headers.get('idempotent-replayed')).toBe('true');
    expect(b.body.thread.id).toBe(a.body.thread.id);
    expect((await q(`SELECT 1 FROM message_threads WHERE subject = 'Parkering'`)).length).toBe(1);
  });

  it('a clinic that takes no messages says so, with its contact details', async () => {
    await q(`UPDATE clinics SET message_kinds = '{admin}' WHERE id = $1`, [c.fjordbyen]);
    try {
      const options = await json(await c.b.ola.fetch('/api/inbox/clinics'));
      expect(options.body.clinics.find((x: { id: string }) => x.id === c.fjordbyen)).toMatchObject({ offers: ['admin'], contact: { phone: '+47 55 00 00 00' } });
      const refused = await startThread(c.b.ola, { kind: 'clinical', clinicId: c.fjordbyen, subject: 'Utslett', body: 'Rødt utslett.' });
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ clinic: { name: 'Fjordbyen legekontor', phone: '+47 55 00 00 00', email: 'post@fjordbyen-legekontor.example' }, offers: ['admin'] });
      expect(refused.body.detail).toContain('+47 55 00 00 00');
    } finally {
      await q(`UPDATE clinics SET message_kinds = '{admin,clinical}' WHERE id = $1`, [c.fjordbyen]);
    }
    const options = await json(await c.b.ola.fetch('/api/inbox/clinics'));
    expect(options.body.clinics.find((x: { id: string }) => x.id === c.fjordbyen)).toMatchObject({ offers: ['admin', 'clinical'], gpPractitionerId: c.perPractitioner });
  });
});
