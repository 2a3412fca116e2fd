// A price in plain words: one sentence for what the patient pays and why (each exemption its own), one for how it is paid.
import type { MessageKey, Translate } from '../i18n/index.tsx';
import type { Exemption, PayBy, PriceView } from './money-api.ts';

const EXEMPTION: Record<Exemption, MessageKey> = {
  'under-16': 'money.exemption.under16',
  'under-18-mental-health': 'money.exemption.under18MentalHealth',
  pregnancy: 'money.exemption.pregnancy',
  frikort: 'money.exemption.frikort',
  'ceiling-reached': 'money.exemption.ceilingReached',
  'free-service': 'money.exemption.freeService',
  'private-children-free': 'money.exemption.privateChildrenFree',
  insurance: 'money.exemption.insurance',
};

const PAY_BY: Record<PayBy, MessageKey> = {
  none: 'money.payBy.none',
  'card-at-booking': 'money.payBy.cardAtBooking',
  'reserve-then-capture': 'money.payBy.reserveThenCapture',
  invoice: 'money.payBy.invoice',
  'at-clinic': 'money.payBy.atClinic',
  insurer: 'money.payBy.insurer',
};

/** `money` writes øre as the user's currency text (e.g. "170 kr"). */
export function priceSentences(price: PriceView, t: Translate, money: (ore: number) => string): string[] {
  const amount = money(price.amountOre);
  const what = price.exemption
    ? t(EXEMPTION[price.exemption], { amount })
    : price.countsTowardCeiling
      ? t('money.price.copayment', { amount, timeOfDay: t(price.timeOfDay === 'day' ? 'money.price.day' : 'money.price.evening') })
      : t('money.price.private', { amount });
  return [what, t(PAY_BY[price.payBy])];
}
