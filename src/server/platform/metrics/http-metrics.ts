// Request rate, latency and errors per route, measured where Fastify answers.
import type { FastifyInstance } from 'fastify';
import { Counter, Histogram, type Registry } from 'prom-client';

/** Seconds; dense below 250 ms, where the service's own bar lies. */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.175, 0.25, 0.5, 1, 2.5, 5, 15];

export function registerHttpMetrics(app: FastifyInstance, registry: Registry): void {
  const labelNames = ['method', 'route', 'status'] as const;
  const requests = new Counter({ name: 'nettlege_http_requests_total', help: 'HTTP requests answered, by route template and status', labelNames, registers: [registry] });
  const duration = new Histogram({ name: 'nettlege_http_request_duration_seconds', help: 'Time to answer an HTTP request, by route template', labelNames: ['method', 'route'] as const, buckets: BUCKETS, registers: [registry] });
  const errors = new Counter({ name: 'nettlege_http_server_errors_total', help: 'Answers with a 5xx status (the service failed, not the caller)', labelNames: ['method', 'route'] as const, registers: [registry] });
  app.addHook('onResponse', async (request, reply) => {
    // The route's template, never the URL: ids would make a series per patient.
    const route = request.routeOptions.url ?? 'unmatched';
    if (route === '/metrics') return;
    const method = request.method;
    requests.inc({ method, route, status: String(reply.statusCode) });
    duration.observe({ method, route }, reply.elapsedTime / 1000);
    if (reply.statusCode >= 500) errors.inc({ method, route });
  });
}
