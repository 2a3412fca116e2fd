// The payment adapter: a hosted checkout (card data never reaches our API) with reserve, capture and release.
import type { CheckoutStatus, Currency, PayerLanguage } from './domain.ts';

export interface CheckoutRequest {
  paymentId: string;
  amountOre: number;
  currency: Currency;
  description: string;
  /** Where the provider sends the payer back, paid or not. */
  returnUrl: string;
  /** The same key again returns the same checkout. */
  idempotencyKey: string;
  language: PayerLanguage;
}

export interface PaymentProvider {
  readonly name: string;
  createCheckout(i: CheckoutRequest): Promise<{ providerRef: string; redirectUrl: string }>;
  status(providerRef: string): Promise<CheckoutStatus>;
  /** Takes the reserved amount. A repeat with the same key, or any capture of a captured checkout, succeeds doing nothing. */
  capture(providerRef: string, amountOre: number, idempotencyKey: string): Promise<void>;
  /** Gives the reservation back, or closes a checkout never paid. Releasing a released checkout succeeds doing nothing. */
  release(providerRef: string, idempotencyKey: string): Promise<void>;
  /** Gives back part or all of a captured amount. A repeat with the same key succeeds doing nothing. */
  refund(providerRef: string, amountOre: number, idempotencyKey: string): Promise<void>;
  /**
   * Reads a webhook the provider sent to POST /api/payments/webhooks/<name>: verifies its signature over the exact
   * bytes received and says which checkout it concerns (the payment is then looked at again with `status`), or null
   * for an event that needs nothing. Throws WebhookRejected when the signature or its age does not hold. A provider
   * without webhooks leaves it out (its route answers 404).
   */
  webhook?(request: WebhookRequest): Promise<WebhookEvent | null>;
}

/** A webhook as it arrived: the body's bytes untouched (signatures are over them), its headers, path and host. */
export interface WebhookRequest {
  rawBody: Buffer;
  headers: Record<string, string | string[] | undefined>;
  /** The path and query as requested, e.g. /api/payments/webhooks/vipps. */
  pathAndQuery: string;
  /** The Host header as sent. */
  host: string;
}

export interface WebhookEvent {
  /** The provider's own id of the event (logged; a repeat of it changes nothing). */
  eventId: string;
  /** The checkout the event is about. */
  providerRef: string;
}

/** The webhook's signature (or timestamp) did not hold: answered 400, nothing looked at. */
export class WebhookRejected extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookRejected';
  }
}

/** The provider refused or could not be reached; `status` is the HTTP status where there was one. */
export class ProviderError extends Error {
  readonly status: number | undefined;

  constructor(message: string, status?: number) {
    super(message);
    this.name = 'ProviderError';
    this.status = status;
  }
}
