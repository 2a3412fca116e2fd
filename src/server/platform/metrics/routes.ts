// GET /metrics for Prometheus: only with the operator's bearer token (METRICS_TOKEN); off when none is set.
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { registerHttpMetrics } from './http-metrics.ts';
import { registerStateMetrics, type StateSources } from './state-metrics.ts';

export function registerMetrics(app: FastifyInstance, sources: StateSources): void {
  const registry = new Registry();
  // CPU, memory, event-loop lag and garbage collection of this process.
  collectDefaultMetrics({ register: registry, prefix: 'nettlege_' });
  registerHttpMetrics(app, registry);
  registerStateMetrics(registry, sources);
  app.get('/metrics', { config: { access: { kind: 'operator' } }, logLevel: 'warn', schema: { hide: true } }, async (_req, reply) => {
    const body = await registry.metrics();
    return reply.header('content-type', registry.contentType).header('cache-control', 'no-store').send(body);
  });
}
