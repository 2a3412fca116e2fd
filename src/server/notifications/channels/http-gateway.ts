// The SMS channel for a generic HTTP gateway: POST {to, from, text, reference} as JSON, get {id} back; its inbound webhook's format.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Logger } from 'pino';
import { PermanentChannelError, TransientChannelError, maskAddress, type InboundSms, type OutgoingSms, type SendResult, type SmsChannel } from './channel.ts';

export interface HttpGatewayOptions {
  url: string;
  token: string | undefined;
  sender: string;
  log: Logger;
  timeoutMs?: number;
}

/** 4xx answers that mean "later", not "never". */
const RETRYABLE_CLIENT_STATUSES = new Set([408, 425, 429]);

const GATEWAY = 'http-gateway';

export class HttpGatewayChannel implements SmsChannel {
  readonly name = GATEWAY;
  private readonly url: string;
  private readonly token: string | undefined;
  private readonly sender: string;
  private readonly log: Logger;
  private readonly timeoutMs: number;

  constructor(options: HttpGatewayOptions) {
    this.url = options.url;
    this.token = options.token;
    this.sender = options.sender;
    this.log = options.log.child({ channel: 'http-gateway' });
    this.timeoutMs = options.timeoutMs ?? 15_000;
  }

  async send(message: OutgoingSms): Promise<SendResult> {
    let response: Response;
    try {
      response = await fetch(this.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          // Gateways that honour it drop a repeated send of the same notification.
          'idempotency-key': message.reference,
          ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        },
        body: JSON.stringify({ to: message.to, from: this.sender, text: message.text, reference: message.reference }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      throw new TransientChannelError(`SMS gateway not reachable: ${(err as Error).message}`, 'network');
    }
    const body = await response.text().catch(() => '');
    if (response.ok) {
      const id = idFrom(body);
      if (!id) this.log.warn({ status: response.status }, 'SMS gateway accepted the message without an id');
      return { providerMessageId: id ?? message.reference };
    }
    const why = `SMS gateway answered ${response.status}${describe(body)}`;
    this.log.warn({ to: maskAddress(message.to), status: response.status }, 'SMS gateway refused the message');
    if (response.status >= 400 && response.status < 500 && !RETRYABLE_CLIENT_STATUSES.has(response.status)) {
      throw new PermanentChannelError(why, String(response.status));
    }
    throw new TransientChannelError(why, String(response.status));
  }
}

function idFrom(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { id?: unknown };
    if (typeof parsed.id === 'string' && parsed.id) return parsed.id;
    if (typeof parsed.id === 'number') return String(parsed.id);
  } catch {
    // not JSON: handled by the caller as "no id"
  }
  return undefined;
}

/** The gateway's own error message (JSON `error` or `message`), short and on one line, for last_error; never the raw body. */
function describe(body: string): string {
  let text = '';
  try {
    const parsed = JSON.parse(body) as { error?: unknown; message?: unknown };
    const value = typeof parsed.error === 'string' ? parsed.error : parsed.message;
    if (typeof value === 'string') text = value.replace(/\s+/g, ' ').trim().slice(0, 200);
  } catch {
    // not JSON: the status alone says enough
  }
  return text ? `: ${text}` : '';
}

/** What the gateway posts to the inbound webhook for an SMS from a phone. */
export interface GatewayInboundBody {
  from: string;
  to?: string;
  text: string;
  /** The gateway's id for the message: a repeated post with the same id is one message. */
  id?: string;
}

export const gatewayInboundSchema = {
  type: 'object',
  required: ['from', 'text'],
  properties: {
    from: { type: 'string', minLength: 1, maxLength: 40 },
    to: { type: 'string', maxLength: 40 },
    text: { type: 'string', maxLength: 2000 },
    id: { type: 'string', minLength: 1, maxLength: 200 },
  },
} as const;

export function inboundFromGateway(body: GatewayInboundBody, receivedAt: Date): InboundSms {
  return { provider: GATEWAY, ...(body.id ? { providerMessageId: body.id } : {}), from: body.from.trim(), to: body.to?.trim() ?? '', text: body.text, receivedAt };
}

/** Checks `Authorization: Bearer <token>` in constant time. No configured token refuses every caller. */
export function gatewayTokenCheck(authorization: string | undefined, token: string | undefined): 'ok' | 'missing' | 'wrong' {
  const sent = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  if (!sent) return 'missing';
  if (!token) return 'wrong';
  const digest = (v: string) => createHash('sha256').update(v).digest();
  return timingSafeEqual(digest(sent), digest(token)) ? 'ok' : 'wrong';
}
