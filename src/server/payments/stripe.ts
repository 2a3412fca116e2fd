// The Stripe provider on Stripe's own client (`stripe`): a Checkout Session whose PaymentIntent is captured by hand
// (capture_method=manual), so the card is only reserved at checkout. Every POST carries an idempotency key; Stripe
// replays the first answer to a repeat. Webhooks are read only once their signature holds.
import Stripe from 'stripe';
import type { CheckoutStatus, PayerLanguage } from './domain.ts';
import { ProviderError, WebhookRejected, type CheckoutRequest, type PaymentProvider, type WebhookEvent, type WebhookRequest } from './provider.ts';

export interface StripeOptions {
  secretKey: string;
  /** https://api.stripe.com, or a stand-in in tests: an origin only (the client adds /v1/ itself). */
  apiBase: string;
  timeoutMs?: number;
  /**
   * Retries of a request by the client itself, with the same idempotency key (default 1); a dropped connection is
   * always retried once. The jobs retry for longer.
   */
  maxNetworkRetries?: number;
  /** The webhook endpoint's signing secret (whsec_…); without it webhooks are refused. */
  webhookSecret?: string;
}

/** What stripeStatus reads of a Checkout Session (a Stripe.Checkout.Session with its payment intent expanded fits). */
export interface StripeSession {
  status: string | null;
  /** Expanded on reads; null until the payer has submitted the form. */
  payment_intent: string | { id: string; status: string } | null;
}

/**
 * A session is complete once the card is authorised (manual capture); from then on its PaymentIntent tells the rest.
 * Stripe keeps a declined payer on its own page to try another card, so a decline shows here only as still pending.
 */
export function stripeStatus(s: StripeSession): CheckoutStatus {
  if (s.status === 'expired') return 'canceled';
  if (s.status !== 'complete') return 'pending';
  const intent = typeof s.payment_intent === 'object' ? s.payment_intent : null;
  switch (intent?.status) {
    case 'requires_capture':
      return 'authorized';
    case 'succeeded':
      return 'captured';
    case 'canceled':
      return 'released';
    default:
      return 'pending';
  }
}

/** Stripe has no Nynorsk checkout: bokmål is the nearest. */
const stripeLocale = (l: PayerLanguage) => (l === 'nn' ? 'nb' : l);

/** Stripe's error (or a network failure) as ours, keeping the HTTP status the callers decide by. */
function providerError(err: unknown): ProviderError {
  if (err instanceof Stripe.errors.StripeError && err.statusCode !== undefined) return new ProviderError(`stripe ${err.statusCode}: ${err.message}`, err.statusCode);
  return new ProviderError(`stripe unreachable: ${(err as Error).message}`);
}

/** The client's connection settings from an address such as https://api.stripe.com or http://127.0.0.1:12111. */
function connection(apiBase: string): { host: string; port: number; protocol: 'http' | 'https' } {
  const url = new URL(apiBase);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`Stripe's API address must be http(s), got "${apiBase}"`);
  if (url.pathname.replace(/\/+$/, '') !== '' || url.search) throw new Error(`Stripe's API address must be an origin without a path, got "${apiBase}"`);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return { host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port: Number(url.port || (protocol === 'http' ? 80 : 443)), protocol };
}

export class StripeProvider implements PaymentProvider {
  readonly name = 'stripe';
  private readonly stripe: Stripe;
  private readonly webhookSecret: string | undefined;

  constructor(o: StripeOptions) {
    // The API version is the one this client release is pinned to (and typed for), sent on every request.
    this.stripe = new Stripe(o.secretKey, { ...connection(o.apiBase), timeout: o.timeoutMs ?? 20_000, maxNetworkRetries: o.maxNetworkRetries ?? 1, telemetry: false });
    this.webhookSecret = o.webhookSecret;
  }

  private async call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (err) {
      throw providerError(err);
    }
  }

  private session(ref: string): Promise<Stripe.Checkout.Session> {
    return this.call(() => this.stripe.checkout.sessions.retrieve(ref, { expand: ['payment_intent'] }));
  }

  private async intent(ref: string): Promise<Stripe.PaymentIntent> {
    const s = await this.session(ref);
    if (s.status !== 'complete' || !s.payment_intent || typeof s.payment_intent !== 'object') throw new ProviderError(`session ${ref} was never paid`, 400);
    return s.payment_intent;
  }

  async createCheckout(i: CheckoutRequest): Promise<{ providerRef: string; redirectUrl: string }> {
    const s = await this.call(() =>
      this.stripe.checkout.sessions.create(
        {
          mode: 'payment',
          success_url: i.returnUrl,
          cancel_url: i.returnUrl,
          client_reference_id: i.paymentId,
          locale: stripeLocale(i.language),
          metadata: { payment_id: i.paymentId },
          line_items: [{ quantity: 1, price_data: { currency: i.currency.toLowerCase(), unit_amount: i.amountOre, product_data: { name: i.description } } }],
          payment_intent_data: { capture_method: 'manual', description: i.description, metadata: { payment_id: i.paymentId } },
        },
        { idempotencyKey: i.idempotencyKey },
      ),
    );
    if (!s.url) throw new ProviderError(`stripe gave session ${s.id} no url`);
    return { providerRef: s.id, redirectUrl: s.url };
  }

  async status(providerRef: string): Promise<CheckoutStatus> {
    return stripeStatus(await this.session(providerRef));
  }

  async capture(providerRef: string, amountOre: number, idempotencyKey: string): Promise<void> {
    const pi = await this.intent(providerRef);
    if (pi.status === 'succeeded') return;
    try {
      await this.call(() => this.stripe.paymentIntents.capture(pi.id, { amount_to_capture: amountOre }, { idempotencyKey }));
    } catch (err) {
      // Captured meanwhile under another key (an operator in Stripe's dashboard): the money is taken, which is the aim.
      if ((err as ProviderError).status === 400 && (await this.intent(providerRef)).status === 'succeeded') return;
      throw err;
    }
  }

  async refund(providerRef: string, amountOre: number, idempotencyKey: string): Promise<void> {
    const pi = await this.intent(providerRef);
    await this.call(() => this.stripe.refunds.create({ payment_intent: pi.id, amount: amountOre }, { idempotencyKey }));
  }

  async release(providerRef: string, idempotencyKey: string): Promise<void> {
    const s = await this.session(providerRef);
    if (s.status === 'expired') return;
    if (s.status === 'open') {
      try {
        // A key of its own: Stripe ties a key to one endpoint, and the cancel below may still follow.
        await this.call(() => this.stripe.checkout.sessions.expire(s.id, {}, { idempotencyKey: `${idempotencyKey}:expire` }));
        return;
      } catch (err) {
        // The payer completed it at this moment: fall through and cancel the reservation instead.
        if ((err as ProviderError).status !== 400) throw err;
      }
    }
    const pi = await this.intent(providerRef);
    if (pi.status === 'canceled') return;
    if (pi.status === 'succeeded') throw new ProviderError(`payment intent ${pi.id} is captured: it needs a refund, not a release`, 400);
    await this.call(() => this.stripe.paymentIntents.cancel(pi.id, {}, { idempotencyKey }));
  }

  /**
   * Verifies the Stripe-Signature header over the exact bytes (HMAC with the endpoint's secret, at most five minutes
   * old) and names the session of a checkout event. The event's own copy of the session is not trusted further.
   */
  async webhook(request: WebhookRequest): Promise<WebhookEvent | null> {
    if (!this.webhookSecret) throw new WebhookRejected('no STRIPE_WEBHOOK_SECRET is set');
    const signature = request.headers['stripe-signature'];
    if (typeof signature !== 'string' || signature === '') throw new WebhookRejected('no Stripe-Signature header');
    let event: Stripe.Event;
    try {
      event = await this.stripe.webhooks.constructEventAsync(request.rawBody, signature, this.webhookSecret);
    } catch (err) {
      if (err instanceof Stripe.errors.StripeSignatureVerificationError) throw new WebhookRejected(err.message);
      throw new WebhookRejected(`unreadable event: ${(err as Error).message}`);
    }
    switch (event.type) {
      // The events that say a checkout moved; the payment is then read again from the API, never from the event.
      case 'checkout.session.completed':
      case 'checkout.session.expired':
      case 'checkout.session.async_payment_succeeded':
      case 'checkout.session.async_payment_failed':
        return { eventId: event.id, providerRef: event.data.object.id };
      default:
        return null;
    }
  }
}
