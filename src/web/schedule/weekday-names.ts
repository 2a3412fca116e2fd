// Weekday names in the UI language, Monday (1) to Sunday (7), from Intl rather than the catalogues.
import { useMemo } from 'react';
import { useLanguage } from '../i18n/index.tsx';
import { LOCALES } from '../i18n/languages.ts';

/** "Mandag" for 1 … "Søndag" for 7, capitalised for a label or the start of a line. */
export function useWeekdayNames(): (weekday: number) => string {
  const { language } = useLanguage();
  return useMemo(() => {
    const locales = LOCALES[language];
    const format = new Intl.DateTimeFormat(locales, { weekday: 'long', timeZone: 'UTC' });
    // 1 January 2024 was a Monday.
    const names = Array.from({ length: 7 }, (_, i) => {
      const name = format.format(Date.UTC(2024, 0, 1 + i, 12));
      return name.charAt(0).toLocaleUpperCase(locales[0]) + name.slice(1);
    });
    return (weekday: number) => names[weekday - 1] ?? String(weekday);
  }, [language]);
}
