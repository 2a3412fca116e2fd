// The JSON logger (pino). National ID numbers, tokens and cookies are redacted wherever they appear as fields.
import pino, { type Logger } from 'pino';
import { currentCorrelationId } from './correlation.ts';

export const REDACT_PATHS = [
  'national_id',
  'nationalId',
  '*.national_id',
  '*.nationalId',
  '*.pid',
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'token',
  '*.token',
  'password',
  '*.password',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      // Every line written while a request or job runs carries its correlation id.
      mixin() {
        const correlationId = currentCorrelationId();
        return correlationId ? { correlationId } : {};
      },
      serializers: {
        // The path only: query strings may carry login codes and state.
        req: (req: { method: string; url: string; id: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    },
    destination,
  );
}
