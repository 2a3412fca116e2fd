// A stand-in for Stripe's API on loopback, for the Stripe provider's tests: the allowed exception to "test against the
// real thing". Stripe has no local counterpart on npm or in Debian (its stripe-mock, a Go binary, is stateless: a capture
// changes nothing a later read returns), so this fake plays the few endpoints the provider calls as Stripe's own client
// sends them, keeps their state, replays idempotency keys as Stripe does, records every request, and sends webhooks
// signed as Stripe signs them.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';

export const FAKE_STRIPE_KEY = 'sk_test_fake123';
export const FAKE_WEBHOOK_SECRET = 'whsec_fakeTestSecret123';
/** The version the fake account is on, for a request that names none. */
const ACCOUNT_API_VERSION = '2024-06-20';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  form: Record<string, string>;
  replayed: boolean;
}

interface Intent {
  id: string;
  object: 'payment_intent';
  status: string;
  amount: number;
  amount_received: number;
}

interface Session {
  id: string;
  object: 'checkout.session';
  url: string | null;
  status: 'open' | 'complete' | 'expired';
  amount_total: number;
  client_reference_id: string | null;
  success_url: string;
  metadata: Record<string, string>;
  payment_intent: string | null;
}

/** Stripe's form fields under one name, in their order: expand[0]=a&expand[1]=b (or expand[]=a) → ['a', 'b']. */
const listField = (params: URLSearchParams, name: string) => [...params].filter(([k]) => k === `${name}[]` || new RegExp(`^${name}\\[\\d+\\]$`).test(k)).map(([, v]) => v);

export class FakeStripe {
  readonly requests: RecordedRequest[] = [];
  readonly sessions = new Map<string, Session>();
  readonly intents = new Map<string, Intent>();
  /** How many captures and cancels really happened (replays excluded). */
  captures = 0;
  /** Refunds really made (replays excluded), and how much of each intent was given back. */
  refunds = 0;
  readonly refunded = new Map<string, number>();
  cancels = 0;
  private readonly drops = new Map<string, number>();
  private readonly holds = new Map<string, () => void>();
  private readonly keys = new Map<string, { path: string; status: number; body: unknown }>();
  private readonly server: http.Server;
  private seq = 0;
  url = '';

  constructor() {
    this.server = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => this.handle(req, res, raw));
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

  /** The next `times` POSTs to this path are carried out but their answers lost, as when a connection drops. */
  dropAnswers(path: string, times = 1): void {
    this.drops.set(path, times);
  }

  /**
   * POSTs to this path are carried out and then never answered (the caller hangs, as a process that dies waiting
   * would); resolves when the first arrives. `answerAgain` ends it for later requests.
   */
  holdAnswers(path: string): Promise<void> {
    return new Promise((resolve) => this.holds.set(path, resolve));
  }

  answerAgain(path: string): void {
    this.holds.delete(path);
  }

  /** The payer completes the hosted page: the card is authorised and the intent awaits capture. */
  pay(sessionId: string): void {
    const s = this.sessions.get(sessionId)!;
    const intent: Intent = { id: `pi_test_${++this.seq}`, object: 'payment_intent', status: 'requires_capture', amount: s.amount_total, amount_received: 0 };
    this.intents.set(intent.id, intent);
    Object.assign(s, { status: 'complete', payment_intent: intent.id, url: null });
  }

  /** An event about a session as Stripe posts it to a webhook endpoint, with the session as it is now. */
  event(type: string, sessionId: string): Record<string, unknown> {
    return {
      id: `evt_test_${++this.seq}`,
      object: 'event',
      api_version: Stripe.API_VERSION,
      created: Math.floor(Date.now() / 1000),
      type,
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      data: { object: { ...this.sessions.get(sessionId) } },
    };
  }

  /** Posts `event` to `url` with a Stripe-Signature header made with `secret` (at `timestamp`, seconds) as Stripe does. */
  async sendWebhook(url: string, event: Record<string, unknown>, o: { secret?: string; timestamp?: number } = {}): Promise<Response> {
    const payload = JSON.stringify(event, null, 2);
    const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: o.secret ?? FAKE_WEBHOOK_SECRET, ...(o.timestamp ? { timestamp: o.timestamp } : {}) });
    return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': signature, 'user-agent': 'Stripe/1.0' }, body: payload });
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse, raw: string): void {
    const url = new URL(req.url ?? '/', this.url);
    const params = new URLSearchParams(raw);
    const form = Object.fromEntries(params);
    const key = req.headers['idempotency-key'] as string | undefined;
    const record: RecordedRequest = { method: req.method ?? '', path: url.pathname, query: url.searchParams, headers: req.headers, form, replayed: false };
    this.requests.push(record);
    const send = (status: number, body: unknown): void => {
      if (req.method === 'POST') {
        const hold = this.holds.get(url.pathname);
        if (hold) return hold();
        const drops = this.drops.get(url.pathname) ?? 0;
        if (drops > 0) {
          this.drops.set(url.pathname, drops - 1);
          res.destroy();
          return;
        }
      }
      // As Stripe answers: the API version the request was read in (the client's, else the account's), and replays marked.
      const headers = { 'content-type': 'application/json', 'request-id': `req_test_${++this.seq}`, 'stripe-version': req.headers['stripe-version'] ?? ACCOUNT_API_VERSION };
      res.writeHead(status, record.replayed ? { ...headers, 'idempotent-replayed': 'true' } : headers).end(JSON.stringify(body));
    };
    if (req.headers.authorization !== `Bearer ${FAKE_STRIPE_KEY}`) return send(401, { error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } });
    if (req.method === 'POST' && key) {
      const seen = this.keys.get(key);
      if (seen && seen.path !== url.pathname) return send(400, { error: { type: 'idempotency_error', message: 'Keys for idempotent requests can only be used for the same endpoint' } });
      if (seen) {
        record.replayed = true;
        return send(seen.status, seen.body);
      }
    }
    const [status, body] = this.route(req.method ?? '', url, form);
    if (req.method === 'POST' && key) this.keys.set(key, { path: url.pathname, status, body });
    send(status, body);
  }

  private route(method: string, url: URL, form: Record<string, string>): [number, unknown] {
    const unexpected = (message: string): [number, unknown] => [400, { error: { type: 'invalid_request_error', code: 'payment_intent_unexpected_state', message } }];
    const missing = (what: string): [number, unknown] => [404, { error: { type: 'invalid_request_error', code: 'resource_missing', message: `No such ${what}` } }];
    let m: RegExpExecArray | null;
    if (method === 'POST' && url.pathname === '/v1/checkout/sessions') {
      const id = `cs_test_${++this.seq}`;
      const s: Session = {
        id,
        object: 'checkout.session',
        url: `https://checkout.stripe.test/c/pay/${id}`,
        status: 'open',
        amount_total: Number(form['line_items[0][price_data][unit_amount]']),
        client_reference_id: form.client_reference_id ?? null,
        success_url: form.success_url ?? '',
        metadata: form['metadata[payment_id]'] ? { payment_id: form['metadata[payment_id]'] } : {},
        payment_intent: null,
      };
      this.sessions.set(id, s);
      return [200, s];
    }
    if ((m = /^\/v1\/checkout\/sessions\/([^/]+)$/.exec(url.pathname)) && method === 'GET') {
      const s = this.sessions.get(m[1]!);
      if (!s) return missing('checkout.session');
      const expand = listField(url.searchParams, 'expand').includes('payment_intent');
      return [200, { ...s, payment_intent: expand && s.payment_intent ? this.intents.get(s.payment_intent) : s.payment_intent }];
    }
    if ((m = /^\/v1\/checkout\/sessions\/([^/]+)\/expire$/.exec(url.pathname)) && method === 'POST') {
      const s = this.sessions.get(m[1]!);
      if (!s) return missing('checkout.session');
      if (s.status !== 'open') return [400, { error: { type: 'invalid_request_error', message: `session is ${s.status}` } }];
      Object.assign(s, { status: 'expired', url: null });
      return [200, s];
    }
    if ((m = /^\/v1\/payment_intents\/([^/]+)\/(capture|cancel)$/.exec(url.pathname)) && method === 'POST') {
      const pi = this.intents.get(m[1]!);
      if (!pi) return missing('payment_intent');
      if (m[2] === 'capture') {
        if (pi.status !== 'requires_capture') return unexpected(`This PaymentIntent could not be captured because it has a status of ${pi.status}.`);
        Object.assign(pi, { status: 'succeeded', amount_received: Number(form.amount_to_capture ?? pi.amount) });
        this.captures++;
      } else {
        if (pi.status === 'succeeded' || pi.status === 'canceled') return unexpected(`You cannot cancel this PaymentIntent because it has a status of ${pi.status}.`);
        pi.status = 'canceled';
        this.cancels++;
      }
      return [200, pi];
    }
    if (method === 'POST' && url.pathname === '/v1/refunds') {
      const pi = this.intents.get(form.payment_intent ?? '');
      if (!pi || pi.status !== 'succeeded') return unexpected('Charge has not been captured.');
      const amount = Number(form.amount ?? pi.amount_received);
      if (amount <= 0 || amount > pi.amount_received - (this.refunded.get(pi.id) ?? 0)) return [400, { error: { type: 'invalid_request_error', code: 'amount_too_large', message: 'Refund amount is greater than unrefunded amount on charge.' } }];
      this.refunded.set(pi.id, (this.refunded.get(pi.id) ?? 0) + amount);
      this.refunds++;
      return [200, { id: `re_test_${++this.seq}`, object: 'refund', amount, payment_intent: pi.id, status: 'succeeded' }];
    }
    return [404, { error: { type: 'invalid_request_error', message: `Unrecognized request URL (${method}: ${url.pathname})` } }];
  }
}
