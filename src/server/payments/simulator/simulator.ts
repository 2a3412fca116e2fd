// The development card simulator: a payment provider kept in its own tables, with hosted pages (routes.ts) where
// test cards succeed, are declined or need 3-D Secure. Idempotency keys behave as a real provider's do.
import type { Db, Tx } from '../../platform/db/database.ts';
import type { CheckoutStatus } from '../domain.ts';
import { ProviderError, type CheckoutRequest, type PaymentProvider } from '../provider.ts';
import type { CardSimulatorIdempotencyTable, SimulatorCheckoutStatus } from '../schema.ts';
import { checkCard, type CardForm } from './cards.ts';

type Operation = CardSimulatorIdempotencyTable['operation'];

export interface SimulatorCheckout {
  id: string;
  amountOre: number;
  currency: 'NOK' | 'SEK';
  description: string;
  status: SimulatorCheckoutStatus;
  returnUrl: string;
}

/** What the card form led to: back to the merchant, on to the 3-D Secure page, or the form again with a message. */
export type PayOutcome = { kind: 'return'; url: string } | { kind: 'challenge' } | { kind: 'invalid'; nb: string; en: string };

export class CardSimulator implements PaymentProvider {
  readonly name = 'simulator';
  private readonly db: Db;
  private readonly publicUrl: string;

  constructor(opts: { db: Db; publicUrl: string }) {
    this.db = opts.db;
    this.publicUrl = opts.publicUrl.replace(/\/+$/, '');
  }

  private checkoutUrl(id: string): string {
    return `${this.publicUrl}/dev-pay/checkout/${id}`;
  }

  /** The checkout a key was first used for; a key reused for another operation is refused, as Stripe does. */
  private async keyed(db: Db | Tx, key: string, operation: Operation): Promise<string | undefined> {
    const row = await db.selectFrom('card_simulator_idempotency').select(['operation', 'checkout_id']).where('key', '=', key).executeTakeFirst();
    if (row && row.operation !== operation) throw new ProviderError(`idempotency key ${key} was used for ${row.operation}`, 400);
    return row?.checkout_id;
  }

  async createCheckout(i: CheckoutRequest): Promise<{ providerRef: string; redirectUrl: string }> {
    const existing = await this.keyed(this.db, i.idempotencyKey, 'checkout');
    if (existing) return { providerRef: existing, redirectUrl: this.checkoutUrl(existing) };
    try {
      const id = await this.db.transaction().execute(async (tx) => {
        const created = await tx
          .insertInto('card_simulator_checkouts')
          .values({ amount_ore: i.amountOre, currency: i.currency, description: i.description.slice(0, 200), language: i.language, return_url: i.returnUrl })
          .returning('id')
          .executeTakeFirstOrThrow();
        await tx.insertInto('card_simulator_idempotency').values({ key: i.idempotencyKey, operation: 'checkout', checkout_id: created.id }).execute();
        return created.id;
      });
      return { providerRef: id, redirectUrl: this.checkoutUrl(id) };
    } catch (err) {
      // The same key at the same moment: the other request's checkout is the one.
      const raced = (err as { code?: string }).code === '23505' ? await this.keyed(this.db, i.idempotencyKey, 'checkout') : undefined;
      if (!raced) throw err;
      return { providerRef: raced, redirectUrl: this.checkoutUrl(raced) };
    }
  }

  async status(providerRef: string): Promise<CheckoutStatus> {
    const row = await this.db.selectFrom('card_simulator_checkouts').select('status').where('id', '=', providerRef).executeTakeFirst();
    if (!row) throw new ProviderError(`no checkout ${providerRef}`, 404);
    return row.status === 'challenge' ? 'pending' : row.status;
  }

  /**
   * One settling operation under the checkout's row lock: a key seen before does nothing; otherwise `apply` moves the
   * checkout (or refuses) and the key is remembered with it.
   */
  private async settle(providerRef: string, key: string, operation: Operation, apply: (tx: Tx, status: SimulatorCheckoutStatus, amountOre: number) => Promise<void>): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      const row = await tx.selectFrom('card_simulator_checkouts').select(['status', 'amount_ore']).where('id', '=', providerRef).forUpdate().executeTakeFirst();
      if (!row) throw new ProviderError(`no checkout ${providerRef}`, 404);
      const seen = await this.keyed(tx, key, operation);
      if (seen === providerRef) return;
      if (seen) throw new ProviderError(`idempotency key ${key} was used for another checkout`, 400);
      await apply(tx, row.status, row.amount_ore);
      await tx.insertInto('card_simulator_idempotency').values({ key, operation, checkout_id: providerRef }).execute();
    });
  }

  async capture(providerRef: string, amountOre: number, idempotencyKey: string): Promise<void> {
    await this.settle(providerRef, idempotencyKey, 'capture', async (tx, status, reserved) => {
      if (status === 'captured') return;
      if (status !== 'authorized') throw new ProviderError(`a ${status} checkout cannot be captured`, 400);
      if (!Number.isInteger(amountOre) || amountOre <= 0 || amountOre > reserved) throw new ProviderError(`cannot capture ${amountOre} of ${reserved}`, 400);
      await tx
        .updateTable('card_simulator_checkouts')
        .set((eb) => ({ status: 'captured', captured_amount_ore: amountOre, capture_count: eb('capture_count', '+', 1) }))
        .where('id', '=', providerRef)
        .execute();
    });
  }

  async refund(providerRef: string, amountOre: number, idempotencyKey: string): Promise<void> {
    await this.settle(providerRef, idempotencyKey, 'refund', async (tx, status) => {
      if (status !== 'captured') throw new ProviderError(`a ${status} checkout cannot be refunded`, 400);
      const row = await tx.selectFrom('card_simulator_checkouts').select(['captured_amount_ore', 'refunded_amount_ore']).where('id', '=', providerRef).executeTakeFirstOrThrow();
      if (!Number.isInteger(amountOre) || amountOre <= 0 || amountOre > (row.captured_amount_ore ?? 0) - row.refunded_amount_ore) throw new ProviderError(`cannot refund ${amountOre}`, 400);
      await tx
        .updateTable('card_simulator_checkouts')
        .set((eb) => ({ refunded_amount_ore: eb('refunded_amount_ore', '+', amountOre), refund_count: eb('refund_count', '+', 1) }))
        .where('id', '=', providerRef)
        .execute();
    });
  }

  async release(providerRef: string, idempotencyKey: string): Promise<void> {
    await this.settle(providerRef, idempotencyKey, 'release', async (tx, status) => {
      if (status === 'captured') throw new ProviderError('a captured checkout cannot be released: it needs a refund', 400);
      if (status === 'authorized') {
        await tx
          .updateTable('card_simulator_checkouts')
          .set((eb) => ({ status: 'released', release_count: eb('release_count', '+', 1) }))
          .where('id', '=', providerRef)
          .execute();
      } else if (status === 'pending' || status === 'challenge') {
        await tx.updateTable('card_simulator_checkouts').set({ status: 'canceled' }).where('id', '=', providerRef).execute();
      }
    });
  }

  /** For the hosted pages. */
  async checkout(id: string): Promise<SimulatorCheckout | undefined> {
    const r = await this.db
      .selectFrom('card_simulator_checkouts')
      .select(['id', 'amount_ore', 'currency', 'description', 'status', 'return_url'])
      .where('id', '=', id)
      .executeTakeFirst();
    return r && { id: r.id, amountOre: r.amount_ore, currency: r.currency, description: r.description, status: r.status, returnUrl: r.return_url };
  }

  /**
   * Moves a checkout still in one of `from` to `to`. Either way the payer goes back to the merchant's page, which asks
   * the provider: a second submit of an answered form (back button, double click) changes nothing.
   */
  private async answer(id: string, from: SimulatorCheckoutStatus[], to: SimulatorCheckoutStatus, last4?: string): Promise<string | undefined> {
    const moved = await this.db
      .updateTable('card_simulator_checkouts')
      .set({ status: to, ...(last4 ? { card_last4: last4 } : {}) })
      .where('id', '=', id)
      .where('status', 'in', from)
      .returning('return_url')
      .executeTakeFirst();
    return moved?.return_url ?? (await this.checkout(id))?.returnUrl;
  }

  /** The card form; undefined when there is no such checkout. */
  async payWithCard(id: string, form: CardForm, now: Date): Promise<PayOutcome | undefined> {
    const current = await this.checkout(id);
    if (!current) return undefined;
    if (current.status !== 'pending') return current.status === 'challenge' ? { kind: 'challenge' } : { kind: 'return', url: current.returnUrl };
    const card = checkCard(form, now);
    if (!card.ok) return { kind: 'invalid', nb: card.nb, en: card.en };
    if (card.outcome === 'challenge') {
      await this.answer(id, ['pending'], 'challenge', card.last4);
      return { kind: 'challenge' };
    }
    return { kind: 'return', url: (await this.answer(id, ['pending'], card.outcome, card.last4))! };
  }

  /** The 3-D Secure page's answer: the bank app approved or rejected. */
  async answerChallenge(id: string, approve: boolean): Promise<string | undefined> {
    return this.answer(id, ['challenge'], approve ? 'authorized' : 'declined');
  }

  async cancel(id: string): Promise<string | undefined> {
    return this.answer(id, ['pending', 'challenge'], 'canceled');
  }
}
