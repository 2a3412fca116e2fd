// The SMS channel over SMPP 3.4: one long-lived transceiver session to the SMSC, submit_sm out, receipts and SMS from phones in.
import smpp, { type PDU, type Session } from 'smpp';
import type { Logger } from 'pino';
import { PermanentChannelError, TransientChannelError, maskAddress } from './channel.ts';
import type { DeliveryReceipt, InboundListener, OutgoingSms, ReceiptListener, SendResult, SmsChannel } from './channel.ts';
import { parseReceipt } from './smpp-receipt.ts';
import { readInbound } from './smpp-inbound.ts';

export interface SmppChannelOptions {
  /** smpp://host:port */
  url: string;
  systemId: string;
  password: string;
  /** Alphanumeric (at most 11 characters) or a number; becomes source_addr. */
  sender: string;
  log: Logger;
  /** How long a send waits for the session to be bound before failing transiently. */
  bindWaitMs?: number;
  submitTimeoutMs?: number;
  enquireLinkMs?: number;
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
}

const UCS2 = 0x08;
/** One SMS holds 140 octets: 70 UCS-2 characters. Longer texts go in message_payload for the SMSC to split. */
const SHORT_MESSAGE_UNITS = 70;
/** A deliver_sm of this message type is a delivery receipt, not an SMS from a phone. */
const MC_DELIVERY_RECEIPT = 0x04;
const ESME_RX_T_APPN = 0x64;
/** Refusals that mean "not now" rather than "never": the SMSC is busy, overloaded or we were not bound yet. */
const TRANSIENT_STATUSES = new Set([0x04 /* RINVBNDSTS */, 0x08 /* RSYSERR */, 0x14 /* RMSGQFUL */, 0x58 /* RTHROTTLED */, 0x64 /* RX_T_APPN */]);

const statusNames = new Map<number, string>(Object.entries(smpp.errors).map(([name, code]) => [code, name]));

export function commandStatusName(status: number): string {
  return `${statusNames.get(status) ?? 'unknown'} (0x${status.toString(16).padStart(8, '0')})`;
}

interface Waiter {
  resolve(session: Session): void;
  reject(err: Error): void;
}

export class SmppChannel implements SmsChannel {
  readonly name = 'smpp';
  private readonly opts: Required<Omit<SmppChannelOptions, 'log'>>;
  private readonly log: Logger;
  private readonly sourceTon: number;
  private readonly sourceNpi: number;
  private readonly sourceAddr: string;
  private session: Session | null = null;
  private bound = false;
  private stopped = true;
  private failures = 0;
  private reconnectTimer: NodeJS.Timeout | undefined;
  /** When the reconnect timer fires (Date.now() ms); meaningful while there is no session. */
  private reconnectAt = 0;
  private keepAliveTimer: NodeJS.Timeout | undefined;
  private readonly waiters = new Set<Waiter>();
  /** Submits on the current session still waiting for submit_sm_resp: a closed session fails them. */
  private readonly inFlight = new Set<(err: Error) => void>();
  private listener: ReceiptListener | undefined;
  private inboundListener: InboundListener | undefined;

  constructor(options: SmppChannelOptions) {
    this.log = options.log.child({ channel: 'smpp' });
    this.opts = {
      url: options.url,
      systemId: options.systemId,
      password: options.password,
      sender: options.sender,
      bindWaitMs: options.bindWaitMs ?? 5_000,
      submitTimeoutMs: options.submitTimeoutMs ?? 30_000,
      enquireLinkMs: options.enquireLinkMs ?? 30_000,
      reconnectMinMs: options.reconnectMinMs ?? 1_000,
      reconnectMaxMs: options.reconnectMaxMs ?? 30_000,
    };
    if (/^\+?\d+$/.test(options.sender)) {
      this.sourceTon = options.sender.startsWith('+') ? 1 : 0;
      this.sourceNpi = 1;
      this.sourceAddr = options.sender.replace(/^\+/, '');
    } else {
      if (options.sender.length > 11) throw new Error('SMS_SENDER: an alphanumeric sender has at most 11 characters');
      this.sourceTon = 5;
      this.sourceNpi = 0;
      this.sourceAddr = options.sender;
    }
  }

  onReceipt(listener: ReceiptListener): void {
    this.listener = listener;
  }

  onInbound(listener: InboundListener): void {
    this.inboundListener = listener;
  }

  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    this.connect();
  }

  async send(message: OutgoingSms): Promise<SendResult> {
    const session = await this.boundSession();
    const long = message.text.length > SHORT_MESSAGE_UNITS;
    const pdu = new smpp.PDU('submit_sm', {
      source_addr_ton: this.sourceTon,
      source_addr_npi: this.sourceNpi,
      source_addr: this.sourceAddr,
      dest_addr_ton: 1,
      dest_addr_npi: 1,
      destination_addr: message.to.replace(/^\+/, ''),
      registered_delivery: 1,
      data_coding: UCS2,
      ...(long ? { short_message: '', message_payload: message.text } : { short_message: message.text }),
    });
    return new Promise<SendResult>((resolve, reject) => {
      const fail = (err: Error) => {
        clearTimeout(timer);
        this.inFlight.delete(fail);
        reject(err);
      };
      // Without an answer nobody knows whether the SMSC took the message: retrying may send it twice, which beats losing it.
      const timer = setTimeout(() => fail(new TransientChannelError(`no submit_sm_resp within ${this.opts.submitTimeoutMs} ms`)), this.opts.submitTimeoutMs);
      this.inFlight.add(fail);
      const written = session.send(pdu, (resp) => {
        clearTimeout(timer);
        this.inFlight.delete(fail);
        if (resp.command_status === 0) {
          resolve({ providerMessageId: String(resp.message_id ?? '') || message.reference });
          return;
        }
        const why = commandStatusName(resp.command_status);
        this.log.warn({ to: maskAddress(message.to), status: why }, 'SMSC refused submit_sm');
        const name = statusNames.get(resp.command_status);
        reject(
          TRANSIENT_STATUSES.has(resp.command_status)
            ? new TransientChannelError(`SMSC is busy: ${why}`, name)
            : new PermanentChannelError(`SMSC refused the message: ${why}`, name),
        );
      });
      if (!written) fail(new TransientChannelError('SMPP connection is not writable'));
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    clearInterval(this.keepAliveTimer);
    for (const w of this.waiters) w.reject(new TransientChannelError('SMPP channel stopped'));
    this.waiters.clear();
    const session = this.session;
    if (!session) return;
    const closed = new Promise<void>((resolve) => session.socket.once('close', () => resolve()));
    if (this.bound && !session.socket.destroyed) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 2_000);
        const ok = session.unbind(() => {
          clearTimeout(t);
          resolve();
        });
        if (!ok) {
          clearTimeout(t);
          resolve();
        }
      });
    }
    session.destroy();
    await Promise.race([closed, new Promise((r) => setTimeout(r, 2_000))]);
  }

  private boundSession(): Promise<Session> {
    if (this.bound && this.session) return Promise.resolve(this.session);
    if (this.stopped) return Promise.reject(new TransientChannelError('SMPP channel is not started'));
    // The last connection failed and the next attempt is further off than the bind wait: fail now rather than hold a
    // notification worker (and the e-mails queued behind it) for the whole wait on every try while the SMSC is down.
    const nextAttemptMs = this.reconnectAt - Date.now();
    if (!this.session && nextAttemptMs > this.opts.bindWaitMs) {
      return Promise.reject(new TransientChannelError(`SMSC not reachable: next connection attempt in ${Math.ceil(nextAttemptMs / 1000)} s`));
    }
    return new Promise<Session>((resolve, reject) => {
      const waiter: Waiter = {
        resolve: (s) => {
          clearTimeout(timer);
          resolve(s);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new TransientChannelError(`SMSC not reachable: no bound SMPP session within ${this.opts.bindWaitMs} ms`));
      }, this.opts.bindWaitMs);
      this.waiters.add(waiter);
    });
  }

  private connect(): void {
    if (this.stopped) return;
    const session = smpp.connect({ url: this.opts.url });
    this.session = session;
    session.on('connect', () => {
      session.bind_transceiver({ system_id: this.opts.systemId, password: this.opts.password }, (resp) => {
        if (session !== this.session) return;
        if (resp.command_status !== 0) {
          this.log.error({ status: commandStatusName(resp.command_status) }, 'SMSC refused bind_transceiver');
          session.destroy();
          return;
        }
        this.bound = true;
        this.failures = 0;
        this.log.info('SMPP session bound');
        this.keepAlive(session);
        for (const w of this.waiters) w.resolve(session);
        this.waiters.clear();
      });
    });
    session.on('deliver_sm', (pdu) => this.onDeliverSm(session, pdu));
    session.on('enquire_link', (pdu) => session.send(pdu.response()));
    session.on('unbind', (pdu) => {
      session.send(pdu.response());
      session.close();
    });
    // A PDU the library cannot parse leaves the session deaf, so every error ends the connection and a new one is made.
    session.on('error', (err) => {
      this.log.warn({ err: err.message }, 'SMPP connection error');
      session.destroy();
    });
    session.on('close', () => this.onClose(session));
  }

  /** enquire_link both keeps NAT and firewalls open and finds a dead link that TCP would not report for minutes. */
  private keepAlive(session: Session): void {
    clearInterval(this.keepAliveTimer);
    this.keepAliveTimer = setInterval(() => {
      const timeout = setTimeout(() => {
        this.log.warn('SMSC did not answer enquire_link: reconnecting');
        session.destroy();
      }, 10_000);
      if (!session.enquire_link(() => clearTimeout(timeout))) clearTimeout(timeout);
    }, this.opts.enquireLinkMs);
  }

  private onClose(session: Session): void {
    if (session !== this.session) return;
    this.session = null;
    const wasBound = this.bound;
    this.bound = false;
    clearInterval(this.keepAliveTimer);
    for (const fail of [...this.inFlight]) fail(new TransientChannelError('SMPP session closed before submit_sm_resp'));
    if (this.stopped) return;
    if (wasBound) this.log.warn('SMPP session closed: reconnecting');
    const base = Math.min(this.opts.reconnectMaxMs, this.opts.reconnectMinMs * 2 ** this.failures);
    this.failures = Math.min(this.failures + 1, 16);
    const delay = base / 2 + (Math.random() * base) / 2;
    this.reconnectAt = Date.now() + delay;
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
  }

  private onDeliverSm(session: Session, pdu: PDU): void {
    if ((Number(pdu.esm_class) & 0x3c) !== MC_DELIVERY_RECEIPT) {
      this.onSmsFromPhone(session, pdu);
      return;
    }
    const parsed = parseReceipt(pdu);
    if (!parsed || !this.listener) {
      session.send(pdu.response());
      return;
    }
    const receipt: DeliveryReceipt = { provider: this.name, ...parsed };
    // Acknowledge only what is recorded: an error status makes the SMSC deliver the receipt again later.
    this.listener(receipt).then(
      () => session.send(pdu.response()),
      (err: Error) => {
        this.log.warn({ err: err.message }, 'delivery receipt not recorded: asking the SMSC to resend');
        session.send(pdu.response({ command_status: ESME_RX_T_APPN }));
      },
    );
  }

  /** An SMS from a phone goes to the inbound listener, and is acknowledged once handled. Content is never logged. */
  private onSmsFromPhone(session: Session, pdu: PDU): void {
    const sms = readInbound(pdu);
    if (!this.inboundListener || sms.part > 1) {
      // Only the first part of a long SMS carries keyword, date and name; the rest would each get a reply of their own.
      this.log.info({ part: sms.part, parts: sms.parts }, this.inboundListener ? 'later part of a long inbound SMS ignored' : 'inbound SMS ignored: no handler');
      session.send(pdu.response());
      return;
    }
    this.inboundListener({ provider: this.name, from: sms.from, to: sms.to, text: sms.text, receivedAt: new Date() }).then(
      () => session.send(pdu.response()),
      (err: Error) => {
        this.log.warn({ err: err.message }, 'inbound SMS not handled: asking the SMSC to resend');
        session.send(pdu.response({ command_status: ESME_RX_T_APPN }));
      },
    );
  }
}
