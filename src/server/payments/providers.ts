// Picks the payment provider from config: the one place that knows every implementation.
import type { Db } from '../platform/db/database.ts';
import type { PaymentsConfig } from './config.ts';
import type { PaymentProvider } from './provider.ts';
import { CardSimulator } from './simulator/simulator.ts';
import { StripeProvider } from './stripe.ts';
import { VippsProvider } from './vipps.ts';

export function createPaymentProvider(config: PaymentsConfig, deps: { db: Db; publicUrl: string }): PaymentProvider {
  if (config.provider === 'stripe') {
    return new StripeProvider({ secretKey: config.stripeSecretKey!, apiBase: config.stripeApiBase, ...(config.stripeWebhookSecret ? { webhookSecret: config.stripeWebhookSecret } : {}) });
  }
  if (config.provider === 'vipps') return new VippsProvider(config.vipps!);
  return new CardSimulator(deps);
}
