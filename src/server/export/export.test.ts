// "Download my data" through the real server on real PostgreSQL: asked for, built by the job with its progress, told
// through the inbox; the JSON holds every section, the PDF reads; each file downloads once and not after it expires;
// a parent for a child under 12 only; one export built at a time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type Browser, type TestServer } from '../../../test/server.ts';
import { logInDemoPeople, type DemoKey } from '../../../test/people.ts';
import { pdfText } from '../../../test/pdf-text.ts';
import { json } from '../econsult/test-flow.ts';
import { SECTIONS } from './sections.ts';

describe('download my data', () => {
  let server: TestServer;
  let b: Record<DemoKey, Browser>;
  let ids: Record<DemoKey, string>;
  const q = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) => (await server.database.owner.query(text, params)).rows as T[];
  const ready = async (who: Browser, id: string, patientId?: string) => {
    for (let i = 0; i < 200; i++) {
      const list = (await json(await who.fetch(`/api/me/exports${patientId ? `?patientId=${patientId}` : ''}`))).body.exports as Array<{ id: string; status: string; progress: number }>;
      const e = list.find((x) => x.id === id);
      if (e?.status === 'ready') return e;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the export was not built');
  };

  beforeAll(async () => {
    server = await startTestServer({ RATE_LIMIT_PER_MINUTE: '100000' });
    ({ b, ids } = await logInDemoPeople(server));
  });
  afterAll(async () => server?.stop());

  it('builds Ola’s data as JSON and PDF, tells him in the inbox, and lets each file be downloaded once', async () => {
    const asked = await json(await b.ola.fetch('/api/me/export', { method: 'POST', json: {} }));
    expect(asked.status).toBe(202);
    expect(asked.body).toMatchObject({ status: 'queued', progress: 0, json: 'none', pdf: 'none' });
    const e = await ready(b.ola, asked.body.id);
    expect(e).toMatchObject({ progress: 100, json: 'available', pdf: 'available' });

    const inbox = (await json(await b.ola.fetch('/api/inbox'))).body.threads as Array<{ subject: string; kind: string }>;
    expect(inbox).toContainEqual(expect.objectContaining({ subject: 'Dine data', kind: 'letter' }));

    const file = await b.ola.fetch(`/api/me/exports/${e.id}/data.json`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toContain('attachment');
    const data = (await file.json()) as { personId: string; sections: Record<string, Array<Record<string, unknown>>> };
    expect(data.personId).toBe(ids.ola);
    expect(Object.keys(data.sections)).toEqual(SECTIONS.map((s) => s.id));
    expect(data.sections.person![0]).toMatchObject({ name: 'Ola Hansen' });
    expect(data.sections.gp![0]).toMatchObject({ patient_id: ids.ola });
    expect(data.sections.appointments!.length).toBeGreaterThan(0);
    expect(data.sections.threads!.every((t) => Array.isArray(t.messages))).toBe(true);
    expect(data.sections.accessLog!.every((a) => a.subject_person_id === ids.ola)).toBe(true);
    // Nobody else's rows.
    expect(JSON.stringify(data)).not.toContain(ids.ingrid);

    const again = await json(await b.ola.fetch(`/api/me/exports/${e.id}/data.json`));
    expect(again.status).toBe(410);
    expect(again.body.type).toMatch(/export-gone$/);
    const pdf = await b.ola.fetch(`/api/me/exports/${e.id}/data.pdf`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const text = pdfText(Buffer.from(await pdf.arrayBuffer()));
    expect(text).toContain('Dine data');
    expect(text).toContain('Om deg (1)');
    expect(text).toContain('Ola Hansen');
    expect((await b.ingrid.fetch(`/api/me/exports/${e.id}/data.pdf`)).status).toBe(403);
    expect((await json(await b.ola.fetch('/api/me/exports'))).body.exports[0]).toMatchObject({ json: 'downloaded', pdf: 'downloaded' });
  });

  it('one export is built at a time; an expired one cannot be downloaded', async () => {
    const [x, y] = await Promise.all([b.ingrid.fetch('/api/me/export', { method: 'POST', json: {} }).then(json), b.ingrid.fetch('/api/me/export', { method: 'POST', json: {} }).then(json)]);
    expect([x.status, y.status].sort()).toEqual([202, 409]);
    const first = [x, y].find((r) => r.status === 202)!;
    await ready(b.ingrid, first.body.id);
    await q(`UPDATE data_exports SET expires_at = now() - interval '1 minute' WHERE id = $1`, [first.body.id]);
    expect((await b.ingrid.fetch(`/api/me/exports/${first.body.id}/data.json`)).status).toBe(410);
  });

  it('a parent gets a child’s data while the child is under 12, not after', async () => {
    const emma = await json(await b.kari.fetch('/api/me/export', { method: 'POST', json: { patientId: ids.emma } }));
    expect(emma.status).toBe(202);
    await ready(b.kari, emma.body.id, ids.emma);
    const jonas = await json(await b.kari.fetch('/api/me/export', { method: 'POST', json: { patientId: ids.jonas } }));
    expect(jonas.status).toBe(403);
    expect((await b.kari.fetch('/api/me/export', { method: 'POST', json: { patientId: ids.ola } })).status).toBe(403);
    expect((await b.per.fetch('/api/me/export', { method: 'POST', json: {} })).status).toBe(403);
  });
});
