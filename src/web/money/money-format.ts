// Øre as kroner in the user's language ("170 kr"), with the formatter the e-consultation's prices already use.
import { useCallback } from 'react';
import { formatMoney } from '../econsult/price.ts';
import { useLanguage } from '../i18n/index.tsx';
import { LOCALES } from '../i18n/languages.ts';

export function useMoney(currency: 'NOK' | 'SEK' = 'NOK'): (ore: number) => string {
  const { language } = useLanguage();
  return useCallback((ore: number) => formatMoney(ore, currency, LOCALES[language]), [currency, language]);
}
