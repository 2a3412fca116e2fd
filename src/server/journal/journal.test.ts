// The clinician's journal note for an appointment, through the real HTTP layer and PostgreSQL: only the clinician who
// had the visit, only once it is completed, exactly one note (also under two simultaneous saves), audited, and refusals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, startTestServer, type TestServer } from '../../../test/server.ts';
import { demoPerson } from '../../../test/people.ts';
import { videoAppointment } from '../../../e2e/video-pages.ts';

describe('journal note for an appointment', () => {
  let server: TestServer;
  const b = {} as Record<'lise' | 'per' | 'tone' | 'anna' | 'ola', Browser>;
  let olaId = '';
  let seq = 0;
  const path = (id: string) => `/api/staff/appointments/${id}/journal-note`;
  const json = async (res: Response) => ({ status: res.status, type: res.headers.get('content-type'), body: await res.json() });
  const completed = async () => {
    const id = await videoAppointment(server.database.owner, 'Ola Hansen', 2 + 6 * seq++);
    await server.database.owner.query(`UPDATE appointments SET status = 'completed' WHERE id = $1`, [id]);
    return id;
  };
  const notes = async (id: string) => (await server.database.owner.query(`SELECT title, body FROM journal_notes WHERE source_kind = 'appointment' AND source_id = $1`, [id])).rows;

  beforeAll(async () => {
    server = await startTestServer();
    for (const [key, name] of Object.entries({ lise: 'Lise Berg', per: 'Per Olsen', tone: 'Tone Ås', anna: 'Anna Lindqvist', ola: 'Ola Hansen' })) {
      const p = await demoPerson(server.database.owner, name);
      if (key === 'ola') olaId = p.id;
      b[key as keyof typeof b] = new Browser(server.url);
      await b[key as keyof typeof b].login(p.nationalId, key === 'ola' ? 'patient' : 'staff', p.hpr ? { hpr: p.hpr } : undefined);
    }
  });
  afterAll(async () => server?.stop());

  it('is written once the visit is completed, by its clinician, and read back with the author', async () => {
    const booked = await videoAppointment(server.database.owner, 'Ola Hansen', 2 + 6 * seq++);
    const before = await json(await b.lise.fetch(path(booked)));
    expect(before.status).toBe(200);
    expect(before.body.note).toBeNull();
    expect(before.body.appointment.patient).toEqual({ id: olaId, name: 'Ola Hansen' });
    const early = await json(await b.lise.fetch(path(booked), { method: 'POST', json: { title: 'Video', body: 'Notat' } }));
    expect(early.status).toBe(409);
    expect(early.type).toContain('application/problem+json');
    expect(early.body.title).toBe('The journal note is written once the appointment has taken place.');
    expect(await notes(booked)).toEqual([]);

    const id = await completed();
    const saved = await json(await b.lise.fetch(path(id), { method: 'POST', json: { title: ' Videokonsultasjon ', body: 'Hoste i to uker. Råd gitt.' } }));
    expect(saved.status).toBe(201);
    expect(saved.body.note).toMatchObject({ title: 'Videokonsultasjon', body: 'Hoste i to uker. Råd gitt.', authorName: 'Lise Berg' });
    expect((await json(await b.lise.fetch(path(id)))).body.note.title).toBe('Videokonsultasjon');

    const again = await json(await b.lise.fetch(path(id), { method: 'POST', json: { title: 'Ny', body: 'Overskriver' } }));
    expect(again.status).toBe(409);
    expect(await notes(id)).toEqual([{ title: 'Videokonsultasjon', body: 'Hoste i to uker. Råd gitt.' }]);

    const audit = await server.database.owner.query(`SELECT action FROM audit_log WHERE subject_person_id = $1 AND action LIKE 'journal.%' ORDER BY at`, [olaId]);
    expect(audit.rows.map((r) => r.action)).toEqual(expect.arrayContaining(['journal.appointment-note.read', 'journal.appointment-note.write']));
  });

  it('a booked visit that has begun can be documented, which marks it completed (a visit at the office or by phone)', async () => {
    const id = await videoAppointment(server.database.owner, 'Ola Hansen', 2 + 6 * seq++);
    await server.database.owner.query(`UPDATE appointments SET visit_type = 'clinic', starts_at = now() - interval '3 hours', ends_at = now() - interval '165 minutes', blocked_until = now() - interval '165 minutes' WHERE id = $1`, [id]);
    expect((await json(await b.lise.fetch(path(id)))).body.mayWrite).toBe(true);
    const saved = await json(await b.lise.fetch(path(id), { method: 'POST', json: { title: 'Konsultasjon', body: 'Blodtrykk 128/82.' } }));
    expect(saved.status).toBe(201);
    expect(saved.body.appointment.status).toBe('completed');
    expect(saved.body.mayWrite).toBe(false);
    const row = await server.database.owner.query(`SELECT status FROM appointments WHERE id = $1`, [id]);
    expect(row.rows[0].status).toBe('completed');
  });

  it('two saves at the same moment give one note and one refusal', async () => {
    const id = await completed();
    const results = await Promise.all(['A', 'B'].map((t) => b.lise.fetch(path(id), { method: 'POST', json: { title: t, body: `Notat ${t}` } })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await notes(id)).toHaveLength(1);
  });

  it('is refused to reception, to another clinician, to the patient and to the logged out; bad input changes nothing', async () => {
    const id = await completed();
    expect((await b.tone.fetch(path(id))).status).toBe(403);
    // Another clinician, at the clinic or elsewhere, does not learn that the visit exists.
    expect((await b.per.fetch(path(id))).status).toBe(404);
    expect((await b.anna.fetch(path(id))).status).toBe(404);
    expect((await b.ola.fetch(path(id))).status).toBe(403);
    expect((await new Browser(server.url).fetch(path(id))).status).toBe(401);
    const blank = await json(await b.lise.fetch(path(id), { method: 'POST', json: { title: 'Video', body: '   ' } }));
    expect(blank.status).toBe(400);
    expect(blank.type).toContain('application/problem+json');
    const tooLong = await b.lise.fetch(path(id), { method: 'POST', json: { title: 'Video', body: 'x'.repeat(20_001) } });
    expect(tooLong.status).toBe(400);
    expect(await notes(id)).toEqual([]);
  });
});
