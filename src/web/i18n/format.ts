// Dates, times and ages in the UI language; clock times are always shown in Norwegian time (Europe/Oslo).
import { useMemo } from 'react';
import { useLanguage, useT } from './index.tsx';
import { LOCALES } from './languages.ts';

const TIME_ZONE = 'Europe/Oslo';
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface Format {
  /** An instant (ISO string) as date and clock time in Oslo. */
  dateTime: (iso: string) => string;
  /** A calendar date ("2015-03-04") or an instant, as a long date. */
  date: (value: string) => string;
  /** "7 år", "1 year", "7 years". */
  age: (years: number) => string;
}

export function useFormat(): Format {
  const { language } = useLanguage();
  const t = useT();
  return useMemo(() => {
    const locales = LOCALES[language];
    const dateTime = new Intl.DateTimeFormat(locales, { dateStyle: 'medium', timeStyle: 'short', timeZone: TIME_ZONE });
    // A calendar date has no zone: format it as the same day in UTC so it never shifts by one.
    const calendarDate = new Intl.DateTimeFormat(locales, { dateStyle: 'long', timeZone: 'UTC' });
    const instantDate = new Intl.DateTimeFormat(locales, { dateStyle: 'long', timeZone: TIME_ZONE });
    const plural = new Intl.PluralRules(locales);
    return {
      dateTime: (iso) => formatOr(iso, (d) => dateTime.format(d)),
      date: (value) => {
        const parts = DATE_ONLY.exec(value);
        if (parts) return calendarDate.format(new Date(Date.UTC(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3]))));
        return formatOr(value, (d) => instantDate.format(d));
      },
      age: (years) => t(plural.select(years) === 'one' ? 'age.one' : 'age.other', { count: years }),
    };
  }, [language, t]);
}

function formatOr(value: string, format: (date: Date) => string): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : format(date);
}
