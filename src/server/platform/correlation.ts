// One correlation id per request or job, carried through everything it causes: the logs (pino's mixin reads it),
// the jobs it enqueues (JobQueue stores it with the job) and the response's X-Request-Id header.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

const store = new AsyncLocalStorage<string>();

/** A load balancer's or caller's id is kept when it looks like one; anything else gets a fresh id. */
const ACCEPTABLE = /^[A-Za-z0-9._:-]{8,64}$/;

export function correlationIdFrom(header: string | string[] | undefined): string {
  return typeof header === 'string' && ACCEPTABLE.test(header) ? header : randomUUID();
}

export function currentCorrelationId(): string | undefined {
  return store.getStore();
}

export function withCorrelation<T>(id: string, work: () => T): T {
  return store.run(id, work);
}

/** For a hook that cannot wrap what follows (Fastify's onRequest): the rest of this async chain carries the id. */
export function enterCorrelation(id: string): void {
  store.enterWith(id);
}
