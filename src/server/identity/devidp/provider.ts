// The bundled test identity provider (like ID-porten's TestID and a HelseID test login): a real OIDC provider
// (oidc-provider) that accepts any valid test national ID number. Never for production unless explicitly enabled.
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';

export interface DevIdpClient {
  clientId: string;
  clientSecret: string;
  kind: 'patient' | 'staff';
}

export interface TestIdentityClaims {
  pid: string;
  name?: string;
  hpr_number?: string;
}

export interface DevIdp {
  provider: Provider;
  issuer: string;
  clients: Record<'patient' | 'staff', DevIdpClient>;
  /** Registers who logged in and returns the account id (a stable pairwise subject, never the number itself). */
  remember(claims: TestIdentityClaims, kind: 'patient' | 'staff'): string;
}

/**
 * A client secret of the test provider derived from a shared seed (DEV_IDP_SECRET): in a cluster one instance runs the
 * provider and the others are its relying parties with OIDC_*_CLIENT_SECRET set to this (npm run cluster does).
 */
export function devIdpClientSecret(seed: string, kind: 'patient' | 'staff'): string {
  return createHash('sha256').update(`${seed}:${kind}`).digest('hex').slice(0, 48);
}

export function createDevIdp(publicUrl: string, seed?: string): DevIdp {
  const issuer = `${publicUrl}/dev-idp`;
  const salt = randomBytes(16).toString('hex');
  const accounts = new Map<string, TestIdentityClaims & { kind: 'patient' | 'staff' }>();
  const clients: DevIdp['clients'] = {
    patient: { clientId: 'nettlege-patient', clientSecret: seed ? devIdpClientSecret(seed, 'patient') : randomBytes(24).toString('hex'), kind: 'patient' },
    staff: { clientId: 'nettlege-staff', clientSecret: seed ? devIdpClientSecret(seed, 'staff') : randomBytes(24).toString('hex'), kind: 'staff' },
  };
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), use: 'sig', alg: 'RS256', kid: randomBytes(6).toString('hex') };

  const provider = new Provider(issuer, {
    clients: Object.values(clients).map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      redirect_uris: [`${publicUrl}/auth/callback`],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
    })),
    pkce: { required: () => true },
    scopes: ['openid', 'profile'],
    claims: { openid: ['sub', 'pid', 'hpr_number', 'name', 'acr', 'amr'] },
    jwks: { keys: [jwk as never] },
    cookies: {
      names: { session: 'devidp_session', interaction: 'devidp_interaction', resume: 'devidp_resume' },
      long: { path: '/dev-idp', httpOnly: true, sameSite: 'lax' },
      short: { path: '/dev-idp', httpOnly: true, sameSite: 'lax' },
      keys: [randomBytes(32).toString('hex')],
    },
    interactions: { url: (_ctx: KoaContextWithOIDC, interaction) => `/dev-idp/interaction/${interaction.uid}` },
    features: { devInteractions: { enabled: false } },
    ttl: { Session: 600, Interaction: 600, AuthorizationCode: 60, AccessToken: 300, IdToken: 300, Grant: 600 },
    async findAccount(_ctx, sub) {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        async claims() {
          return {
            sub,
            pid: account.pid,
            ...(account.name ? { name: account.name } : {}),
            ...(account.hpr_number ? { hpr_number: account.hpr_number } : {}),
            acr: account.kind === 'staff' ? 'helseid-test-high' : 'idporten-loa-high',
            amr: ['TestID'],
          };
        },
      };
    },
    // First-party test clients: consent is implied, as it is for ID-porten's own municipalities' services.
    async loadExistingGrant(ctx) {
      const accountId = ctx.oidc.session?.accountId;
      const clientId = ctx.oidc.client?.clientId;
      if (!accountId || !clientId) return undefined;
      const grant = new ctx.oidc.provider.Grant({ accountId, clientId });
      grant.addOIDCScope('openid profile');
      grant.addOIDCClaims(['pid', 'hpr_number', 'name']);
      await grant.save();
      return grant;
    },
    async renderError(ctx, out) {
      ctx.type = 'html';
      const text = Object.entries(out)
        .map(([k, v]) => `${k}: ${String(v)}`)
        .join('\n')
        .replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);
      ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test login error</title></head><body><main><h1>Test login error</h1><pre>${text}</pre><p><a href="/">Nettlege</a></p></main></body></html>`;
    },
  });
  provider.on('server_error', (_ctx: unknown, err: Error) => {
    process.emitWarning(`dev-idp server error: ${err.message}`);
  });

  return {
    provider,
    issuer,
    clients,
    remember(claims, kind) {
      const sub = createHash('sha256').update(`${salt}:${kind}:${claims.pid}:${claims.hpr_number ?? ''}`).digest('base64url').slice(0, 32);
      accounts.set(sub, { ...claims, kind });
      return sub;
    },
  };
}
