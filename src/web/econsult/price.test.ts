// Prices in øre become the user's currency text, and each rule its own explanation.
import { describe, expect, it } from 'vitest';
import { formatMoney, priceKey } from './price.ts';

describe('an e-consultation price', () => {
  it('is written as the locale writes money, without decimals when whole', () => {
    expect(formatMoney(35_000, 'NOK', ['nb-NO'])).toMatch(/^(kr\s?350|350\skr)$/);
    expect(formatMoney(29_950, 'SEK', ['sv-SE'])).toMatch(/^299,50\skr$/);
  });

  it('is explained by its rule, and a free price says why it is free', () => {
    expect(priceKey({ amountOre: 35_000, currency: 'NOK', rule: 'private' })).toBe('econsult.price.private');
    expect(priceKey({ amountOre: 17_500, currency: 'NOK', rule: 'copayment' })).toBe('econsult.price.copayment');
    expect(priceKey({ amountOre: 0, currency: 'NOK', rule: 'child-free' })).toBe('econsult.price.child-free');
    expect(priceKey({ amountOre: 0, currency: 'NOK', rule: 'frikort' })).toBe('econsult.price.frikort');
    expect(priceKey({ amountOre: 0, currency: 'NOK', rule: 'private' })).toBe('econsult.price.free');
  });
});
