// The client side of the Nettlege API: one fetch wrapper (JSON, CSRF, language, problem+json → ApiError) and the query cache it fills.
import { QueryClient, queryOptions } from '@tanstack/react-query';
import type { Session } from './identity/types.ts';
import { DEFAULT_LANGUAGE, type Language } from './i18n/languages.ts';

/** A refusal from the server, carrying its problem+json; `detail` is already in the user's language. */
export class ApiError extends Error {
  readonly status: number;
  readonly type: string;
  readonly detail: string | undefined;
  /** The whole problem document, for the members some problems add (e.g. the new list of affected appointments). */
  readonly problem: Readonly<Record<string, unknown>>;

  constructor(status: number, type: string, detail: string | undefined, problem: Readonly<Record<string, unknown>> = {}) {
    super(detail ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.type = type;
    this.detail = detail;
    this.problem = problem;
  }
}

/** Whether the error is the server's problem of that name: 'queue-empty' matches type https://nettlege.dev/problems/queue-empty. */
export function isProblemType(error: unknown, name: string): error is ApiError {
  return error instanceof ApiError && error.type.endsWith(`/${name}`);
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

let requestLanguage: Language = DEFAULT_LANGUAGE;

/** Called by the i18n provider so every request carries the UI language. */
export function setApiLanguage(language: Language): void {
  requestLanguage = language;
}

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will not change by asking again (and a 401 must not loop); network trouble and 5xx may.
      retry: (failures, error) => !(error instanceof ApiError && error.status < 500) && failures < 2,
    },
    mutations: { retry: false },
  },
});

export const sessionQuery = queryOptions({
  queryKey: ['session'],
  queryFn: () => getJson<Session>('/api/session'),
  staleTime: 60_000,
});

export function getJson<T>(path: string): Promise<T> {
  return request<T>('GET', path);
}

/** `headers` adds request headers, e.g. an Idempotency-Key that the caller keeps for retries of the same submission. */
export function sendJson<T = void>(
  method: Exclude<Method, 'GET'>,
  path: string,
  body?: unknown,
  headers?: Readonly<Record<string, string>>,
): Promise<T> {
  return request<T>(method, path, body, false, headers);
}

/** Sends a file's own bytes (a photo) as the body, under `contentType`, with the same CSRF and language handling. */
export function sendBody<T>(path: string, body: Blob, contentType: string): Promise<T> {
  return request<T>('POST', path, body, false, { 'Content-Type': contentType });
}

async function request<T>(
  method: Method,
  path: string,
  body?: unknown,
  isRetry = false,
  extraHeaders: Readonly<Record<string, string>> = {},
): Promise<T> {
  const raw = body instanceof Blob;
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': requestLanguage, ...extraHeaders };
  if (body !== undefined && !raw) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') {
    const token = await csrfToken(isRetry);
    if (token) headers['X-CSRF-Token'] = token;
  }
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : raw ? body : JSON.stringify(body),
  });
  if (!response.ok) {
    const error = await toApiError(response);
    // A token from a cached session can be stale (a new login in another tab): fetch it again, once.
    if (!isRetry && error.status === 403 && error.type.endsWith('/csrf')) return request<T>(method, path, body, true, extraHeaders);
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const contentType = response.headers.get('content-type') ?? '';
  return (contentType.includes('json') ? await response.json() : undefined) as T;
}

async function csrfToken(fresh: boolean): Promise<string | undefined> {
  const session = fresh
    ? await queryClient.fetchQuery({ ...sessionQuery, staleTime: 0 })
    : await queryClient.ensureQueryData(sessionQuery);
  return session.authenticated ? session.csrfToken : undefined;
}

async function toApiError(response: Response): Promise<ApiError> {
  const contentType = response.headers.get('content-type') ?? '';
  if (contentType.includes('json')) {
    try {
      const body: unknown = await response.json();
      const problem = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
      const detail = typeof problem.detail === 'string' ? problem.detail : undefined;
      return new ApiError(response.status, typeof problem.type === 'string' ? problem.type : 'about:blank', detail, problem);
    } catch {
      // A body that claims JSON but is not: fall through to a bare error.
    }
  }
  return new ApiError(response.status, 'about:blank', undefined);
}
