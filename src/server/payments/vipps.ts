// The Vipps MobilePay provider (ePayment API v1): the payer approves in the Vipps app, which reserves the amount
// (state AUTHORIZED); we capture, cancel or refund against the aggregate amounts. Our payment id is Vipps' reference,
// and every POST carries an Idempotency-Key, for which Vipps replays the first answer.
import type { VippsConfig } from './config.ts';
import type { CheckoutStatus } from './domain.ts';
import { ProviderError, type CheckoutRequest, type PaymentProvider, type WebhookEvent, type WebhookRequest, WebhookRejected } from './provider.ts';
import { verifyVippsSignature, vippsWebhookEvent } from './vipps-webhook.ts';

/** The settings (config.ts), and what tests may change. */
export interface VippsOptions extends VippsConfig {
  timeoutMs?: number;
  /** The clock webhooks' dates are checked against (tests). */
  now?: () => number;
}

interface Amount {
  currency: string;
  value: number;
}

export interface VippsPayment {
  reference: string;
  state: 'CREATED' | 'ABORTED' | 'EXPIRED' | 'AUTHORIZED' | 'TERMINATED';
  amount: Amount;
  aggregate: { authorizedAmount: Amount; capturedAmount: Amount; cancelledAmount: Amount; refundedAmount: Amount };
  pspReference?: string;
  redirectUrl?: string;
}

/** Vipps' references (ours: the payment's uuid). */
export const VIPPS_REFERENCE = /^[a-zA-Z0-9-]{8,64}$/;
/** Currencies the ePayment API takes. */
const VIPPS_CURRENCIES = new Set(['NOK', 'DKK', 'EUR']);
/** A token is fetched anew this long before it expires (they live an hour in the test environment, a day in production). */
const TOKEN_MARGIN_MS = 5 * 60 * 1000;
/** Identifies this system to Vipps' support (Vipps-System-* headers, at most 30 characters each). */
const SYSTEM_HEADERS = { 'vipps-system-name': 'nettlege', 'vipps-system-version': '1', 'vipps-system-plugin-name': 'nettlege-payments', 'vipps-system-plugin-version': '1' };

/**
 * CREATED: not yet approved in the app. ABORTED (the payer said no), EXPIRED (never answered) and TERMINATED (we
 * cancelled it first) end it unpaid. An AUTHORIZED payment stays AUTHORIZED after capture or cancel: the aggregate
 * tells which. Vipps keeps a payer whose card fails in the app to try another, so a decline shows only as aborted.
 */
export function vippsStatus(p: VippsPayment): CheckoutStatus {
  switch (p.state) {
    case 'CREATED':
      return 'pending';
    case 'ABORTED':
    case 'EXPIRED':
    case 'TERMINATED':
      return 'canceled';
    case 'AUTHORIZED':
      if (p.aggregate.capturedAmount.value > 0) return 'captured';
      if (p.aggregate.cancelledAmount.value > 0) return 'released';
      return 'authorized';
    default:
      return 'pending';
  }
}

const error = (message: string, status?: number) => new ProviderError(`vipps: ${message}`, status);

export class VippsProvider implements PaymentProvider {
  readonly name = 'vipps';
  private readonly o: VippsOptions;
  private readonly apiBase: string;
  private readonly timeoutMs: number;
  private token: { value: string; renewAt: number } | undefined;
  private fetchingToken: Promise<string> | undefined;

  constructor(o: VippsOptions) {
    this.o = o;
    this.apiBase = o.apiBase.replace(/\/+$/, '');
    this.timeoutMs = o.timeoutMs ?? 20_000;
  }

  private async call(path: string, init: { method: string; headers: Record<string, string>; body?: string }): Promise<{ status: number; body: Record<string, unknown> }> {
    let res: Response;
    try {
      res = await fetch(this.apiBase + path, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (err) {
      throw error(`unreachable: ${(err as Error).message}`);
    }
    const text = await res.text().catch(() => '');
    let body: Record<string, unknown> = {};
    try {
      body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      /* an answer that is not JSON: only its status tells */
    }
    if (!res.ok) {
      // Problem details (RFC 7807): the title names the problem, the detail and extraDetails say more.
      const detail = [body.title, body.detail].filter((s) => typeof s === 'string' && s !== '').join(': ');
      throw error(`${res.status} ${detail || res.statusText}`, res.status);
    }
    return { status: res.status, body };
  }

  /** A bearer token from the Access Token API, kept until shortly before it expires; one fetch at a time. */
  private async accessToken(): Promise<string> {
    if (this.token && Date.now() < this.token.renewAt) return this.token.value;
    this.fetchingToken ??= (async () => {
      try {
        const { body } = await this.call('/accesstoken/get', {
          method: 'POST',
          headers: {
            client_id: this.o.clientId,
            client_secret: this.o.clientSecret,
            'ocp-apim-subscription-key': this.o.subscriptionKey,
            'merchant-serial-number': this.o.merchantSerialNumber,
            ...SYSTEM_HEADERS,
          },
        });
        const value = body.access_token;
        // Vipps sends expires_in as a string of seconds.
        const lifetimeMs = Number(body.expires_in) * 1000;
        if (typeof value !== 'string' || !value || !(lifetimeMs > 0)) throw error('the access token answer has no token or lifetime');
        this.token = { value, renewAt: Date.now() + Math.max(lifetimeMs - TOKEN_MARGIN_MS, lifetimeMs / 2) };
        return value;
      } finally {
        this.fetchingToken = undefined;
      }
    })();
    return this.fetchingToken;
  }

  /** An ePayment API call; a token refused (revoked, or expired early) is fetched again once. */
  private async request<T>(path: string, post?: { idempotencyKey: string; json?: unknown }): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const headers: Record<string, string> = {
        authorization: `Bearer ${await this.accessToken()}`,
        'ocp-apim-subscription-key': this.o.subscriptionKey,
        'merchant-serial-number': this.o.merchantSerialNumber,
        ...SYSTEM_HEADERS,
      };
      if (post) {
        headers['content-type'] = 'application/json';
        headers['idempotency-key'] = post.idempotencyKey;
      }
      try {
        const { body } = await this.call(path, { method: post ? 'POST' : 'GET', headers, ...(post ? { body: JSON.stringify(post.json ?? {}) } : {}) });
        return body as T;
      } catch (err) {
        if ((err as ProviderError).status !== 401 || attempt > 0) throw err;
        this.token = undefined;
      }
    }
  }

  private payment(reference: string): Promise<VippsPayment> {
    if (!VIPPS_REFERENCE.test(reference)) return Promise.reject(error(`"${reference}" is not a Vipps reference`, 400));
    return this.request<VippsPayment>(`/epayment/v1/payments/${reference}`);
  }

  private modify(reference: string, action: 'capture' | 'cancel' | 'refund', idempotencyKey: string, amount?: Amount): Promise<VippsPayment> {
    return this.request<VippsPayment>(`/epayment/v1/payments/${reference}/${action}`, { idempotencyKey, json: amount ? { modificationAmount: amount } : {} });
  }

  async createCheckout(i: CheckoutRequest): Promise<{ providerRef: string; redirectUrl: string }> {
    if (!VIPPS_CURRENCIES.has(i.currency)) throw error(`cannot take ${i.currency}`, 400);
    if (!VIPPS_REFERENCE.test(i.paymentId)) throw error(`payment id "${i.paymentId}" is not a Vipps reference`, 400);
    const made = await this.request<{ redirectUrl?: string; reference?: string }>('/epayment/v1/payments', {
      idempotencyKey: i.idempotencyKey,
      json: {
        amount: { currency: i.currency, value: i.amountOre },
        paymentMethod: { type: 'WALLET' },
        reference: i.paymentId,
        userFlow: 'WEB_REDIRECT',
        returnUrl: i.returnUrl,
        // Vipps takes 3 to 100 characters.
        paymentDescription: i.description.slice(0, 100).padEnd(3, '.'),
      },
    });
    if (!made.redirectUrl) throw error(`payment ${i.paymentId} was given no redirectUrl`);
    return { providerRef: made.reference ?? i.paymentId, redirectUrl: made.redirectUrl };
  }

  async status(providerRef: string): Promise<CheckoutStatus> {
    return vippsStatus(await this.payment(providerRef));
  }

  async capture(providerRef: string, amountOre: number, idempotencyKey: string): Promise<void> {
    const p = await this.payment(providerRef);
    if (p.aggregate.capturedAmount.value >= amountOre) return;
    if (p.state !== 'AUTHORIZED') throw error(`payment ${providerRef} was never approved (${p.state})`, 400);
    try {
      await this.modify(providerRef, 'capture', idempotencyKey, { currency: p.amount.currency, value: amountOre - p.aggregate.capturedAmount.value });
    } catch (err) {
      // Captured meanwhile under another key (an operator in Vipps' portal): the money is taken, which is the aim.
      if ((err as ProviderError).status === 400 && (await this.payment(providerRef)).aggregate.capturedAmount.value >= amountOre) return;
      throw err;
    }
  }

  async release(providerRef: string, idempotencyKey: string): Promise<void> {
    const p = await this.payment(providerRef);
    const a = p.aggregate;
    if (p.state === 'ABORTED' || p.state === 'EXPIRED' || p.state === 'TERMINATED') return;
    if (a.capturedAmount.value > 0) throw error(`payment ${providerRef} is captured: it needs a refund, not a release`, 400);
    if (p.state === 'AUTHORIZED' && a.cancelledAmount.value >= a.authorizedAmount.value) return;
    // A CREATED payment cancelled ends TERMINATED, so it cannot be approved later; an AUTHORIZED one gives the reservation back.
    await this.modify(providerRef, 'cancel', idempotencyKey);
  }

  async refund(providerRef: string, amountOre: number, idempotencyKey: string): Promise<void> {
    const p = await this.payment(providerRef);
    await this.modify(providerRef, 'refund', idempotencyKey, { currency: p.amount.currency, value: amountOre });
  }

  async webhook(request: WebhookRequest): Promise<WebhookEvent | null> {
    if (!this.o.webhookSecret) throw new WebhookRejected('no webhook secret is configured (VIPPS_WEBHOOK_SECRET)');
    verifyVippsSignature(request, this.o.webhookSecret, (this.o.now ?? Date.now)());
    return vippsWebhookEvent(request.rawBody, this.o.merchantSerialNumber);
  }
}
