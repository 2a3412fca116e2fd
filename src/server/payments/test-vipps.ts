// A stand-in for Vipps MobilePay's Access Token and ePayment APIs on loopback, for the Vipps provider's tests: the
// allowed exception to "test against the real thing". Vipps has no local counterpart (no emulator on npm, in Debian or
// from Vipps; its test environment apitest.vipps.no needs a merchant's keys and the Vipps test app on a phone), so this
// fake plays the calls the provider makes, keeps their state, replays Idempotency-Key answers as Vipps does, records
// every request, serves a landing page where the payer approves or refuses (or `approve()`, as the app would), and
// signs and sends webhooks with Vipps' HMAC scheme. Its signing code is its own, so it checks ours rather than echoes it.
import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const FAKE_VIPPS = {
  clientId: 'fake-client-id',
  clientSecret: 'fake-client-secret',
  subscriptionKey: 'fake-subscription-key',
  merchantSerialNumber: '123456',
  webhookSecret: 'fake-webhook-secret/AAAA+BBBB==',
};

/** The server's settings for this fake at `url`. */
export const fakeVippsEnv = (url: string): Record<string, string> => ({
  PAYMENT_PROVIDER: 'vipps',
  VIPPS_CLIENT_ID: FAKE_VIPPS.clientId,
  VIPPS_CLIENT_SECRET: FAKE_VIPPS.clientSecret,
  VIPPS_SUBSCRIPTION_KEY: FAKE_VIPPS.subscriptionKey,
  VIPPS_MERCHANT_SERIAL_NUMBER: FAKE_VIPPS.merchantSerialNumber,
  VIPPS_API_BASE: url,
  VIPPS_WEBHOOK_SECRET: FAKE_VIPPS.webhookSecret,
});

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  json: Record<string, any>;
  replayed: boolean;
}

interface Amount {
  currency: string;
  value: number;
}

export interface FakePayment {
  reference: string;
  pspReference: string;
  state: 'CREATED' | 'ABORTED' | 'EXPIRED' | 'AUTHORIZED' | 'TERMINATED';
  amount: Amount;
  authorized: number;
  captured: number;
  cancelled: number;
  refunded: number;
  returnUrl: string;
  token: string;
}

/** A webhook ready to be sent, which a test may alter first. */
export interface SignedWebhook {
  url: string;
  headers: Record<string, string>;
  body: string;
}

const problem = (status: number, title: string, detail = title): [number, unknown] => [status, { type: `https://httpstatuses.io/${status}`, title, detail, status, traceId: randomUUID() }];

export class FakeVipps {
  readonly requests: RecordedRequest[] = [];
  readonly payments = new Map<string, FakePayment>();
  /** Captures, cancels and refunds really made (replays and refusals excluded). */
  captures = 0;
  cancels = 0;
  refunds = 0;
  tokensIssued = 0;
  /** Seconds an access token lives (Vipps: an hour in its test environment, a day in production). */
  tokenLifetime = 3600;
  /** The next POST to this path is carried out but its answer is lost, as when a connection drops. */
  dropAnswerTo: string | undefined;
  private readonly tokens = new Map<string, number>();
  private readonly keys = new Map<string, { path: string; status: number; body: unknown }>();
  private readonly server: http.Server;
  url = '';

  constructor() {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => this.handle(req, res, Buffer.concat(chunks).toString()));
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The payer approves the payment in the app: the amount is reserved. */
  approve(reference: string): void {
    const p = this.payments.get(reference)!;
    if (p.state === 'CREATED') Object.assign(p, { state: 'AUTHORIZED', authorized: p.amount.value });
  }

  /** The payer refuses in the app (ABORTED), or never answers (EXPIRED). */
  end(reference: string, state: 'ABORTED' | 'EXPIRED'): void {
    const p = this.payments.get(reference)!;
    if (p.state === 'CREATED') p.state = state;
  }

  /** Every token issued stops working, as when the keys are rotated. */
  revokeTokens(): void {
    this.tokens.clear();
  }

  /** The webhook Vipps sends when a payment moves (epayments.payment.<name>.v1). */
  event(reference: string, name: string, over: Record<string, unknown> = {}): Record<string, unknown> {
    const p = this.payments.get(reference);
    return { msn: FAKE_VIPPS.merchantSerialNumber, reference, pspReference: p?.pspReference ?? '0', name, amount: p?.amount ?? { currency: 'NOK', value: 0 }, timestamp: new Date().toISOString(), idempotencyKey: null, success: true, ...over };
  }

  /** Signs `event` for `url` as Vipps does: HMAC-SHA256 over method, path and query, date, host and the body's hash. */
  sign(url: string, event: unknown, o: { secret?: string; date?: Date } = {}): SignedWebhook {
    const body = JSON.stringify(event);
    const target = new URL(url);
    const date = (o.date ?? new Date()).toUTCString();
    const hash = createHash('sha256').update(body, 'utf8').digest('base64');
    const signature = createHmac('sha256', o.secret ?? FAKE_VIPPS.webhookSecret)
      .update(['POST', target.pathname + target.search, `${date};${target.host};${hash}`].join('\n'))
      .digest('base64');
    const authorization = `HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=${signature}`;
    return { url, headers: { 'content-type': 'application/json', 'x-ms-date': date, 'x-ms-content-sha256': hash, authorization }, body };
  }

  /** Sends a signed webhook; the receiver's answer comes back. */
  send(w: SignedWebhook): Promise<Response> {
    return fetch(w.url, { method: 'POST', headers: w.headers, body: w.body, signal: AbortSignal.timeout(10_000) });
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse, raw: string): void {
    const url = new URL(req.url ?? '/', this.url);
    const method = req.method ?? 'GET';
    let json: Record<string, any> = {};
    try {
      json = raw && req.headers['content-type']?.startsWith('application/json') ? JSON.parse(raw) : {};
    } catch {
      json = {};
    }
    const record: RecordedRequest = { method, path: url.pathname, headers: req.headers, json, replayed: false };
    this.requests.push(record);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      if (method === 'POST' && this.dropAnswerTo === url.pathname) {
        this.dropAnswerTo = undefined;
        res.destroy();
        return;
      }
      const problemJson = status >= 400 ? 'application/problem+json' : 'application/json';
      if (typeof body === 'string') res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers }).end(body);
      else res.writeHead(status, { 'content-type': problemJson, ...headers }).end(JSON.stringify(body));
    };
    if (url.pathname === '/landing') return this.landing(method, url, raw, send);
    if (method === 'POST' && url.pathname === '/accesstoken/get') {
      const h = req.headers;
      if (h.client_id !== FAKE_VIPPS.clientId || h.client_secret !== FAKE_VIPPS.clientSecret || h['ocp-apim-subscription-key'] !== FAKE_VIPPS.subscriptionKey) {
        return send(...problem(401, 'Unauthorized', 'Invalid client credentials'));
      }
      const token = `fake.${randomBytes(12).toString('base64url')}`;
      const now = Math.floor(Date.now() / 1000);
      this.tokens.set(token, Date.now() + this.tokenLifetime * 1000);
      this.tokensIssued++;
      return send(200, { token_type: 'Bearer', expires_in: String(this.tokenLifetime), ext_expires_in: String(this.tokenLifetime), expires_on: String(now + this.tokenLifetime), not_before: String(now), resource: '00000002-0000-0000-c000-000000000000', access_token: token });
    }
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const expires = bearer ? this.tokens.get(bearer) : undefined;
    if (!expires || expires <= Date.now() || req.headers['ocp-apim-subscription-key'] !== FAKE_VIPPS.subscriptionKey) {
      return send(...problem(401, 'Unauthorized', 'Access token missing, invalid or expired'));
    }
    if (req.headers['merchant-serial-number'] !== FAKE_VIPPS.merchantSerialNumber) return send(...problem(403, 'Forbidden', 'Merchant-Serial-Number does not match the API keys'));
    const key = req.headers['idempotency-key'] as string | undefined;
    if (method === 'POST') {
      if (!key || key.length > 50) return send(...problem(400, 'Bad Request', 'Idempotency-Key is required, at most 50 characters'));
      const seen = this.keys.get(key);
      if (seen && seen.path !== url.pathname) return send(...problem(409, 'Conflict', 'The Idempotency-Key was used for another request'));
      if (seen) {
        record.replayed = true;
        return send(seen.status, seen.body);
      }
    }
    const [status, body] = this.route(method, url.pathname, json);
    // The answer to a key that did something is kept; a refusal may be tried again with the same key.
    if (method === 'POST' && key && status < 300) this.keys.set(key, { path: url.pathname, status, body });
    send(status, body);
  }

  private view(p: FakePayment) {
    const amount = (value: number) => ({ currency: p.amount.currency, value });
    const aggregate = { authorizedAmount: amount(p.authorized), cancelledAmount: amount(p.cancelled), capturedAmount: amount(p.captured), refundedAmount: amount(p.refunded) };
    return { reference: p.reference, pspReference: p.pspReference, state: p.state, amount: p.amount, aggregate, paymentMethod: { type: 'WALLET' }, profile: {}, redirectUrl: `${this.url}/landing?token=${p.token}` };
  }

  private route(method: string, path: string, json: Record<string, any>): [number, unknown] {
    if (method === 'POST' && path === '/epayment/v1/payments') {
      const { amount, reference, paymentMethod, userFlow, returnUrl, paymentDescription } = json;
      if (!Number.isInteger(amount?.value) || amount.value <= 0 || !['NOK', 'DKK', 'EUR'].includes(amount?.currency)) return problem(400, 'Bad Request', 'amount must be a positive whole number of minor units in NOK, DKK or EUR');
      if (typeof reference !== 'string' || !/^[a-zA-Z0-9-]{8,64}$/.test(reference)) return problem(400, 'Bad Request', "The field Reference must match the regular expression '^[a-zA-Z0-9-]{8,64}$'.");
      if (paymentMethod?.type !== 'WALLET' || userFlow !== 'WEB_REDIRECT' || typeof returnUrl !== 'string') return problem(400, 'Bad Request', 'WALLET with WEB_REDIRECT and a returnUrl');
      if (paymentDescription !== undefined && (typeof paymentDescription !== 'string' || paymentDescription.length < 3 || paymentDescription.length > 100)) return problem(400, 'Bad Request', 'paymentDescription: 3 to 100 characters');
      if (this.payments.has(reference)) return problem(409, 'Conflict', 'A payment with this reference already exists');
      const p: FakePayment = { reference, pspReference: String(Date.now()) + randomBytes(3).readUIntBE(0, 3), state: 'CREATED', amount, authorized: 0, captured: 0, cancelled: 0, refunded: 0, returnUrl, token: randomBytes(16).toString('base64url') };
      this.payments.set(reference, p);
      return [201, { redirectUrl: this.view(p).redirectUrl, reference }];
    }
    const m = /^\/epayment\/v1\/payments\/([^/]+)(?:\/(capture|cancel|refund))?$/.exec(path);
    const p = m && this.payments.get(m[1]!);
    if (!m || !p) return problem(404, 'Not Found', `No payment at ${path}`);
    if (method === 'GET' && !m[2]) return [200, this.view(p)];
    if (method !== 'POST' || !m[2]) return problem(405, 'Method Not Allowed');
    const value = json.modificationAmount?.value;
    if (m[2] !== 'cancel' && (!Number.isInteger(value) || value <= 0 || json.modificationAmount?.currency !== p.amount.currency)) return problem(400, 'Bad Request', 'modificationAmount: a positive whole amount in the payment currency');
    if (m[2] === 'capture') {
      if (p.state !== 'AUTHORIZED') return problem(400, 'Cannot capture before reservation', 'The user must accept the payment before capture can be done.');
      if (value > p.authorized - p.captured - p.cancelled) return problem(400, 'Captured amount exceeds authorized amount', 'Cannot capture more than what is left of the reservation.');
      p.captured += value;
      this.captures++;
    } else if (m[2] === 'cancel') {
      if (p.state === 'CREATED') Object.assign(p, { state: 'TERMINATED', cancelled: p.amount.value });
      else if (p.state !== 'AUTHORIZED' || p.authorized - p.captured - p.cancelled <= 0) return problem(400, 'Cannot cancel', `Nothing is left to cancel (${p.state}).`);
      else p.cancelled = p.authorized - p.captured;
      this.cancels++;
    } else {
      if (value > p.captured - p.refunded) return problem(400, 'Refunded amount too high', 'Cannot refund more than has been captured.');
      p.refunded += value;
      this.refunds++;
    }
    return [200, this.view(p)];
  }

  /** The landing page, as Vipps shows it in a desktop browser: approve (action=pay or approve) or refuse, then back. */
  private landing(method: string, url: URL, raw: string, send: (status: number, body: unknown, headers?: Record<string, string>) => void): void {
    const p = [...this.payments.values()].find((x) => x.token === url.searchParams.get('token'));
    if (!p) return send(404, '<!doctype html><title>Vipps</title><p>Ukjent betaling</p>');
    if (method === 'GET') {
      const kr = (p.amount.value / 100).toFixed(2).replace('.', ',');
      return send(200, `<!doctype html><title>Vipps</title><form method="post"><p>Betal ${kr} ${p.amount.currency}</p><button name="action" value="approve">Godkjenn</button><button name="action" value="abort">Avbryt</button></form>`);
    }
    const action = new URLSearchParams(raw).get('action');
    if (action === 'pay' || action === 'approve') this.approve(p.reference);
    else this.end(p.reference, 'ABORTED');
    send(303, '', { location: p.returnUrl });
  }
}
