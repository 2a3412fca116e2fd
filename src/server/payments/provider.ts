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
