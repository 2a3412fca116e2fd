// The clinic decides which message services it offers and the answer deadline: only its admin changes them, patients
// then see the choice, and bad input changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/server.ts';
import { json, logInEveryone, type Cast } from './test-support.ts';

describe('the clinic\'s message settings', () => {
  let server: TestServer;
  let c: Cast;
  const put = (who: keyof Cast['b'], body: unknown) => c.b[who].fetch('/api/staff/clinic/message-settings', { method: 'PUT', json: body });

  beforeAll(async () => {
    server = await startTestServer();
    c = await logInEveryone(server);
  });
  afterAll(async () => server?.stop());

  it('are set by the clinic admin only, shown to patients, and refused when malformed', async () => {
    expect((await json(await c.b.tone.fetch('/api/staff/clinic/message-settings'))).body).toEqual({ kinds: ['admin', 'clinical'], answerDays: 5 });
    expect((await put('tone', { kinds: ['admin'], answerDays: 3 })).status).toBe(403);
    expect((await put('lise', { kinds: ['admin'], answerDays: 3 })).status).toBe(403);
    expect((await put('ola', { kinds: ['admin'], answerDays: 3 })).status).toBe(403);
    expect((await put('per', { kinds: ['admin'], answerDays: 0 })).status).toBe(400);
    expect((await put('per', { kinds: ['phone'], answerDays: 3 })).status).toBe(400);
    expect((await json(await c.b.per.fetch('/api/staff/clinic/message-settings'))).body).toEqual({ kinds: ['admin', 'clinical'], answerDays: 5 });

    const saved = await json(await put('per', { kinds: ['admin'], answerDays: 3 }));
    expect(saved).toMatchObject({ status: 200, body: { kinds: ['admin'], answerDays: 3 } });
    const clinics = (await json(await c.b.ola.fetch('/api/inbox/clinics'))).body.clinics as Array<{ id: string; offers: string[] }>;
    expect(clinics.find((x) => x.id === c.fjordbyen)?.offers).toEqual(['admin']);
    // Another clinic's admin changes their own clinic, not this one.
    expect((await put('anna', { kinds: [], answerDays: 2 })).status).toBe(200);
    expect((await json(await c.b.per.fetch('/api/staff/clinic/message-settings'))).body).toEqual({ kinds: ['admin'], answerDays: 3 });
    await put('per', { kinds: ['admin', 'clinical'], answerDays: 5 });
  });
});
