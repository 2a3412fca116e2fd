// The payments capability's tables, as Kysely sees them (composed into the Database in platform/db/schema.ts).
import type { Generated } from 'kysely';
import type { Timestamp } from '../platform/db/schema.ts';
import type { Currency, PayerLanguage, PaymentStatus } from './domain.ts';

export interface PaymentTable {
  id: Generated<string>;
  clinic_id: string;
  /** The payer: the logged-in person, who may be paying for a child. */
  person_id: string;
  purpose: string;
  purpose_id: string;
  amount_ore: number;
  currency: Currency;
  provider: string;
  provider_ref: string | null;
  status: Generated<PaymentStatus>;
  redirect_url: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  authorized_at: Timestamp | null;
  captured_at: Timestamp | null;
  released_at: Timestamp | null;
  /** What was given back of the captured amount (at most all of it). */
  refunded_ore: Generated<number>;
}

export interface PaymentRefundTable {
  id: Generated<string>;
  payment_id: string;
  amount_ore: number;
  reason: string;
  requested_by: string;
  status: Generated<'requested' | 'refunded' | 'failed'>;
  created_at: Generated<Date>;
  refunded_at: Timestamp | null;
}

export interface PaymentEventTable {
  id: Generated<string>;
  payment_id: string;
  at: Generated<Date>;
  from_status: PaymentStatus | null;
  to_status: PaymentStatus;
  detail: Generated<string>;
}

export type SimulatorCheckoutStatus = 'pending' | 'challenge' | 'authorized' | 'declined' | 'canceled' | 'captured' | 'released';

export interface CardSimulatorCheckoutTable {
  id: Generated<string>;
  amount_ore: number;
  currency: Currency;
  description: string;
  language: PayerLanguage;
  status: Generated<SimulatorCheckoutStatus>;
  return_url: string;
  card_last4: string | null;
  captured_amount_ore: number | null;
  capture_count: Generated<number>;
  refunded_amount_ore: Generated<number>;
  refund_count: Generated<number>;
  release_count: Generated<number>;
  created_at: Generated<Date>;
}

export interface CardSimulatorIdempotencyTable {
  key: string;
  operation: 'checkout' | 'capture' | 'release' | 'refund';
  checkout_id: string;
  created_at: Generated<Date>;
}

export interface PaymentTables {
  payments: PaymentTable;
  payment_events: PaymentEventTable;
  payment_refunds: PaymentRefundTable;
  card_simulator_checkouts: CardSimulatorCheckoutTable;
  card_simulator_idempotency: CardSimulatorIdempotencyTable;
}
