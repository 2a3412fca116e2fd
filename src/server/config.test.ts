// Configuration: defaults, validation, and the test identity provider's refusal to run in production.
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('configuration', () => {
  it('runs with no settings at all: port 3000, embedded database, test provider, dev outbox', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, publicUrl: 'http://localhost:3000', databaseUrl: undefined, devIdpEnabled: true, devOutbox: true, embeddedPgPort: 54329 });
    expect(c.embeddedPgPort).not.toBe(5432);
  });

  it('the test identity provider refuses to start in production unless explicitly enabled', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/test identity provider is off in production/);
    expect(loadConfig({ NODE_ENV: 'production', DEV_IDP_ENABLED: 'true', ALLOW_CARD_SIMULATOR: 'true' }).devIdpEnabled).toBe(true);
  });

  it('the card simulator refuses to stand in for real payments in production unless explicitly allowed', () => {
    const prod = { NODE_ENV: 'production', DEV_IDP_ENABLED: 'true' };
    expect(() => loadConfig(prod)).toThrow(/card simulator/);
    expect(loadConfig({ ...prod, ALLOW_CARD_SIMULATOR: 'true' }).payments.provider).toBe('simulator');
    expect(loadConfig({ ...prod, STRIPE_SECRET_KEY: 'sk_live_abc123' }).payments.provider).toBe('stripe');
    expect(loadConfig({}).payments.provider).toBe('simulator');
  });

  it('with real providers configured, the test provider is off', () => {
    const c = loadConfig({
      NODE_ENV: 'production',
      OIDC_ISSUER: 'https://idporten.example/',
      OIDC_CLIENT_ID: 'a',
      OIDC_CLIENT_SECRET: 'b',
      STAFF_OIDC_ISSUER: 'https://helseid.example',
      STAFF_OIDC_CLIENT_ID: 'c',
      STAFF_OIDC_CLIENT_SECRET: 'd',
      STRIPE_SECRET_KEY: 'sk_live_abc123',
    });
    expect(c.devIdpEnabled).toBe(false);
    expect(c.devOutbox).toBe(false);
    expect(c.patientOidc?.issuer).toBe('https://idporten.example');
  });

  it('refuses malformed values with the variable named', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT/);
    expect(() => loadConfig({ SEED_DEMO: 'maybe' })).toThrow(/SEED_DEMO/);
    expect(() => loadConfig({ OIDC_ISSUER: 'https://x' })).toThrow(/OIDC_CLIENT_ID/);
  });
});
