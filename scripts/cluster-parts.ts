// The parts of a cluster on one machine, shared by `npm run cluster` and the cluster's tests: HAProxy's configuration,
// and each instance's settings (the first runs the test identity provider, the others log in through it).
import { devIdpClientSecret } from '../src/server/identity/devidp/provider.ts';
import { message } from '../src/server/platform/http/messages.ts';
import { PROBLEM_BASE } from '../src/server/platform/http/problem.ts';

/**
 * What HAProxy answers itself when no instance can (all failing /readyz while the database is down, a connection lost
 * with a killed instance, a timeout): the same 503 problem+json the instances give, never its own HTML page.
 */
function problemAnswers(): string[] {
  const body = (status: number) =>
    JSON.stringify({ type: `${PROBLEM_BASE}unavailable`, title: message('en', 'problem.unavailable'), status, detail: message('nb', 'problem.unavailable') });
  const quoted = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  return [502, 503, 504].map((status) => `  http-error status ${status} content-type "application/problem+json; charset=utf-8" hdr Content-Language nb string ${quoted(body(status))}`);
}

/** HAProxy's configuration: round robin over the instances by /readyz, /dev-idp to the first, WebSockets tunnelled. */
export function haproxyConfig(o: { port: number; instancePorts: readonly number[] }): string {
  const servers = o.instancePorts.map((p, k) => `  server instance-${k + 1} 127.0.0.1:${p} check inter 1s downinter 500ms fall 2 rise 1`);
  return [
    'global',
    '  maxconn 8000',
    'defaults',
    '  mode http',
    '  option http-server-close',
    '  timeout connect 5s',
    '  timeout client 60s',
    '  timeout server 60s',
    '  timeout tunnel 1h',
    '  retries 2',
    '  option redispatch',
    ...problemAnswers(),
    'frontend nettlege',
    `  bind 127.0.0.1:${o.port}`,
    '  acl idp path_beg /dev-idp',
    '  use_backend identity if idp',
    '  default_backend instances',
    'backend instances',
    '  balance roundrobin',
    '  option httpchk GET /readyz',
    '  http-check expect status 200',
    ...servers,
    'backend identity',
    `  server instance-1 127.0.0.1:${o.instancePorts[0]} check inter 1s`,
    '',
  ].join('\n');
}

/** Instance i's (1-based) settings: its port, the shared address, database, Redis and identity provider seed. */
export function instanceEnv(i: number, o: { port: number; publicUrl: string; databaseUrl: string; redisUrl?: string | undefined; seed: string }): Record<string, string> {
  const shared = { PORT: String(o.port), HOST: '127.0.0.1', PUBLIC_URL: o.publicUrl, DATABASE_URL: o.databaseUrl, ...(o.redisUrl ? { REDIS_URL: o.redisUrl } : {}) };
  if (i === 1) return { ...shared, DEV_IDP_ENABLED: 'true', DEV_IDP_SECRET: o.seed };
  return {
    ...shared,
    DEV_IDP_ENABLED: 'false',
    SEED_DEMO: 'false',
    OIDC_ISSUER: `${o.publicUrl}/dev-idp`,
    OIDC_CLIENT_ID: 'nettlege-patient',
    OIDC_CLIENT_SECRET: devIdpClientSecret(o.seed, 'patient'),
    STAFF_OIDC_ISSUER: `${o.publicUrl}/dev-idp`,
    STAFF_OIDC_CLIENT_ID: 'nettlege-staff',
    STAFF_OIDC_CLIENT_SECRET: devIdpClientSecret(o.seed, 'staff'),
  };
}
