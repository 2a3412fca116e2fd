// Payment settings: the simulator unless Stripe or Vipps MobilePay is configured, and clear refusals of what cannot work.
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
    expect(() => readPaymentsConfig({ PAYMENT_PROVIDER: 'klarna' })).toThrow(/PAYMENT_PROVIDER must be simulator, stripe or vipps/);
    expect(() => readPaymentsConfig({ PAYMENT_PROVIDER: 'stripe' })).toThrow(/STRIPE_SECRET_KEY/);
    expect(() => readPaymentsConfig({ STRIPE_SECRET_KEY: 'pk_test_publishable' })).toThrow(/STRIPE_SECRET_KEY/);
    expect(() => readPaymentsConfig({ STRIPE_API_BASE: 'not a url' })).toThrow(/STRIPE_API_BASE/);
    expect(() => readPaymentsConfig({ STRIPE_API_BASE: 'ftp://stripe.example' })).toThrow(/STRIPE_API_BASE/);
    // Stripe's client adds /v1/ itself: a path would be dropped or doubled.
    expect(() => readPaymentsConfig({ STRIPE_API_BASE: 'https://proxy.example/stripe' })).toThrow(/STRIPE_API_BASE must be an address without a path/);
  });

  describe('Vipps MobilePay', () => {
    const keys = { VIPPS_CLIENT_ID: 'client-id', VIPPS_CLIENT_SECRET: 'client-secret', VIPPS_SUBSCRIPTION_KEY: 'subscription-key', VIPPS_MERCHANT_SERIAL_NUMBER: '123456' };

    it("is chosen by name, with the sales unit's four keys, on Vipps' production address unless told otherwise", () => {
      expect(readPaymentsConfig({ PAYMENT_PROVIDER: 'vipps', ...keys })).toEqual({
        provider: 'vipps',
        stripeApiBase: 'https://api.stripe.com',
        vipps: { clientId: 'client-id', clientSecret: 'client-secret', subscriptionKey: 'subscription-key', merchantSerialNumber: '123456', apiBase: 'https://api.vipps.no' },
      });
      const test = readPaymentsConfig({ PAYMENT_PROVIDER: 'vipps', ...keys, VIPPS_API_BASE: 'https://apitest.vipps.no/', VIPPS_WEBHOOK_SECRET: 'hook-secret' });
      expect(test.vipps).toMatchObject({ apiBase: 'https://apitest.vipps.no', webhookSecret: 'hook-secret' });
    });

    it('keys set without PAYMENT_PROVIDER=vipps change nothing, and Stripe still works beside them', () => {
      expect(readPaymentsConfig(keys)).toEqual({ provider: 'simulator', stripeApiBase: 'https://api.stripe.com' });
      expect(readPaymentsConfig({ ...keys, STRIPE_SECRET_KEY: 'sk_test_abc123' }).provider).toBe('stripe');
    });

    it('refuses what cannot work, naming every missing or wrong variable', () => {
      expect(() => readPaymentsConfig({ PAYMENT_PROVIDER: 'vipps' })).toThrow('PAYMENT_PROVIDER=vipps needs VIPPS_CLIENT_ID, VIPPS_CLIENT_SECRET, VIPPS_SUBSCRIPTION_KEY, VIPPS_MERCHANT_SERIAL_NUMBER');
      expect(() => readPaymentsConfig({ PAYMENT_PROVIDER: 'vipps', ...keys, VIPPS_CLIENT_SECRET: '' })).toThrow(/needs VIPPS_CLIENT_SECRET \(/);
      expect(() => readPaymentsConfig({ PAYMENT_PROVIDER: 'vipps', ...keys, VIPPS_MERCHANT_SERIAL_NUMBER: 'MSN-1' })).toThrow(/VIPPS_MERCHANT_SERIAL_NUMBER must be/);
      expect(() => readPaymentsConfig({ PAYMENT_PROVIDER: 'vipps', ...keys, VIPPS_API_BASE: 'apitest.vipps.no' })).toThrow(/VIPPS_API_BASE must be an http\(s\) URL/);
    });
  });
});
