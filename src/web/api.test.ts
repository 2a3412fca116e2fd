// The fetch client speaks the server's protocol: CSRF token on writes, the UI language, problem+json as ApiError.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, getJson, isProblemType, queryClient, sendJson, setApiLanguage } from './api.ts';

type Call = { url: string; init: RequestInit };

function answer(status: number, body?: unknown, contentType = 'application/json'): Response {
  if (status === 204) return new Response(null, { status });
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': contentType } });
}

function fakeServer(handler: (url: string, init: RequestInit) => Response): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return handler(url, init);
  });
  return calls;
}

const loggedIn = {
  authenticated: true,
  kind: 'patient',
  csrfToken: 'token-1',
  language: 'nb',
  person: { id: 'p1', name: 'Kari' },
  actingFor: null,
  devOutbox: false,
};

function headersOf(call: Call | undefined): Record<string, string> {
  return (call?.init.headers ?? {}) as Record<string, string>;
}

beforeEach(() => {
  queryClient.clear();
  setApiLanguage('nb');
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the API client', () => {
  it('sends the session CSRF token, JSON and the UI language on a write', async () => {
    const calls = fakeServer((url) => (url === '/api/session' ? answer(200, loggedIn) : answer(200, { ok: true })));
    setApiLanguage('sv');

    await sendJson('PUT', '/api/me/contact', { phone: '91234567' });

    const write = calls.find((call) => call.url === '/api/me/contact');
    expect(headersOf(write)).toMatchObject({
      'X-CSRF-Token': 'token-1',
      'Content-Type': 'application/json',
      'Accept-Language': 'sv',
    });
    expect(write?.init.credentials).toBe('same-origin');
    expect(write?.init.body).toBe('{"phone":"91234567"}');
  });

  it('sends no CSRF header when nobody is logged in, and no body type without a body', async () => {
    const calls = fakeServer((url) =>
      url === '/api/session' ? answer(200, { authenticated: false, devOutbox: false }) : answer(204),
    );

    await sendJson('POST', '/auth/logout');

    const write = calls.find((call) => call.url === '/auth/logout');
    expect(headersOf(write)['X-CSRF-Token']).toBeUndefined();
    expect(headersOf(write)['Content-Type']).toBeUndefined();
  });

  it('does not ask for the session on a read', async () => {
    const calls = fakeServer(() => answer(200, { entries: [] }));

    await getJson('/api/me/access-log');

    expect(calls.map((call) => call.url)).toEqual(['/api/me/access-log']);
  });

  it('turns a problem+json answer into an ApiError with status, type and the localized detail', async () => {
    fakeServer(() =>
      answer(
        400,
        { type: 'https://nettlege.dev/problems/invalid', title: 'Invalid', status: 400, detail: 'Mobilnummeret er ikke gyldig.' },
        'application/problem+json; charset=utf-8',
      ),
    );

    const error = await getJson('/api/me').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      type: 'https://nettlege.dev/problems/invalid',
      detail: 'Mobilnummeret er ikke gyldig.',
    });
  });

  it('keeps the members a problem adds, such as the new list after a conflict', async () => {
    fakeServer(() =>
      answer(409, { type: 'https://nettlege.dev/problems/affected-changed', detail: 'Endret.', affected: [{ appointmentId: 'a1' }] }, 'application/problem+json'),
    );

    const error = await getJson('/api/x').catch((e: unknown) => e);

    expect(isProblemType(error, 'affected-changed')).toBe(true);
    expect(isProblemType(error, 'changed')).toBe(false);
    expect((error as ApiError).problem.affected).toEqual([{ appointmentId: 'a1' }]);
  });

  it('fetches a fresh token and retries once when the server refuses the CSRF token', async () => {
    let sessions = 0;
    const calls = fakeServer((url) => {
      if (url === '/api/session') return answer(200, { ...loggedIn, csrfToken: `token-${++sessions}` });
      const token = headersOf(calls.at(-1))['X-CSRF-Token'];
      return token === 'token-2'
        ? answer(204)
        : answer(403, { type: 'https://nettlege.dev/problems/csrf', detail: 'Ugyldig token.' }, 'application/problem+json');
    });

    await sendJson('PUT', '/api/session/language', { language: 'en' });

    expect(calls.filter((call) => call.url === '/api/session/language')).toHaveLength(2);
  });

  it('keeps extra headers such as an Idempotency-Key, also when it retries after a stale CSRF token', async () => {
    let sessions = 0;
    const calls = fakeServer((url) => {
      if (url === '/api/session') return answer(200, { ...loggedIn, csrfToken: `token-${++sessions}` });
      const token = headersOf(calls.at(-1))['X-CSRF-Token'];
      return token === 'token-2'
        ? answer(201, { id: 'a1' })
        : answer(403, { type: 'https://nettlege.dev/problems/csrf', detail: 'Ugyldig token.' }, 'application/problem+json');
    });

    await sendJson('POST', '/api/appointments', { start: 'x' }, { 'Idempotency-Key': 'key-12345678' });

    const writes = calls.filter((call) => call.url === '/api/appointments');
    expect(writes.map((call) => headersOf(call)['Idempotency-Key'])).toEqual(['key-12345678', 'key-12345678']);
  });
});
