// OpenTelemetry traces, when OTEL_EXPORTER_OTLP_ENDPOINT is set: a span per request (continuing the caller's
// `traceparent`) and per job (continuing the request that enqueued it), sent over OTLP/HTTP. Spans carry the route
// template, the status and the correlation id — never a URL with ids, a body, or anything about a patient.
import { context, propagation, SpanKind, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

export interface TracingConfig {
  /** OTEL_EXPORTER_OTLP_ENDPOINT: the collector's base URL; spans go to its /v1/traces. */
  endpoint: string;
  serviceName: string;
  /** OTEL_BSP_SCHEDULE_DELAY: how long spans are batched before sending, in ms. */
  flushMillis: number;
}

const tracer = () => trace.getTracer('nettlege');

/** Starts the exporter; returns its shutdown (which sends what is batched). */
export function startTracing(c: TracingConfig): () => Promise<void> {
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': c.serviceName }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: `${c.endpoint.replace(/\/$/, '')}/v1/traces` }), { scheduledDelayMillis: c.flushMillis })],
  });
  provider.register();
  return async () => {
    await provider.shutdown();
    trace.disable();
    propagation.disable();
    context.disable();
  };
}

/** A request's span, a child of the caller's trace when its headers carry one. */
export function startRequestSpan(headers: Record<string, string | string[] | undefined>, method: string, correlationId: string): { span: Span; ctx: Context } {
  const parent = propagation.extract(context.active(), headers);
  const span = tracer().startSpan(`${method}`, { kind: SpanKind.SERVER, attributes: { 'http.request.method': method, 'nettlege.correlation_id': correlationId } }, parent);
  return { span, ctx: trace.setSpan(parent, span) };
}

export function endRequestSpan(span: Span, method: string, route: string | undefined, status: number): void {
  span.updateName(`${method} ${route ?? 'unmatched'}`);
  span.setAttributes({ 'http.route': route ?? 'unmatched', 'http.response.status_code': status });
  if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
  span.end();
}

/** The current trace context, to be stored with a job enqueued now (empty when no trace is active). */
export function currentTraceCarrier(): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier;
}

/** Runs a job inside its own span, a child of the trace that enqueued it. */
export async function inJobSpan<T>(queue: string, carrier: Record<string, string> | undefined, correlationId: string, work: () => Promise<T>): Promise<T> {
  const parent = carrier ? propagation.extract(context.active(), carrier) : context.active();
  const span = tracer().startSpan(`job ${queue}`, { kind: SpanKind.CONSUMER, attributes: { 'nettlege.job.queue': queue, 'nettlege.correlation_id': correlationId } }, parent);
  try {
    return await context.with(trace.setSpan(parent, span), work);
  } catch (err) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message.slice(0, 200) });
    throw err;
  } finally {
    span.end();
  }
}
