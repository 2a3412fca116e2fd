// The e-mail channel over SMTP (nodemailer): accepted by the server = sent; a 5xx refusal is final, anything else is retried.
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import { PermanentChannelError, TransientChannelError, maskAddress, type EmailChannel, type OutgoingEmail, type SendResult } from './channel.ts';

export interface SmtpChannelOptions {
  /** smtp://user:pass@host:port (smtps:// for implicit TLS; nodemailer's query options such as ?ignoreTLS=true apply). */
  url: string;
  /** The From header, e.g. `Nettlege <ikke-svar@nettlege.no>`. */
  from: string;
  log: Logger;
  timeoutMs?: number;
}

interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
  permanent?: boolean;
}

export class SmtpChannel implements EmailChannel {
  readonly name = 'smtp';
  private readonly transport: ReturnType<typeof nodemailer.createTransport>;
  private readonly from: string;
  private readonly messageIdDomain: string;
  private readonly log: Logger;

  constructor(options: SmtpChannelOptions) {
    const timeout = options.timeoutMs ?? 30_000;
    this.transport = nodemailer.createTransport({
      url: options.url,
      connectionTimeout: Math.min(timeout, 10_000),
      greetingTimeout: Math.min(timeout, 10_000),
      socketTimeout: timeout,
    });
    this.from = options.from;
    this.messageIdDomain = /@([^>\s]+)>?\s*$/.exec(options.from)?.[1] ?? 'nettlege.local';
    this.log = options.log.child({ channel: 'smtp' });
  }

  async send(message: OutgoingEmail): Promise<SendResult> {
    try {
      const info = await this.transport.sendMail({
        from: this.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        // The same notification always carries the same Message-ID, so a repeated send can be recognised downstream.
        messageId: `<${message.reference}@${this.messageIdDomain}>`,
      });
      if (info.rejected.length > 0 || info.accepted.length === 0) {
        throw new PermanentChannelError('SMTP server rejected the recipient');
      }
      return { providerMessageId: info.messageId };
    } catch (err) {
      if (err instanceof PermanentChannelError) throw err;
      const e = err as SmtpError;
      this.log.warn({ to: maskAddress(message.to), code: e.code, responseCode: e.responseCode }, 'SMTP send failed');
      if (isPermanent(e)) throw new PermanentChannelError(`SMTP server refused the message: ${e.message}`, e.code);
      throw new TransientChannelError(`SMTP send failed: ${e.message}`, e.code);
    }
  }

  async stop(): Promise<void> {
    this.transport.close();
  }
}

function isPermanent(err: SmtpError): boolean {
  if (typeof err.responseCode === 'number') return err.responseCode >= 500 && err.responseCode < 600;
  // Refused by nodemailer itself before any server spoke: a malformed address will not improve.
  return err.code === 'EENVELOPE';
}
