// Payment settings from the environment: which provider, and Stripe's key and address. Read by the main config.

export interface PaymentsConfig {
  provider: 'simulator' | 'stripe';
  stripeSecretKey?: string;
  stripeApiBase: string;
}

type Env = Record<string, string | undefined>;

const set = (env: Env, name: string) => (env[name] === undefined || env[name] === '' ? undefined : env[name]);

/** PAYMENT_PROVIDER (default: stripe when STRIPE_SECRET_KEY is set, else simulator), STRIPE_SECRET_KEY, STRIPE_API_BASE. */
export function readPaymentsConfig(env: Env): PaymentsConfig {
  const secret = set(env, 'STRIPE_SECRET_KEY');
  const chosen = set(env, 'PAYMENT_PROVIDER') ?? (secret ? 'stripe' : 'simulator');
  if (chosen !== 'simulator' && chosen !== 'stripe') throw new Error(`PAYMENT_PROVIDER must be simulator or stripe, got "${chosen}"`);
  if (chosen === 'stripe' && !secret) throw new Error('PAYMENT_PROVIDER=stripe needs STRIPE_SECRET_KEY');
  if (secret && !/^(sk|rk)_(test|live)_[A-Za-z0-9]+$/.test(secret)) {
    throw new Error('STRIPE_SECRET_KEY must be a Stripe secret or restricted key (sk_test_…, sk_live_…, rk_test_…, rk_live_…)');
  }
  const base = set(env, 'STRIPE_API_BASE') ?? 'https://api.stripe.com';
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new Error(`STRIPE_API_BASE must be an http(s) URL, got "${base}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`STRIPE_API_BASE must be an http(s) URL, got "${base}"`);
  return { provider: chosen, ...(secret ? { stripeSecretKey: secret } : {}), stripeApiBase: base.replace(/\/+$/, '') };
}
