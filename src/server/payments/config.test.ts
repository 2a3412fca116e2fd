// Payment settings: the simulator unless Stripe is configured, and clear refusals of what cannot work.
import { describe, expect, it } from 'vitest';
import { readPaymentsConfig } from './config.ts';

describe('payment settings', () => {
  it('with nothing set, the card simulator', () => {
    expect(readPaymentsConfig({})).toEqual({ provider: 'simulator', stripeApiBase: 'https://api.stripe.com' });
  });

  it('a Stripe key chooses Stripe, unless the simulator is asked for by name', () => {
    expect(readPaymentsConfig({ STRIPE_SECRET_KEY: 'sk_test_abc123' })).toEqual({ provider: 'stripe', stripeSecretKey: 'sk_test_abc123', stripeApiBase: 'https://api.stripe.com' });
    expect(readPaymentsConfig({ STRIPE_SECRET_KEY: 'sk_test_abc123', PAYMENT_PROVIDER: 'simulator' }).provider).toBe('simulator');
    expect(readPaymentsConfig({ STRIPE_SECRET_KEY: 'rk_live_abc', STRIPE_API_BASE: 'http://127.0.0.1:12111/' }).stripeApiBase).toBe('http://127.0.0.1:12111');
  });

  it('refuses values that cannot work, naming the variable', () => {
    expect(() => readPaymentsConfig({ PAYMENT_PROVIDER: 'vipps' })).toThrow(/PAYMENT_PROVIDER/);
    expect(() => readPaymentsConfig({ PAYMENT_PROVIDER: 'stripe' })).toThrow(/STRIPE_SECRET_KEY/);
    expect(() => readPaymentsConfig({ STRIPE_SECRET_KEY: 'pk_test_publishable' })).toThrow(/STRIPE_SECRET_KEY/);
    expect(() => readPaymentsConfig({ STRIPE_API_BASE: 'not a url' })).toThrow(/STRIPE_API_BASE/);
    expect(() => readPaymentsConfig({ STRIPE_API_BASE: 'ftp://stripe.example' })).toThrow(/STRIPE_API_BASE/);
  });
});
