// Money on the e-consultation pages: øre/öre as the user's currency text, and which sentence explains the price.
import type { PriceView } from './types.ts';

/** "kr 350,00" / "350,00 kr" / "NOK 350.00", as the locale writes it; whole amounts without decimals. */
export function formatMoney(amountOre: number, currency: PriceView['currency'], locales: string[]): string {
  const whole = amountOre % 100 === 0;
  return new Intl.NumberFormat(locales, { style: 'currency', currency, minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: 2 }).format(amountOre / 100);
}

/** The catalogue key that explains a price: a private clinic's reservation, the co-payment, or why it is free. */
export function priceKey(price: PriceView): 'econsult.price.private' | 'econsult.price.copayment' | 'econsult.price.child-free' | 'econsult.price.frikort' | 'econsult.price.free' {
  if (price.amountOre === 0) return price.rule === 'child-free' || price.rule === 'frikort' ? `econsult.price.${price.rule}` : 'econsult.price.free';
  return price.rule === 'private' ? 'econsult.price.private' : 'econsult.price.copayment';
}
