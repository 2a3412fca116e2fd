// The price of a submitted case in words: the amount in the user's locale and the sentence that explains it.
import { useLanguage, useT } from '../i18n/index.tsx';
import { LOCALES } from '../i18n/languages.ts';
import { formatMoney, priceKey } from './price.ts';
import type { PriceView } from './types.ts';

export function usePriceText(): (price: PriceView) => { amount: string; explanation: string } {
  const t = useT();
  const { language } = useLanguage();
  return (price) => {
    const amount = formatMoney(price.amountOre, price.currency, LOCALES[language]);
    return { amount, explanation: t(priceKey(price), { amount }) };
  };
}
