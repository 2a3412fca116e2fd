// OpenTelemetry (issue 12): with OTEL_EXPORTER_OTLP_ENDPOINT set, the server sends its spans over OTLP/HTTP to a
// collector — here a real HTTP receiver on loopback that takes what the exporter posts to /v1/traces. A request continues
// the caller's trace (`traceparent`), and a job it enqueues runs in a span of that same trace, carrying the same
// correlation id; no span names a URL with ids in it.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, startTestServer, type TestServer } from './server.ts';
import { demoClinicId, demoPerson } from './people.ts';
import { bookFirstFree } from '../src/server/booking/test-booking.ts';

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: Array<{ key: string; value: { stringValue?: string; intValue?: string | number } }>;
}

const attr = (s: OtlpSpan, key: string) => {
  const v = s.attributes.find((a) => a.key === key)?.value;
  return v?.stringValue ?? (v?.intValue !== undefined ? Number(v.intValue) : undefined);
};

describe('traces over OTLP', () => {
  let collector: Server;
  let server: TestServer;
  const spans: OtlpSpan[] = [];
  const contentTypes = new Set<string>();

  beforeAll(async () => {
    collector = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        contentTypes.add(String(req.headers['content-type']));
        if (req.url === '/v1/traces') {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { resourceSpans: Array<{ scopeSpans: Array<{ spans: OtlpSpan[] }> }> };
          for (const rs of body.resourceSpans) for (const ss of rs.scopeSpans) spans.push(...ss.spans);
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((r) => collector.listen(0, '127.0.0.1', r));
    const port = (collector.address() as { port: number }).port;
    server = await startTestServer({ OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`, OTEL_BSP_SCHEDULE_DELAY: '200', OTEL_SERVICE_NAME: 'nettlege-test' });
  });
  afterAll(async () => {
    await server?.stop();
    await new Promise<void>((r) => collector.close(() => r()));
  });

  it('a request continues the caller\'s trace, and the job it enqueues runs in that trace with the same correlation id', { timeout: 60_000 }, async () => {
    const kari = new Browser(server.url);
    await kari.login((await demoPerson(server.database.owner, 'Kari Nordmann')).nationalId);
    const clinic = await demoClinicId(server.database.owner, 'Fjordbyen legekontor');
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const callerSpan = '00f067aa0ba902b7';
    kari.fetch = ((orig) => (path: string, init: Parameters<Browser['fetch']>[1] = {}) =>
      orig(path, { ...init, headers: { ...(init.headers as Record<string, string> | undefined), traceparent: `00-${traceId}-${callerSpan}-01` } }))(kari.fetch.bind(kari));
    await bookFirstFree(kari, clinic, 'video', 6);

    // The booking request's span, and the confirmation notice's send job in the same trace.
    let booking: OtlpSpan | undefined;
    let job: OtlpSpan | undefined;
    for (const t0 = Date.now(); Date.now() - t0 < 20_000 && !(booking && job); ) {
      booking = spans.find((s) => s.traceId === traceId && s.name === 'POST /api/appointments' && attr(s, 'http.response.status_code') === 201);
      job = spans.find((s) => s.traceId === traceId && s.name === 'job notification.send');
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(booking, 'the booking request\'s span').toBeDefined();
    expect(booking!.parentSpanId).toBe(callerSpan);
    expect(attr(booking!, 'http.route')).toBe('/api/appointments');
    expect(job, 'the send job\'s span').toBeDefined();
    expect(attr(job!, 'nettlege.correlation_id')).toBe(attr(booking!, 'nettlege.correlation_id'));
    expect(contentTypes.has('application/json')).toBe(true);
    // Route templates only: no span is named after a URL with an id in it.
    expect(spans.filter((s) => /[0-9a-f]{8}-[0-9a-f]{4}-/.test(s.name))).toEqual([]);
  });
});
