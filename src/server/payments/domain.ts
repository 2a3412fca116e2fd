// Payment rules, pure: the statuses a payment moves through, what each request does in each status, and input checks.

export const PAYMENT_STATUSES = [
  'created',
  'pending',
  'authorized',
  'declined',
  'canceled',
  'capture_requested',
  'captured',
  'release_requested',
  'released',
  'failed',
] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];
export type Currency = 'NOK' | 'SEK';
export type PayerLanguage = 'nb' | 'nn' | 'sv' | 'en';

/** What a provider says about a checkout. */
export type CheckoutStatus = 'pending' | 'authorized' | 'declined' | 'canceled' | 'captured' | 'released';

/** Ended without money reserved: the purpose may start a new attempt. */
export const ENDED_UNPAID: readonly PaymentStatus[] = ['declined', 'canceled', 'failed'];

/**
 * Where the provider's answer moves a pending payment; undefined: it stays pending. A checkout already captured
 * (by hand, at the provider) still means the payer paid; one released there was never ours to keep.
 */
export function afterCheckout(seen: CheckoutStatus): 'authorized' | 'declined' | 'canceled' | undefined {
  switch (seen) {
    case 'pending':
      return undefined;
    case 'authorized':
    case 'captured':
      return 'authorized';
    case 'declined':
      return 'declined';
    case 'canceled':
    case 'released':
      return 'canceled';
  }
}

/** What requestCapture does: ask the provider, nothing (asked before), or refuse. */
export function captureStep(status: PaymentStatus): 'request' | 'done' | 'refuse' {
  if (status === 'authorized') return 'request';
  if (status === 'capture_requested' || status === 'captured') return 'done';
  return 'refuse';
}

/**
 * What requestRelease does: release a reservation, cancel a checkout never paid (nothing reserved yet, but the
 * payer must not be able to pay it later), nothing (over already), or refuse (the money is being taken).
 */
export function releaseStep(status: PaymentStatus): 'request' | 'cancel' | 'done' | 'refuse' {
  switch (status) {
    case 'authorized':
      return 'request';
    case 'created':
    case 'pending':
      return 'cancel';
    case 'capture_requested':
    case 'captured':
      return 'refuse';
    default:
      return 'done';
  }
}

export const PURPOSE = /^[a-z][a-z0-9-]{1,39}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The largest amount one payment may reserve: 100 000 kr, far above any visit. */
export const MAX_AMOUNT_ORE = 10_000_000;

export interface BeginCheck {
  purpose: string;
  purposeId: string;
  amountOre: number;
  currency: string;
  description: string;
  returnPath: string;
}

/** Why a payment cannot begin, or undefined when it can. */
export function beginProblem(i: BeginCheck): string | undefined {
  if (!PURPOSE.test(i.purpose)) return 'purpose must be a short lower-case slug';
  if (!UUID.test(i.purposeId)) return 'purposeId must be a uuid';
  if (!Number.isInteger(i.amountOre) || i.amountOre <= 0 || i.amountOre > MAX_AMOUNT_ORE) return 'amountOre must be a positive whole number of øre';
  if (i.currency !== 'NOK' && i.currency !== 'SEK') return 'currency must be NOK or SEK';
  if (i.description.trim().length === 0 || i.description.length > 200) return 'description must be 1 to 200 characters';
  if (!/^\/(?![/\\])[^\s]*$/.test(i.returnPath) || i.returnPath.length > 500) return 'returnPath must be a path on this site';
  return undefined;
}

/** Where the provider sends the payer back: our own page, told which payment it is about. */
export function returnUrl(publicUrl: string, returnPath: string, paymentId: string): string {
  const url = new URL(returnPath, publicUrl + '/');
  url.searchParams.set('payment', paymentId);
  return url.toString();
}
