// The adapter contract every SMS and e-mail channel implements: send, the two kinds of failure, delivery receipts, inbound SMS.

export interface OutgoingSms {
  /** E.164, e.g. +4791234567. */
  to: string;
  text: string;
  /** The notification's id: gateways that deduplicate on it make a repeated send harmless. */
  reference: string;
}

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  reference: string;
}

export interface SendResult {
  /** The provider's id for the accepted message; delivery receipts name it. */
  providerMessageId: string;
  /** Set when the channel knows the final outcome at once (the development outbox). */
  delivered?: boolean;
}

/** A delivery receipt as a channel reports it: the final fate of a message the provider accepted earlier. */
export interface DeliveryReceipt {
  provider: string;
  providerMessageId: string;
  delivered: boolean;
  error?: string;
}

/**
 * Receives a channel's receipts. A channel acknowledges a receipt to its provider only after the promise
 * resolves, so a rejected promise makes the provider deliver the receipt again.
 */
export type ReceiptListener = (receipt: DeliveryReceipt) => Promise<void>;

/** An SMS a phone sent to the service's number, as a channel reports it. */
export interface InboundSms {
  /** Stored with the message: a repeat is recognised per provider. */
  provider: string;
  /** The provider's id for the message, where it gives one: the same id twice is one message delivered twice. */
  providerMessageId?: string;
  /** The sender as the provider gave it (E.164 where the provider said the number is international). */
  from: string;
  /** The number or short code it was sent to. */
  to: string;
  text: string;
  receivedAt: Date;
}

/**
 * Receives inbound SMS. As for receipts, a channel acknowledges the message to its provider only after the promise
 * resolves: a rejected promise makes the provider deliver it again, so the listener must recognise a repeat.
 */
export type InboundListener = (sms: InboundSms) => Promise<void>;

interface Channel<M> {
  /** Stored as notifications.provider; receipts are matched on (provider, provider_message_id). */
  readonly name: string;
  /**
   * Resolves only when the provider accepted the message. Rejects with PermanentChannelError when the provider
   * refused it for good (never retry), with anything else when it may work later (retry).
   */
  send(message: M): Promise<SendResult>;
  /** Opens long-lived connections (an SMPP session); sending before start() may wait or fail transiently. */
  start?(): Promise<void>;
  stop?(): Promise<void>;
  /** Channels that get delivery receipts report them here. */
  onReceipt?(listener: ReceiptListener): void;
}

export interface SmsChannel extends Channel<OutgoingSms> {
  /** Channels that receive SMS over their own connection (SMPP deliver_sm) report them here. */
  onInbound?(listener: InboundListener): void;
}
export type EmailChannel = Channel<OutgoingEmail>;

/** The provider refused the message (bad number, rejected recipient, 4xx): sending it again cannot help. */
export class PermanentChannelError extends Error {
  readonly code: string | undefined;
  constructor(message: string, code?: string) {
    super(message);
    this.name = 'PermanentChannelError';
    this.code = code;
  }
}

/** The provider could not take the message now (down, throttled, 5xx): try again later. */
export class TransientChannelError extends Error {
  readonly code: string | undefined;
  constructor(message: string, code?: string) {
    super(message);
    this.name = 'TransientChannelError';
    this.code = code;
  }
}

export function isPermanent(err: unknown): err is PermanentChannelError {
  return err instanceof PermanentChannelError;
}

/** +4791234567 → +47*****567: enough to tell numbers apart in a log, not enough to call one. */
export function maskAddress(address: string): string {
  const at = address.indexOf('@');
  if (at > 0) return `${address[0]}***${address.slice(at)}`;
  if (address.length <= 6) return '***';
  return `${address.slice(0, 3)}${'*'.repeat(address.length - 6)}${address.slice(-3)}`;
}
