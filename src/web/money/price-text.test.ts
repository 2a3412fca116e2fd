// Every exemption and every way of paying has a sentence of its own, in every UI language.
import { describe, expect, it } from 'vitest';
import { translate } from '../i18n/index.tsx';
import { LANGUAGES } from '../i18n/languages.ts';
import type { Exemption, PayBy, PriceView } from './money-api.ts';
import { priceSentences } from './price-text.ts';

const EXEMPTIONS: Exemption[] = ['under-16', 'under-18-mental-health', 'pregnancy', 'frikort', 'ceiling-reached', 'free-service', 'private-children-free', 'insurance'];
const PAY_BY: PayBy[] = ['none', 'card-at-booking', 'reserve-then-capture', 'invoice', 'at-clinic', 'insurer'];
const base: PriceView = { amountOre: 17_000, listPriceOre: 17_000, exemption: null, payBy: 'at-clinic', countsTowardCeiling: true, currency: 'NOK', timeOfDay: 'day', insuranceAccepted: false };
const money = (ore: number) => `${ore / 100} kr`;

describe.each(LANGUAGES)('the price in words (%s)', (language) => {
  const t = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate(language, key, params);

  it('says each exemption differently', () => {
    const said = EXEMPTIONS.map((exemption) => priceSentences({ ...base, exemption }, t, money)[0]);
    expect(new Set(said).size).toBe(EXEMPTIONS.length);
  });

  it('says each way of paying differently', () => {
    const said = PAY_BY.map((payBy) => priceSentences({ ...base, payBy }, t, money)[1]);
    expect(new Set(said).size).toBe(PAY_BY.length);
  });

  it('gives the amount of a co-payment, the part left below the ceiling, and a private price', () => {
    expect(priceSentences(base, t, money)[0]).toContain('170 kr');
    expect(priceSentences({ ...base, amountOre: 800, exemption: 'ceiling-reached' }, t, money)[0]).toContain('8 kr');
    expect(priceSentences({ ...base, amountOre: 65_000, countsTowardCeiling: false, payBy: 'card-at-booking' }, t, money)[0]).toContain('650 kr');
  });
});

it('reads as the issue asks in bokmål', () => {
  const t = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate('nb', key, params);
  expect(priceSentences(base, t, money)).toEqual(['Pris: 170 kr (egenandel, dagtid).', 'Du betaler på legekontoret.']);
  expect(priceSentences({ ...base, amountOre: 800, exemption: 'ceiling-reached' }, t, money)[0]).toBe('Du betaler 8 kr – da har du nådd egenandelstaket og får frikort.');
  expect(priceSentences({ ...base, amountOre: 0, exemption: 'frikort', payBy: 'none' }, t, money)[0]).toBe('Frikort: du betaler ingenting.');
});
