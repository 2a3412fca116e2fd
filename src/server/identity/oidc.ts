// The OIDC relying party (authorization code + PKCE) used for every identity provider, the bundled test one included.
import * as client from 'openid-client';
import type { OidcClientConfig } from '../config.ts';

export interface LoginChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface VerifiedIdentity {
  pid: string;
  name: string | undefined;
  hprNumber: string | undefined;
}

export class OidcRelyingParty {
  readonly #cfg: OidcClientConfig;
  readonly #redirectUri: string;
  readonly #scope: string;
  #discovered: Promise<client.Configuration> | undefined;

  constructor(cfg: OidcClientConfig, publicUrl: string, scope: string) {
    this.#cfg = cfg;
    this.#redirectUri = `${publicUrl}/auth/callback`;
    this.#scope = scope;
  }

  /** Discovery happens on first use: the bundled provider is served by this very server. */
  #configuration(): Promise<client.Configuration> {
    this.#discovered ??= client
      .discovery(new URL(this.#cfg.issuer), this.#cfg.clientId, this.#cfg.clientSecret, client.ClientSecretPost(this.#cfg.clientSecret), {
        ...(this.#cfg.issuer.startsWith('http://') ? { execute: [client.allowInsecureRequests] } : {}),
      })
      .catch((err: unknown) => {
        this.#discovered = undefined;
        throw err;
      });
    return this.#discovered;
  }

  static newChecks(): LoginChecks {
    return { state: client.randomState(), nonce: client.randomNonce(), codeVerifier: client.randomPKCECodeVerifier() };
  }

  async authorizationUrl(checks: LoginChecks): Promise<URL> {
    const config = await this.#configuration();
    return client.buildAuthorizationUrl(config, {
      redirect_uri: this.#redirectUri,
      scope: this.#scope,
      state: checks.state,
      nonce: checks.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(checks.codeVerifier),
      code_challenge_method: 'S256',
      // Every login is a fresh strong authentication, as ID-porten and HelseID expect.
      prompt: 'login',
    });
  }

  /** Exchanges the code from the callback URL for a verified ID token and returns its identity claims. */
  async complete(callbackUrl: URL, checks: LoginChecks): Promise<VerifiedIdentity> {
    const config = await this.#configuration();
    const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: checks.codeVerifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    const pid = typeof claims?.pid === 'string' ? claims.pid : undefined;
    if (!pid) throw new Error('the ID token has no pid claim');
    return {
      pid,
      name: typeof claims?.name === 'string' ? claims.name : undefined,
      hprNumber: typeof claims?.hpr_number === 'string' ? claims.hpr_number : typeof claims?.hpr_number === 'number' ? String(claims.hpr_number) : undefined,
    };
  }
}
