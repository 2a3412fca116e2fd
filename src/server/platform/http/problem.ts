// Every error leaves the server as application/problem+json (RFC 9457) with a stable type and a message in the user's language.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, STATUS, type ProblemKind } from './errors.ts';
import { message, pickLanguage, type Language, type MessageKey } from './messages.ts';

export const PROBLEM_BASE = 'https://nettlege.dev/problems/';

export function languageOf(request: FastifyRequest): Language {
  return pickLanguage(request.session?.language, request.headers['accept-language']);
}

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  kind: ProblemKind,
  key: MessageKey,
  params: Record<string, string | number> = {},
  extra: Record<string, unknown> = {},
): FastifyReply {
  const status = STATUS[kind];
  const lang = languageOf(request);
  return reply
    .code(status)
    .header('content-type', 'application/problem+json; charset=utf-8')
    .header('content-language', lang)
    .send({
      // The message key names the problem precisely (slot-taken, past-cutoff, …); clients may branch on it.
      type: PROBLEM_BASE + key.replace(/^problem\./, ''),
      title: message('en', key, params),
      status,
      detail: message(lang, key, params),
      instance: request.id,
      ...extra,
    });
}

function fromFastifyError(err: FastifyError): { kind: ProblemKind; key: MessageKey; params?: Record<string, string> } | undefined {
  if (err.validation) {
    const first = err.validation[0];
    const where = first?.instancePath ? `${err.validationContext ?? 'body'}${first.instancePath}` : (err.validationContext ?? 'body');
    const extra = first?.params && 'additionalProperty' in first.params ? ` (${String(first.params.additionalProperty)})` : '';
    return { kind: 'invalid', key: 'problem.invalid', params: { detail: `${where} ${first?.message ?? 'is invalid'}${extra}` } };
  }
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { kind: 'invalid', key: 'problem.invalid-json' };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { kind: 'payload-too-large', key: 'problem.payload-too-large' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { kind: 'unsupported-media-type', key: 'problem.unsupported-media-type' };
  }
  if (err instanceof SyntaxError) return { kind: 'invalid', key: 'problem.invalid-json' };
  if (err.statusCode === 429) return { kind: 'rate-limited', key: 'problem.rate-limited' };
  if (err.statusCode === 413) return { kind: 'payload-too-large', key: 'problem.payload-too-large' };
  if (err.statusCode === 415) return { kind: 'unsupported-media-type', key: 'problem.unsupported-media-type' };
  if (err.statusCode === 404) return { kind: 'not-found', key: 'problem.not-found' };
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    return { kind: 'invalid', key: 'problem.invalid', params: { detail: err.message } };
  }
  return undefined;
}

// Connection refused or reset; the server shutting down or starting; too many connections; connection failures; a
// statement cancelled by its timeout (57014) or a lock not had in time (55P03): the dependency is there but not now.
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', '57P01', '57P03', '53300', '08006', '08001', '57014', '55P03']);

export function registerProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof DomainError) return sendProblem(request, reply, err.kind, err.messageKey, err.params, err.extra);
    const known = fromFastifyError(err);
    if (known) return sendProblem(request, reply, known.kind, known.key, known.params ?? {});
    const code = (err as { code?: string }).code;
    if ((code && UNAVAILABLE_CODES.has(code)) || /timeout exceeded when trying to connect|Connection terminated/i.test(err.message)) {
      request.log.warn({ err: { message: err.message, code } }, 'dependency unavailable');
      return sendProblem(request, reply, 'unavailable', 'problem.unavailable');
    }
    request.log.error({ err: { message: err.message, code, stack: err.stack } }, 'unhandled error');
    return sendProblem(request, reply, 'internal', 'problem.internal');
  });
}
