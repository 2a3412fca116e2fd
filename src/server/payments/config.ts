// Payment settings from the environment: which provider, and Stripe's or Vipps MobilePay's keys and address. Read by
// the main config.

export interface VippsConfig {
  clientId: string;
  clientSecret: string;
  subscriptionKey: string;
  merchantSerialNumber: string;
  /** https://api.vipps.no, https://apitest.vipps.no, or a stand-in in tests. */
  apiBase: string;
  /** The webhook registration's secret: without it Vipps' webhooks are refused. */
  webhookSecret?: string;
}

export interface PaymentsConfig {
  provider: 'simulator' | 'stripe' | 'vipps';
  stripeSecretKey?: string;
  stripeApiBase: string;
  /** The signing secret of the webhook endpoint (whsec_…): without it Stripe's webhooks are refused. */
  stripeWebhookSecret?: string;
  /** Present when the provider is Vipps MobilePay. */
  vipps?: VippsConfig;
}

type Env = Record<string, string | undefined>;

const PROVIDERS = ['simulator', 'stripe', 'vipps'] as const;

const set = (env: Env, name: string) => (env[name] === undefined || env[name] === '' ? undefined : env[name]);

/** An http(s) address without its trailing slashes; `originOnly`: no path or query (a client that adds its own). */
function apiBase(env: Env, name: string, fallback: string, originOnly = false): string {
  const base = set(env, name) ?? fallback;
  let url: URL | undefined;
  try {
    url = new URL(base);
  } catch {
    url = undefined;
  }
  if (url?.protocol !== 'https:' && url?.protocol !== 'http:') throw new Error(`${name} must be an http(s) URL, got "${base}"`);
  if (originOnly && (url.pathname.replace(/\/+$/, '') !== '' || url.search !== '')) throw new Error(`${name} must be an address without a path, such as ${fallback}, got "${base}"`);
  return base.replace(/\/+$/, '');
}

/** VIPPS_CLIENT_ID, VIPPS_CLIENT_SECRET, VIPPS_SUBSCRIPTION_KEY, VIPPS_MERCHANT_SERIAL_NUMBER (required), VIPPS_API_BASE, VIPPS_WEBHOOK_SECRET. */
function readVippsConfig(env: Env): VippsConfig {
  const required = ['VIPPS_CLIENT_ID', 'VIPPS_CLIENT_SECRET', 'VIPPS_SUBSCRIPTION_KEY', 'VIPPS_MERCHANT_SERIAL_NUMBER'] as const;
  const missing = required.filter((name) => !set(env, name));
  if (missing.length) throw new Error(`PAYMENT_PROVIDER=vipps needs ${missing.join(', ')} (the sales unit's API keys from portal.vippsmobilepay.com)`);
  const msn = set(env, 'VIPPS_MERCHANT_SERIAL_NUMBER')!;
  if (!/^[0-9]{4,7}$/.test(msn)) throw new Error(`VIPPS_MERCHANT_SERIAL_NUMBER must be the sales unit's number (4 to 7 digits), got "${msn}"`);
  const webhookSecret = set(env, 'VIPPS_WEBHOOK_SECRET');
  return {
    clientId: set(env, 'VIPPS_CLIENT_ID')!,
    clientSecret: set(env, 'VIPPS_CLIENT_SECRET')!,
    subscriptionKey: set(env, 'VIPPS_SUBSCRIPTION_KEY')!,
    merchantSerialNumber: msn,
    apiBase: apiBase(env, 'VIPPS_API_BASE', 'https://api.vipps.no'),
    ...(webhookSecret ? { webhookSecret } : {}),
  };
}

/**
 * PAYMENT_PROVIDER (default: stripe when STRIPE_SECRET_KEY is set, else simulator), STRIPE_SECRET_KEY, STRIPE_API_BASE,
 * STRIPE_WEBHOOK_SECRET, and the VIPPS_* settings (read with PAYMENT_PROVIDER=vipps).
 */
export function readPaymentsConfig(env: Env): PaymentsConfig {
  const secret = set(env, 'STRIPE_SECRET_KEY');
  const chosen = set(env, 'PAYMENT_PROVIDER') ?? (secret ? 'stripe' : 'simulator');
  const provider = PROVIDERS.find((p) => p === chosen);
  if (!provider) throw new Error(`PAYMENT_PROVIDER must be simulator, stripe or vipps, got "${chosen}"`);
  if (provider === 'stripe' && !secret) throw new Error('PAYMENT_PROVIDER=stripe needs STRIPE_SECRET_KEY');
  if (secret && !/^(sk|rk)_(test|live)_[A-Za-z0-9]+$/.test(secret)) {
    throw new Error('STRIPE_SECRET_KEY must be a Stripe secret or restricted key (sk_test_…, sk_live_…, rk_test_…, rk_live_…)');
  }
  // Stripe's client adds /v1/ itself.
  const stripeApiBase = apiBase(env, 'STRIPE_API_BASE', 'https://api.stripe.com', true);
  const webhookSecret = set(env, 'STRIPE_WEBHOOK_SECRET');
  if (webhookSecret && !/^whsec_[A-Za-z0-9]+$/.test(webhookSecret)) throw new Error('STRIPE_WEBHOOK_SECRET must be a webhook signing secret (whsec_…)');
  return {
    provider,
    ...(secret ? { stripeSecretKey: secret } : {}),
    stripeApiBase,
    ...(webhookSecret ? { stripeWebhookSecret: webhookSecret } : {}),
    ...(provider === 'vipps' ? { vipps: readVippsConfig(env) } : {}),
  };
}
