// The Stripe provider: a Checkout Session whose PaymentIntent is captured by hand (capture_method=manual), so the
// card is only reserved at checkout. Every POST carries an Idempotency-Key; Stripe replays the first answer to a repeat.
import type { CheckoutStatus, PayerLanguage } from './domain.ts';
import { ProviderError, type CheckoutRequest, type PaymentProvider } from './provider.ts';

export interface StripeOptions {
  secretKey: string;
  /** https://api.stripe.com, or a stand-in in tests. */
  apiBase: string;
  timeoutMs?: number;
}

interface StripeIntent {
  id: string;
  status: string;
}

export interface StripeSession {
  id: string;
  url: string | null;
  status: 'open' | 'complete' | 'expired';
  /** Expanded on GET; null until the payer has submitted the form. */
  payment_intent: StripeIntent | string | null;
}

/** Stripe's nested form encoding: {a: {b: [1]}} → a[b][0]=1. */
export function stripeForm(params: Record<string, unknown>): string {
  const out = new URLSearchParams();
  const add = (name: string, value: unknown): void => {
    if (value === undefined || value === null) return;
    if (Array.isArray(value)) value.forEach((v, i) => add(`${name}[${i}]`, v));
    else if (typeof value === 'object') for (const [k, v] of Object.entries(value)) add(name ? `${name}[${k}]` : k, v);
    else out.append(name, String(value));
  };
  add('', params);
  return out.toString();
}

/**
 * A session is complete once the card is authorised (manual capture); from then on its PaymentIntent tells the rest.
 * Stripe keeps a declined payer on its own page to try another card, so a decline shows here only as still pending.
 */
export function stripeStatus(s: StripeSession): CheckoutStatus {
  if (s.status === 'expired') return 'canceled';
  if (s.status === 'open') return 'pending';
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

export class StripeProvider implements PaymentProvider {
  readonly name = 'stripe';
  private readonly secretKey: string;
  private readonly apiBase: string;
  private readonly timeoutMs: number;

  constructor(o: StripeOptions) {
    this.secretKey = o.secretKey;
    this.apiBase = o.apiBase.replace(/\/+$/, '');
    this.timeoutMs = o.timeoutMs ?? 20_000;
  }

  private async request<T>(path: string, post?: { form: Record<string, unknown>; idempotencyKey: string }): Promise<T> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.secretKey}` };
    if (post) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      headers['idempotency-key'] = post.idempotencyKey;
    }
    let res: Response;
    try {
      res = await fetch(this.apiBase + path, {
        method: post ? 'POST' : 'GET',
        headers,
        ...(post ? { body: stripeForm(post.form) } : {}),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      throw new ProviderError(`stripe unreachable: ${(err as Error).message}`);
    }
    const body = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
    if (!res.ok) throw new ProviderError(`stripe ${res.status}: ${body.error?.message ?? res.statusText}`, res.status);
    return body as T;
  }

  private session(ref: string): Promise<StripeSession> {
    return this.request<StripeSession>(`/v1/checkout/sessions/${encodeURIComponent(ref)}?expand%5B%5D=payment_intent`);
  }

  private async intent(ref: string): Promise<StripeIntent> {
    const s = await this.session(ref);
    if (s.status !== 'complete' || !s.payment_intent || typeof s.payment_intent !== 'object') throw new ProviderError(`session ${ref} was never paid`, 400);
    return s.payment_intent;
  }

  async createCheckout(i: CheckoutRequest): Promise<{ providerRef: string; redirectUrl: string }> {
    const s = await this.request<StripeSession>('/v1/checkout/sessions', {
      idempotencyKey: i.idempotencyKey,
      form: {
        mode: 'payment',
        success_url: i.returnUrl,
        cancel_url: i.returnUrl,
        client_reference_id: i.paymentId,
        locale: stripeLocale(i.language),
        metadata: { payment_id: i.paymentId },
        line_items: [{ quantity: 1, price_data: { currency: i.currency.toLowerCase(), unit_amount: i.amountOre, product_data: { name: i.description } } }],
        payment_intent_data: { capture_method: 'manual', description: i.description, metadata: { payment_id: i.paymentId } },
      },
    });
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
      await this.request(`/v1/payment_intents/${encodeURIComponent(pi.id)}/capture`, { idempotencyKey, form: { amount_to_capture: amountOre } });
    } catch (err) {
      // Captured meanwhile under another key (an operator in Stripe's dashboard): the money is taken, which is the aim.
      if ((err as ProviderError).status === 400 && (await this.intent(providerRef)).status === 'succeeded') return;
      throw err;
    }
  }

  async refund(providerRef: string, amountOre: number, idempotencyKey: string): Promise<void> {
    const pi = await this.intent(providerRef);
    await this.request('/v1/refunds', { idempotencyKey, form: { payment_intent: pi.id, amount: amountOre } });
  }

  async release(providerRef: string, idempotencyKey: string): Promise<void> {
    const s = await this.session(providerRef);
    if (s.status === 'expired') return;
    if (s.status === 'open') {
      try {
        // A key of its own: Stripe ties a key to one endpoint, and the cancel below may still follow.
        await this.request(`/v1/checkout/sessions/${encodeURIComponent(s.id)}/expire`, { idempotencyKey: `${idempotencyKey}:expire`, form: {} });
        return;
      } catch (err) {
        // The payer completed it at this moment: fall through and cancel the reservation instead.
        if ((err as ProviderError).status !== 400) throw err;
      }
    }
    const pi = await this.intent(providerRef);
    if (pi.status === 'canceled') return;
    if (pi.status === 'succeeded') throw new ProviderError(`payment intent ${pi.id} is captured: it needs a refund, not a release`, 400);
    await this.request(`/v1/payment_intents/${encodeURIComponent(pi.id)}/cancel`, { idempotencyKey, form: {} });
  }
}
