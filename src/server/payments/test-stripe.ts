// A stand-in for Stripe's API on loopback, for the Stripe provider's tests: the allowed exception to "test against the
// real thing". Stripe has no local counterpart on npm or in Debian (its stripe-mock, a Go binary, is stateless: a capture
// changes nothing a later read returns), so this fake plays the few endpoints the provider calls, keeps their state,
// replays idempotency keys as Stripe does, and records every request.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const FAKE_STRIPE_KEY = 'sk_test_fake123';

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
  payment_intent: string | null;
}

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
  /** The next POST to this path is carried out but its answer is lost, as when a connection drops. */
  dropAnswerTo: string | undefined;
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

  /** The payer completes the hosted page: the card is authorised and the intent awaits capture. */
  pay(sessionId: string): void {
    const s = this.sessions.get(sessionId)!;
    const intent: Intent = { id: `pi_test_${++this.seq}`, object: 'payment_intent', status: 'requires_capture', amount: s.amount_total, amount_received: 0 };
    this.intents.set(intent.id, intent);
    Object.assign(s, { status: 'complete', payment_intent: intent.id, url: null });
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse, raw: string): void {
    const url = new URL(req.url ?? '/', this.url);
    const form = Object.fromEntries(new URLSearchParams(raw));
    const key = req.headers['idempotency-key'] as string | undefined;
    const record: RecordedRequest = { method: req.method ?? '', path: url.pathname, query: url.searchParams, headers: req.headers, form, replayed: false };
    this.requests.push(record);
    const send = (status: number, body: unknown) => {
      if (req.method === 'POST' && this.dropAnswerTo === url.pathname) {
        this.dropAnswerTo = undefined;
        res.destroy();
        return;
      }
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
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
    let m: RegExpExecArray | null;
    if (method === 'POST' && url.pathname === '/v1/checkout/sessions') {
      const id = `cs_test_${++this.seq}`;
      const s: Session = { id, object: 'checkout.session', url: `https://checkout.stripe.test/c/pay/${id}`, status: 'open', amount_total: Number(form['line_items[0][price_data][unit_amount]']), payment_intent: null };
      this.sessions.set(id, s);
      return [200, s];
    }
    if ((m = /^\/v1\/checkout\/sessions\/([^/]+)$/.exec(url.pathname)) && method === 'GET') {
      const s = this.sessions.get(m[1]!);
      if (!s) return [404, { error: { type: 'invalid_request_error', message: 'No such checkout.session' } }];
      const expand = url.searchParams.getAll('expand[]').includes('payment_intent');
      return [200, { ...s, payment_intent: expand && s.payment_intent ? this.intents.get(s.payment_intent) : s.payment_intent }];
    }
    if ((m = /^\/v1\/checkout\/sessions\/([^/]+)\/expire$/.exec(url.pathname)) && method === 'POST') {
      const s = this.sessions.get(m[1]!)!;
      if (s.status !== 'open') return [400, { error: { type: 'invalid_request_error', message: `session is ${s.status}` } }];
      Object.assign(s, { status: 'expired', url: null });
      return [200, s];
    }
    if ((m = /^\/v1\/payment_intents\/([^/]+)\/(capture|cancel)$/.exec(url.pathname)) && method === 'POST') {
      const pi = this.intents.get(m[1]!)!;
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
