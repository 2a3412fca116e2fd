// The dev outbox as the server sends it: what the notification channels would have sent.
export interface OutboxMessage {
  id: string;
  channel: 'sms' | 'email';
  to: string;
  subject: string | null;
  body: string;
  state: string;
  template: string;
  createdAt: string;
}
