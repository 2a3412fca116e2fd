// The appointment letter (innkallingsbrev): reception books a video appointment for a patient; the patient's inbox has a
// letter with the time in the clinic's zone, how to prepare and the join link, also as a PDF; the SMS says only that
// there is a message. A patient booking for themself gets no letter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, startTestServer, type TestServer } from '../../../test/server.ts';
import { demoClinicId, demoPerson, demoPractitionerId } from '../../../test/people.ts';

describe('the appointment letter', () => {
  let server: TestServer;
  let clinicId = '';
  let lise = '';
  const b = {} as Record<'tone' | 'ola' | 'ingrid', Browser>;
  const ids: Record<string, string> = {};
  const future = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
  const letters = async (who: Browser) =>
    ((await (await who.fetch('/api/inbox')).json()) as { threads: Array<{ id: string; kind: string; subject: string }> }).threads.filter((t) => t.kind === 'letter' && t.subject === 'Innkalling til videotime');
  async function freeVideoSlot(who: Browser, fromDays: number): Promise<string> {
    const res = await who.fetch(`/api/availability?clinicId=${clinicId}&practitionerId=${lise}&visitType=video&from=${future(fromDays)}&to=${future(fromDays + 7)}`);
    return ((await res.json()) as { slots: Array<{ start: string }> }).slots[0]!.start;
  }

  beforeAll(async () => {
    server = await startTestServer({ VIDEO_LINK_SECRET: 'test-video-link-secret-of-at-least-32-chars', DEV_OUTBOX: 'true' });
    const o = server.database.owner;
    clinicId = await demoClinicId(o, 'Fjordbyen legekontor');
    lise = await demoPractitionerId(o, 'Lise Berg');
    for (const [key, name] of Object.entries({ tone: 'Tone Ås', ola: 'Ola Hansen', ingrid: 'Ingrid Solberg' })) {
      const p = await demoPerson(o, name);
      ids[key] = p.id;
      b[key as keyof typeof b] = new Browser(server.url);
      await b[key as keyof typeof b].login(p.nationalId, key === 'tone' ? 'staff' : 'patient');
    }
  });
  afterAll(async () => server?.stop());

  it('reaches the patient\'s inbox when reception books a video appointment, with the time, the advice and the join link, and as a PDF', async () => {
    const start = await freeVideoSlot(b.tone, 3);
    const booked = await b.tone.fetch('/api/appointments', { method: 'POST', json: { practitionerId: lise, start, visitType: 'video', reason: 'Kontroll', patientId: ids.ola } });
    expect(booked.status).toBe(201);
    const [letter] = await letters(b.ola);
    expect(letter).toBeDefined();
    const thread = (await (await b.ola.fetch(`/api/threads/${letter!.id}`)).json()) as { messages: Array<{ body: string }>; thread: { mayReply: boolean } };
    const body = thread.messages[0]!.body;
    const oslo = new Intl.DateTimeFormat('nb-NO', { timeZone: 'Europe/Oslo', hour: '2-digit', minute: '2-digit' }).format(new Date(start));
    expect(body).toContain(`kl. ${oslo}`);
    expect(body).toContain('hos Lise Berg');
    expect(body).toMatch(/hodetelefoner/);
    expect(body).toMatch(/legitimasjon/);
    expect(body).toMatch(new RegExp(`${server.url}/video/join#\\S+`));
    expect(thread.thread.mayReply).toBe(false);

    const pdf = await b.ola.fetch(`/api/threads/${letter!.id}/letter.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    // Another patient gets nothing of it.
    expect((await b.ingrid.fetch(`/api/threads/${letter!.id}/letter.pdf`)).status).toBe(404);

    const sms = (await server.database.owner.query(`SELECT body FROM notifications WHERE person_id = $1 AND channel = 'sms' ORDER BY created_at DESC LIMIT 3`, [ids.ola])).rows.map((r) => r.body as string);
    expect(sms.join(' ')).not.toMatch(/videotime|Kontroll|Lise/);
  });

  it('is not written when the patient books for themself', async () => {
    const before = (await letters(b.ingrid)).length;
    const start = await freeVideoSlot(b.ingrid, 12);
    expect((await b.ingrid.fetch('/api/appointments', { method: 'POST', json: { practitionerId: lise, start, visitType: 'video', reason: '' } })).status).toBe(201);
    expect((await letters(b.ingrid)).length).toBe(before);
  });
});
