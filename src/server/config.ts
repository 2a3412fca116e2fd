// The one place that reads process.env: every setting, its default, and its validation.
import path from 'node:path';
import { readFilesConfig, type FilesConfig } from './files/config.ts';
import { readPaymentsConfig, type PaymentsConfig } from './payments/config.ts';
import { readVideoConfig, type VideoConfig } from './video/config.ts';
import type { TracingConfig } from './platform/tracing.ts';

export interface OidcClientConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

export interface Config {
  nodeEnv: string;
  host: string;
  port: number;
  publicUrl: string;
  logLevel: string;
  dataDir: string;
  databaseUrl: string | undefined;
  embeddedPgPort: number;
  redisUrl: string | undefined;
  /** Prefix of every Redis key and channel, so installations (or test runs) can share one Redis. */
  redisPrefix: string;
  seedDemo: boolean;
  /** Patients' e-ID (ID-porten, a BankID broker). Unset: the bundled test provider. */
  patientOidc: OidcClientConfig | undefined;
  /** Staff identity (HelseID). Unset: the bundled test provider. */
  staffOidc: OidcClientConfig | undefined;
  devIdpEnabled: boolean;
  /** Makes the test provider's client secrets derivable, so other instances of a cluster can log in through it. */
  devIdpSecret: string | undefined;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  rateLimitPerMinute: number;
  loginRateLimitPerMinute: number;
  bodyLimitBytes: number;
  smppUrl: string | undefined;
  smppSystemId: string;
  smppPassword: string;
  smsSender: string;
  smsHttpUrl: string | undefined;
  smsHttpToken: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  devOutbox: boolean;
  /** The bearer token of GET /metrics (Prometheus); unset: /metrics answers 404. */
  metricsToken: string | undefined;
  /** OpenTelemetry traces over OTLP/HTTP; unset (no OTEL_EXPORTER_OTLP_ENDPOINT): no tracing. */
  tracing: TracingConfig | undefined;
  /** Where photos and attachments are kept: local disk (DATA_DIR/files) or an S3-compatible store. */
  files: FilesConfig;
  /** The card payment provider: the bundled card simulator, Stripe or Vipps MobilePay. */
  payments: PaymentsConfig;
  /** Video consultations: the join-link secret, STUN and TURN (coturn's shared-secret credentials). */
  video: VideoConfig;
}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new Error(`${name} must be true or false, got "${raw}"`);
}

function str(env: Env, name: string): string | undefined {
  const raw = env[name];
  return raw === undefined || raw === '' ? undefined : raw;
}

function oidc(env: Env, prefix: string): OidcClientConfig | undefined {
  const issuer = str(env, `${prefix}_ISSUER`);
  if (!issuer) return undefined;
  const clientId = str(env, `${prefix}_CLIENT_ID`);
  const clientSecret = str(env, `${prefix}_CLIENT_SECRET`);
  if (!clientId || !clientSecret) throw new Error(`${prefix}_CLIENT_ID and ${prefix}_CLIENT_SECRET are required with ${prefix}_ISSUER`);
  return { issuer: issuer.replace(/\/$/, ''), clientId, clientSecret };
}

export function loadConfig(env: Env = process.env): Config {
  const nodeEnv = env.NODE_ENV ?? 'development';
  const port = int(env, 'PORT', 3000);
  const publicUrl = (str(env, 'PUBLIC_URL') ?? `http://localhost:${port}`).replace(/\/$/, '');
  const patientOidc = oidc(env, 'OIDC');
  const staffOidc = oidc(env, 'STAFF_OIDC');
  const otlpEndpoint = str(env, 'OTEL_EXPORTER_OTLP_ENDPOINT');
  const devIdpWanted = !patientOidc || !staffOidc;
  const devIdpEnabled = bool(env, 'DEV_IDP_ENABLED', devIdpWanted && nodeEnv !== 'production');
  if (devIdpWanted && !devIdpEnabled) {
    throw new Error(
      nodeEnv === 'production'
        ? 'No OIDC provider is configured and the test identity provider is off in production: set OIDC_* and STAFF_OIDC_*, or DEV_IDP_ENABLED=true for a test installation'
        : 'No OIDC provider is configured and DEV_IDP_ENABLED=false: set OIDC_* and STAFF_OIDC_*',
    );
  }
  const smppUrl = str(env, 'SMPP_URL');
  const smsHttpUrl = str(env, 'SMS_HTTP_URL');
  const smtpUrl = str(env, 'SMTP_URL');
  const dataDir = path.resolve(str(env, 'DATA_DIR') ?? 'data');
  const payments = readPaymentsConfig(env);
  if (payments.provider === 'simulator' && nodeEnv === 'production' && !bool(env, 'ALLOW_CARD_SIMULATOR', false)) {
    throw new Error('The card simulator takes no real money: in production set STRIPE_SECRET_KEY (Stripe) or PAYMENT_PROVIDER=vipps with the VIPPS_ settings, or ALLOW_CARD_SIMULATOR=true for a test installation');
  }
  return {
    nodeEnv,
    host: str(env, 'HOST') ?? 'localhost',
    port,
    publicUrl,
    logLevel: str(env, 'LOG_LEVEL') ?? (nodeEnv === 'test' ? 'warn' : 'info'),
    dataDir,
    databaseUrl: str(env, 'DATABASE_URL'),
    embeddedPgPort: int(env, 'EMBEDDED_PG_PORT', 54329),
    redisUrl: str(env, 'REDIS_URL'),
    redisPrefix: str(env, 'REDIS_PREFIX') ?? 'nettlege:',
    seedDemo: bool(env, 'SEED_DEMO', true),
    patientOidc,
    staffOidc,
    devIdpEnabled,
    devIdpSecret: str(env, 'DEV_IDP_SECRET'),
    sessionIdleMinutes: int(env, 'SESSION_IDLE_MINUTES', 30),
    sessionAbsoluteHours: int(env, 'SESSION_ABSOLUTE_HOURS', 12),
    rateLimitPerMinute: int(env, 'RATE_LIMIT_PER_MINUTE', 600),
    loginRateLimitPerMinute: int(env, 'LOGIN_RATE_LIMIT_PER_MINUTE', 30),
    bodyLimitBytes: int(env, 'BODY_LIMIT_BYTES', 1024 * 1024),
    smppUrl,
    smppSystemId: str(env, 'SMPP_SYSTEM_ID') ?? 'nettlege',
    smppPassword: str(env, 'SMPP_PASSWORD') ?? '',
    smsSender: str(env, 'SMS_SENDER') ?? 'Nettlege',
    smsHttpUrl,
    smsHttpToken: str(env, 'SMS_HTTP_TOKEN'),
    smtpUrl,
    mailFrom: str(env, 'MAIL_FROM') ?? 'Nettlege <ikke-svar@nettlege.local>',
    devOutbox: bool(env, 'DEV_OUTBOX', nodeEnv !== 'production'),
    metricsToken: str(env, 'METRICS_TOKEN'),
    tracing: otlpEndpoint ? { endpoint: otlpEndpoint, serviceName: str(env, 'OTEL_SERVICE_NAME') ?? 'nettlege', flushMillis: int(env, 'OTEL_BSP_SCHEDULE_DELAY', 5000) } : undefined,
    files: readFilesConfig(env, dataDir),
    payments,
    video: readVideoConfig(env, dataDir),
  };
}
