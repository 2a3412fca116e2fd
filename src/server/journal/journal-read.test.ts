// The patient's journal through the real HTTP layer and PostgreSQL: each note at its newest version with the versions it
// corrected; a parent reads a 9-year-old's journal but not a 14-year-old's; corrections only by the author, one per
// version; and the database itself refuses to change or delete a note, whoever asks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, startTestServer, type TestServer } from '../../../test/server.ts';
import { demoPerson } from '../../../test/people.ts';
import { videoAppointment } from '../../../e2e/video-pages.ts';
import type { JournalNote } from '../../shared/journal-api.ts';

describe('the journal', () => {
  let server: TestServer;
  const b = {} as Record<'lise' | 'per' | 'ola' | 'kari', Browser>;
  const ids: Record<string, string> = {};
  let seq = 0;
  const json = async (res: Response) => ({ status: res.status, body: await res.json() });
  /** Lise Berg's note for a completed visit of `patient`; the note's id. */
  async function noteFor(patient: string, body: string): Promise<string> {
    const id = await videoAppointment(server.database.owner, patient, 2 + 6 * seq++);
    await server.database.owner.query(`UPDATE appointments SET status = 'completed' WHERE id = $1`, [id]);
    const res = await json(await b.lise.fetch(`/api/staff/appointments/${id}/journal-note`, { method: 'POST', json: { title: 'Videokonsultasjon', body } }));
    expect(res.status).toBe(201);
    return res.body.note.id;
  }
  const journal = async (who: Browser) => json(await who.fetch('/api/journal'));
  const correct = async (who: Browser, noteId: string, body: string) => json(await who.fetch(`/api/staff/journal-notes/${noteId}/corrections`, { method: 'POST', json: { title: 'Videokonsultasjon', body } }));

  beforeAll(async () => {
    server = await startTestServer();
    for (const [key, name] of Object.entries({ lise: 'Lise Berg', per: 'Per Olsen', ola: 'Ola Hansen', kari: 'Kari Nordmann', emma: 'Emma Nordmann', jonas: 'Jonas Nordmann' })) {
      const p = await demoPerson(server.database.owner, name);
      ids[key] = p.id;
      if (key === 'emma' || key === 'jonas') continue;
      b[key as keyof typeof b] = new Browser(server.url);
      await b[key as keyof typeof b].login(p.nationalId, p.hpr ? 'staff' : 'patient', p.hpr ? { hpr: p.hpr } : undefined);
    }
  });
  afterAll(async () => server?.stop());

  it('shows the patient each note with its author and clinic, and a correction as a new version beside the old', async () => {
    const noteId = await noteFor('Ola Hansen', 'Hoste i to uker.');
    const before = await journal(b.ola);
    expect(before.status).toBe(200);
    // Newest first: this visit's note before the demo visit's (weeks ago).
    const [note, ...older] = before.body.notes as JournalNote[];
    expect(older.every((n) => n.id !== noteId && n.firstWrittenAt < note!.firstWrittenAt)).toBe(true);
    expect(note).toMatchObject({ id: noteId, version: 1, body: 'Hoste i to uker.', authorName: 'Lise Berg', authorProfession: 'doctor', sourceKind: 'appointment', earlier: [] });

    const v2 = await correct(b.lise, noteId, 'Hoste i tre uker.');
    expect(v2.status).toBe(201);
    expect(v2.body).toMatchObject({ version: 2, body: 'Hoste i tre uker.', earlier: [{ id: noteId, version: 1, body: 'Hoste i to uker.' }] });
    // The version already corrected cannot be corrected again: the newer one stands.
    const stale = await correct(b.lise, noteId, 'Hoste i fire uker.');
    expect(stale.status).toBe(409);
    expect(stale.body.type).toMatch(/journal-note-replaced$/);
    // Only the author corrects: another clinician at the clinic does not learn the note exists.
    expect((await correct(b.per, v2.body.id, 'Annen lege')).status).toBe(404);
    expect((await b.ola.fetch(`/api/staff/journal-notes/${v2.body.id}/corrections`, { method: 'POST', json: { title: 'x', body: 'y' } })).status).toBe(403);

    const after = ((await journal(b.ola)).body.notes as JournalNote[]).filter((n) => n.id === v2.body.id);
    expect(after.map((n) => [n.version, n.body, n.earlier.map((e) => e.body)])).toEqual([[2, 'Hoste i tre uker.', ['Hoste i to uker.']]]);
    const audit = await server.database.owner.query(`SELECT count(*)::int AS n FROM audit_log WHERE subject_person_id = $1 AND action = 'journal.note.correct'`, [ids.ola]);
    expect(audit.rows[0].n).toBe(1);
  });

  it('two corrections of one version at the same moment: one lands, the other is refused', async () => {
    const noteId = await noteFor('Ola Hansen', 'Første versjon.');
    const results = await Promise.all(['A', 'B'].map((x) => correct(b.lise, noteId, `Rettet ${x}`)));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const rows = await server.database.owner.query(`SELECT count(*)::int AS n FROM journal_notes WHERE replaces_id = $1`, [noteId]);
    expect(rows.rows[0].n).toBe(1);
  });

  it('a parent reads a 9-year-old\'s journal, not a 14-year-old\'s; nobody sees another patient\'s notes', async () => {
    await noteFor('Emma Nordmann', 'Ørebetennelse, råd gitt.');
    await noteFor('Jonas Nordmann', 'Samtale om søvn.');
    expect(((await journal(b.kari)).body.notes as JournalNote[]).map((n) => n.body)).toEqual([]);
    expect((await b.kari.fetch('/api/me/acting-for', { method: 'PUT', json: { personId: ids.emma } })).status).toBe(200);
    expect(((await journal(b.kari)).body.notes as JournalNote[]).map((n) => n.body)).toContain('Ørebetennelse, råd gitt.');
    expect((await b.kari.fetch('/api/me/acting-for', { method: 'PUT', json: { personId: ids.jonas } })).status).toBe(200);
    const refused = await journal(b.kari);
    expect(refused.status).toBe(403);
    expect(refused.body.type).toMatch(/proxy-limited$/);
    expect(JSON.stringify(refused.body)).not.toContain('søvn');
    expect(((await journal(b.ola)).body.notes as JournalNote[]).every((n) => !n.body.includes('Ørebetennelse'))).toBe(true);
    expect((await new Browser(server.url).fetch('/api/journal')).status).toBe(401);
    expect((await b.lise.fetch('/api/journal')).status).toBe(403);
  });

  it('the database refuses to change or delete a note, for the application\'s role and for the owner', async () => {
    const noteId = await noteFor('Ola Hansen', 'Står for alltid.');
    await expect(server.database.db.updateTable('journal_notes').set({ body: 'endret' }).where('id', '=', noteId).execute()).rejects.toThrow();
    await expect(server.database.db.deleteFrom('journal_notes').where('id', '=', noteId).execute()).rejects.toThrow();
    await expect(server.database.owner.query(`UPDATE journal_notes SET body = 'endret' WHERE id = $1`, [noteId])).rejects.toThrow(/append-only/);
    await expect(server.database.owner.query(`DELETE FROM journal_notes WHERE id = $1`, [noteId])).rejects.toThrow(/append-only/);
    const row = await server.database.owner.query(`SELECT body FROM journal_notes WHERE id = $1`, [noteId]);
    expect(row.rows[0].body).toBe('Står for alltid.');
  });
});
