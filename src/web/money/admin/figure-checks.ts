// The checks both co-payment forms make before sending: an amount in kroner within the server's limits, and a source.
import type { Translate } from '../../i18n/index.tsx';
import { parseKroner } from './kroner-input.ts';

/** The server's limit for a source text. */
const SOURCE_MAX = 500;

export function amountProblem(text: string, minOre: number, maxOre: number, t: Translate, money: (ore: number) => string): string | undefined {
  if (text.trim() === '') return t('moneyAdmin.form.amountMissing');
  const ore = parseKroner(text);
  if (ore === null) return t('moneyAdmin.form.amountInvalid');
  if (ore < minOre || ore > maxOre) return t('moneyAdmin.form.amountRange', { min: money(minOre), max: money(maxOre) });
  return undefined;
}

export function sourceProblem(text: string, t: Translate): string | undefined {
  if (text.trim() === '') return t('moneyAdmin.form.sourceMissing');
  if (text.trim().length > SOURCE_MAX) return t('moneyAdmin.form.sourceTooLong', { max: SOURCE_MAX });
  return undefined;
}
