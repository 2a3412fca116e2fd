// The few typed errors a use case may raise; http/problem.ts turns each into application/problem+json.
import type { MessageKey } from './messages.ts';

export type ProblemKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'gone'
  | 'csrf'
  | 'rate-limited'
  | 'payload-too-large'
  | 'unsupported-media-type'
  | 'unavailable'
  | 'internal';

export const STATUS: Record<ProblemKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  gone: 410,
  csrf: 403,
  'rate-limited': 429,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
  unavailable: 503,
  internal: 500,
};

export class DomainError extends Error {
  readonly kind: ProblemKind;
  readonly messageKey: MessageKey;
  readonly params: Record<string, string | number>;
  readonly extra: Record<string, unknown>;

  constructor(kind: ProblemKind, messageKey: MessageKey, params: Record<string, string | number> = {}, extra: Record<string, unknown> = {}) {
    super(messageKey);
    this.kind = kind;
    this.messageKey = messageKey;
    this.params = params;
    this.extra = extra;
  }
}

export const NotFound = (key: MessageKey = 'problem.not-found') => new DomainError('not-found', key);
export const Forbidden = (key: MessageKey = 'problem.forbidden') => new DomainError('forbidden', key);
export const Conflict = (key: MessageKey, params?: Record<string, string | number>) => new DomainError('conflict', key, params);
export const Invalid = (key: MessageKey, params?: Record<string, string | number>) => new DomainError('invalid', key, params);
export const Unauthenticated = () => new DomainError('unauthenticated', 'problem.unauthenticated');
