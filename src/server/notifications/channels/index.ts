// Chooses the SMS and e-mail channels from config, in one place: SMPP > HTTP gateway > outbox for SMS; SMTP > outbox for e-mail.
import type { Logger } from 'pino';
import type { Config } from '../../config.ts';
import type { EmailChannel, SmsChannel } from './channel.ts';
import { HttpGatewayChannel } from './http-gateway.ts';
import { Outbox } from './outbox.ts';
import { SmppChannel } from './smpp.ts';
import { SmtpChannel } from './smtp.ts';

export interface Channels {
  sms: SmsChannel;
  email: EmailChannel;
}

export type ChannelConfig = Pick<
  Config,
  'nodeEnv' | 'smppUrl' | 'smppSystemId' | 'smppPassword' | 'smsSender' | 'smsHttpUrl' | 'smsHttpToken' | 'smtpUrl' | 'mailFrom'
>;

export function channelsFromConfig(config: ChannelConfig, log: Logger): Channels {
  let outbox: Outbox | undefined;
  const devOutbox = (): Outbox => (outbox ??= new Outbox(log));

  let sms: SmsChannel;
  if (config.smppUrl) {
    sms = new SmppChannel({ url: config.smppUrl, systemId: config.smppSystemId, password: config.smppPassword, sender: config.smsSender, log });
  } else if (config.smsHttpUrl) {
    sms = new HttpGatewayChannel({ url: config.smsHttpUrl, token: config.smsHttpToken, sender: config.smsSender, log });
  } else {
    sms = devOutbox().sms;
  }

  const email: EmailChannel = config.smtpUrl ? new SmtpChannel({ url: config.smtpUrl, from: config.mailFrom, log }) : devOutbox().email;

  if (outbox) {
    const which = [sms === outbox.sms && 'SMS', email === outbox.email && 'e-mail'].filter(Boolean).join(' and ');
    // In production a forgotten SMPP_URL / SMTP_URL would silently swallow every notification.
    if (config.nodeEnv === 'production') log.warn(`no provider configured for ${which}: notifications only reach the development outbox`);
    else log.info(`${which} go to the development outbox`);
  }
  return { sms, email };
}

export { Outbox } from './outbox.ts';
export { PermanentChannelError, TransientChannelError } from './channel.ts';
export type { DeliveryReceipt, EmailChannel, InboundListener, InboundSms, OutgoingEmail, OutgoingSms, SendResult, SmsChannel } from './channel.ts';
