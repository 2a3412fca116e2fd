// Refunds (issue 10): a clinic admin gives back all or part of a captured payment, with a reason. The payment keeps the
// sum refunded, which the database holds at or below what was taken; each refund is a row the job carries out at the
// provider once; a refunded co-payment no longer counts towards the patient's ceiling. The card simulator learns refunds.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE payments
      ADD COLUMN refunded_ore integer NOT NULL DEFAULT 0,
      ADD CONSTRAINT payments_refund_within CHECK (refunded_ore >= 0 AND refunded_ore <= amount_ore),
      ADD CONSTRAINT payments_refund_captured CHECK (refunded_ore = 0 OR status = 'captured')`.execute(db);
  await sql`
    CREATE TABLE payment_refunds (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      payment_id uuid NOT NULL REFERENCES payments(id),
      amount_ore integer NOT NULL CHECK (amount_ore > 0),
      reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
      requested_by uuid NOT NULL REFERENCES persons(id),
      status text NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'refunded', 'failed')),
      created_at timestamptz NOT NULL DEFAULT now(),
      refunded_at timestamptz,
      CHECK ((status = 'refunded') = (refunded_at IS NOT NULL))
    )`.execute(db);
  await sql`CREATE INDEX payment_refunds_payment_idx ON payment_refunds (payment_id)`.execute(db);
  await sql`
    ALTER TABLE copayments
      ADD COLUMN refunded_ore integer NOT NULL DEFAULT 0,
      ADD CONSTRAINT copayments_refund_within CHECK (refunded_ore >= 0 AND refunded_ore <= amount_ore)`.execute(db);

  await sql`
    ALTER TABLE card_simulator_checkouts
      ADD COLUMN refunded_amount_ore integer NOT NULL DEFAULT 0,
      ADD COLUMN refund_count integer NOT NULL DEFAULT 0,
      ADD CONSTRAINT card_simulator_refund_within CHECK (refunded_amount_ore >= 0 AND refunded_amount_ore <= coalesce(captured_amount_ore, 0))`.execute(db);
  await sql`ALTER TABLE card_simulator_idempotency DROP CONSTRAINT card_simulator_idempotency_operation_check`.execute(db);
  await sql`ALTER TABLE card_simulator_idempotency ADD CONSTRAINT card_simulator_idempotency_operation_check CHECK (operation IN ('checkout', 'capture', 'release', 'refund'))`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward only');
}
