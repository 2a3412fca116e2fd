// Handing a thread on: the candidates the clinic offers (a health question only to clinicians; never the one holding
// it), and the hand-over itself; staff elsewhere learn nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/server.ts';
import { json, logInEveryone, type Cast } from './test-support.ts';

describe('handing a thread on', () => {
  let server: TestServer;
  let c: Cast;
  const candidates = async (who: keyof Cast['b'], id: string) => json(await c.b[who].fetch(`/api/staff/threads/${id}/hand-over-candidates`));

  beforeAll(async () => {
    server = await startTestServer();
    c = await logInEveryone(server);
  });
  afterAll(async () => server?.stop());

  it('offers clinicians for a health question and staff for a practical one, and moves the thread to the one chosen', async () => {
    const clinical = await json(await c.b.ola.fetch('/api/threads', { method: 'POST', json: { kind: 'clinical', clinicId: c.fjordbyen, practitionerId: c.perPractitioner, subject: 'Hoste', body: 'Hoster fortsatt.' } }));
    expect(clinical.status).toBe(201);
    const id = clinical.body.thread.id as string;
    // Reception routes it without reading it: the candidates are the clinicians other than the one holding it.
    const forTone = await candidates('tone', id);
    expect(forTone.status).toBe(200);
    const names = (forTone.body.candidates as Array<{ name: string; role: string }>).map((x) => x.name);
    expect(names).toContain('Lise Berg');
    expect(names).not.toContain('Per Olsen');
    expect(names).not.toContain('Tone Ås');
    const lise = (forTone.body.candidates as Array<{ personId: string; name: string }>).find((x) => x.name === 'Lise Berg')!;
    expect((await c.b.tone.fetch(`/api/staff/threads/${id}/assign`, { method: 'POST', json: { personId: lise.personId } })).status).toBe(200);
    expect(((await candidates('per', id)).body.candidates as Array<{ name: string }>).map((x) => x.name)).toContain('Per Olsen');

    const admin = await json(await c.b.ola.fetch('/api/threads', { method: 'POST', json: { kind: 'admin', clinicId: c.fjordbyen, subject: 'Parkering', body: 'Hvor parkerer jeg?' } }));
    const adminNames = ((await candidates('per', admin.body.thread.id)).body.candidates as Array<{ name: string }>).map((x) => x.name);
    expect(adminNames).toEqual(expect.arrayContaining(['Tone Ås', 'Lise Berg']));

    expect((await candidates('anna', id)).status).toBe(404);
    expect((await candidates('ola', id)).status).toBe(403);
  });
});
