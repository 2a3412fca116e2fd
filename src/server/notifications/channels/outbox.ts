// The development outbox: "sends" SMS and e-mail by keeping them (the dev outbox page reads them from the notifications table).
import type { Logger } from 'pino';
import { maskAddress, type EmailChannel, type OutgoingEmail, type OutgoingSms, type SendResult, type SmsChannel } from './channel.ts';

export type OutboxEntry = ({ channel: 'sms' } & OutgoingSms) | ({ channel: 'email' } & OutgoingEmail);

const KEEP = 200;

/** One outbox serves both channels; `sms` and `email` are its two faces. */
export class Outbox {
  readonly name = 'outbox';
  /** The newest last, at most 200: for tests and a quick look in a debugger. */
  readonly sent: OutboxEntry[] = [];
  readonly sms: SmsChannel;
  readonly email: EmailChannel;
  private readonly log: Logger;

  constructor(log: Logger) {
    this.log = log.child({ channel: 'outbox' });
    this.sms = { name: this.name, send: (m) => this.record({ channel: 'sms', ...m }) };
    this.email = { name: this.name, send: (m) => this.record({ channel: 'email', ...m }) };
  }

  private async record(entry: OutboxEntry): Promise<SendResult> {
    this.sent.push(entry);
    if (this.sent.length > KEEP) this.sent.splice(0, this.sent.length - KEEP);
    this.log.info({ kind: entry.channel, to: maskAddress(entry.to), reference: entry.reference }, 'kept in the development outbox');
    // Nothing can go wrong after this point, so the outbox knows the message is "delivered" at once.
    return { providerMessageId: `outbox-${entry.reference}`, delivered: true };
  }
}
