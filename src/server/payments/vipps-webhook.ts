// Vipps MobilePay's webhook signature: an HMAC-SHA256, keyed with the webhook registration's secret, over the method,
// path and query, the x-ms-date and Host headers and the body's SHA-256 (x-ms-content-sha256). Checked over the exact
// bytes received; a webhook older or newer than five minutes is refused, so a captured one cannot be replayed later.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { WebhookRejected, type WebhookEvent, type WebhookRequest } from './provider.ts';

/** How far x-ms-date may be from our clock, either way. */
export const WEBHOOK_MAX_SKEW_MS = 5 * 60 * 1000;

const AUTHORIZATION = /^HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=([A-Za-z0-9+/]+={0,2})$/;

/** The ePayment events (epayments.payment.*.v1): each says a payment moved, so it is looked at again. */
const PAYMENT_EVENTS = new Set(['CREATED', 'ABORTED', 'EXPIRED', 'CANCELLED', 'CAPTURED', 'REFUNDED', 'AUTHORIZED', 'TERMINATED']);

function header(headers: WebhookRequest['headers'], name: string): string {
  const value = headers[name];
  if (typeof value !== 'string' || value === '') throw new WebhookRejected(`${name} header missing`);
  return value;
}

/** Compares two strings in time that does not depend on where they differ. */
function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Throws WebhookRejected unless the request carries a valid, fresh signature made with `secret`. */
export function verifyVippsSignature(req: WebhookRequest, secret: string, now: number): void {
  const date = header(req.headers, 'x-ms-date');
  const contentHash = header(req.headers, 'x-ms-content-sha256');
  const match = AUTHORIZATION.exec(header(req.headers, 'authorization'));
  if (!match) throw new WebhookRejected('authorization is not an HMAC-SHA256 signature over x-ms-date;host;x-ms-content-sha256');
  if (!same(createHash('sha256').update(req.rawBody).digest('base64'), contentHash)) throw new WebhookRejected('x-ms-content-sha256 does not match the body');
  const sentAt = Date.parse(date);
  if (Number.isNaN(sentAt)) throw new WebhookRejected('x-ms-date is not a date');
  if (Math.abs(now - sentAt) > WEBHOOK_MAX_SKEW_MS) throw new WebhookRejected('x-ms-date is more than five minutes away');
  const signed = `POST\n${req.pathAndQuery}\n${date};${req.host};${contentHash}`;
  if (!same(createHmac('sha256', secret).update(signed).digest('base64'), match[1]!)) throw new WebhookRejected('signature does not match');
}

/**
 * Reads a verified webhook's body: a payment event of our sales unit names the payment (its reference, our payment
 * id); anything else (another API's event, another sales unit's payment) needs nothing from us.
 */
export function vippsWebhookEvent(rawBody: Buffer, merchantSerialNumber: string): WebhookEvent | null {
  let body: unknown;
  try {
    body = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new WebhookRejected('body is not JSON');
  }
  if (typeof body !== 'object' || body === null) return null;
  const e = body as { msn?: unknown; reference?: unknown; pspReference?: unknown; name?: unknown };
  if (typeof e.reference !== 'string' || typeof e.name !== 'string' || !PAYMENT_EVENTS.has(e.name)) return null;
  if (e.msn !== undefined && String(e.msn) !== merchantSerialNumber) return null;
  const eventId = typeof e.pspReference === 'string' && e.pspReference !== '' ? e.pspReference : `sha256:${createHash('sha256').update(rawBody).digest('base64url')}`;
  return { eventId, providerRef: e.reference };
}
