// Payments: a reservation on the payer's card per purpose (an e-consultation, …), every state move it made,
// and the development card simulator's own state (it stands in for a third party, so it keeps its own tables).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE payments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      clinic_id uuid NOT NULL REFERENCES clinics(id),
      person_id uuid NOT NULL REFERENCES persons(id),
      purpose text NOT NULL CHECK (purpose ~ '^[a-z][a-z0-9-]{1,39}$'),
      -- The purpose's own row (a case, …): no foreign key, any capability may pay through here.
      purpose_id uuid NOT NULL,
      amount_ore integer NOT NULL CHECK (amount_ore > 0),
      currency text NOT NULL CHECK (currency IN ('NOK', 'SEK')),
      provider text NOT NULL CHECK (provider ~ '^[a-z][a-z0-9-]{1,39}$'),
      provider_ref text CHECK (length(provider_ref) BETWEEN 1 AND 255),
      status text NOT NULL DEFAULT 'created' CHECK (status IN (
        'created', 'pending', 'authorized', 'declined', 'canceled',
        'capture_requested', 'captured', 'release_requested', 'released', 'failed')),
      redirect_url text CHECK (length(redirect_url) BETWEEN 1 AND 2000),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      authorized_at timestamptz,
      captured_at timestamptz,
      released_at timestamptz,
      UNIQUE (provider, provider_ref),
      CHECK ((provider_ref IS NULL) = (redirect_url IS NULL)),
      -- Only a payment whose checkout was never made, or that ended before it, has no checkout at the provider.
      CHECK (provider_ref IS NOT NULL OR status IN ('created', 'canceled', 'failed')),
      CHECK (status NOT IN ('authorized', 'capture_requested', 'captured', 'release_requested', 'released') OR authorized_at IS NOT NULL),
      CHECK ((status = 'captured') = (captured_at IS NOT NULL)),
      CHECK ((status = 'released') = (released_at IS NOT NULL))
    )`.execute(db);
  // At most one live payment per purpose: a declined, canceled or failed attempt may be followed by a new one.
  await sql`CREATE UNIQUE INDEX payments_one_live_per_purpose ON payments (purpose, purpose_id) WHERE status NOT IN ('declined', 'canceled', 'failed')`.execute(db);
  await sql`CREATE INDEX payments_person_idx ON payments (person_id, created_at)`.execute(db);

  await sql`
    CREATE TABLE payment_events (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      payment_id uuid NOT NULL REFERENCES payments(id),
      at timestamptz NOT NULL DEFAULT clock_timestamp(),
      from_status text,
      to_status text NOT NULL,
      detail text NOT NULL DEFAULT '' CHECK (length(detail) <= 500)
    )`.execute(db);
  await sql`CREATE INDEX payment_events_payment_idx ON payment_events (payment_id, id)`.execute(db);

  // The card simulator's checkouts; the counts let a test prove "captured exactly once" in SQL.
  await sql`
    CREATE TABLE card_simulator_checkouts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      amount_ore integer NOT NULL CHECK (amount_ore > 0),
      currency text NOT NULL CHECK (currency IN ('NOK', 'SEK')),
      description text NOT NULL CHECK (length(description) BETWEEN 1 AND 200),
      language text NOT NULL CHECK (language IN ('nb', 'nn', 'sv', 'en')),
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'challenge', 'authorized', 'declined', 'canceled', 'captured', 'released')),
      return_url text NOT NULL CHECK (length(return_url) BETWEEN 1 AND 2000),
      card_last4 text CHECK (card_last4 ~ '^[0-9]{4}$'),
      captured_amount_ore integer CHECK (captured_amount_ore > 0 AND captured_amount_ore <= amount_ore),
      capture_count integer NOT NULL DEFAULT 0,
      release_count integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

  // Like a real provider's idempotency keys: a repeat of a key returns the first result and does nothing more.
  await sql`
    CREATE TABLE card_simulator_idempotency (
      key text PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 255),
      operation text NOT NULL CHECK (operation IN ('checkout', 'capture', 'release')),
      checkout_id uuid NOT NULL REFERENCES card_simulator_checkouts(id),
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX card_simulator_idempotency_checkout_idx ON card_simulator_idempotency (checkout_id)`.execute(db);
  // The app role's rights come from 0001's default privileges, as for every later table.
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward only');
}
