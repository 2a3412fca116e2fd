// Times in words, always on the clinic's wall clock (its IANA zone from the API), never the browser's: "tirsdag 1. desember kl. 08:00".
import { useMemo } from 'react';
import { useLanguage, useT } from '../i18n/index.tsx';
import { LOCALES } from '../i18n/languages.ts';
import { dateInZone } from './zoned-time.ts';

export interface ClinicTime {
  /** "08:00" */
  time: (iso: string) => string;
  /** A calendar date as "tirsdag 1. desember" (with the year when asked), cased for the middle of a sentence. */
  day: (date: string, withYear?: boolean) => string;
  /** "tirsdag 1. desember kl. 08:00" */
  dayAndTime: (iso: string, withYear?: boolean) => string;
  /** The calendar date of an instant in the clinic's zone. */
  dateOf: (iso: string) => string;
  /** Upper-case first letter, for a text that begins with a day: "Tirsdag 1. desember …". */
  capitalise: (text: string) => string;
}

export function useClinicTime(timeZone: string): ClinicTime {
  const { language } = useLanguage();
  const t = useT();
  return useMemo(() => {
    const locales = LOCALES[language];
    const clock = new Intl.DateTimeFormat(locales, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone });
    // A calendar date has no zone of its own: format its noon in UTC, so it is that day everywhere.
    const dayFormat = new Intl.DateTimeFormat(locales, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });
    const dayYearFormat = new Intl.DateTimeFormat(locales, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    const capitalise = (text: string) => text.charAt(0).toLocaleUpperCase(locales[0]) + text.slice(1);
    const day = (date: string, withYear = false) => {
      const [y, m, d] = date.split('-').map(Number) as [number, number, number];
      return (withYear ? dayYearFormat : dayFormat).format(Date.UTC(y, m - 1, d, 12));
    };
    const time = (iso: string) => clock.format(new Date(iso));
    const dateOf = (iso: string) => dateInZone(iso, timeZone);
    return {
      time,
      day,
      dateOf,
      capitalise,
      dayAndTime: (iso, withYear = false) => t('booking.dayAtTime', { day: day(dateOf(iso), withYear), time: time(iso) }),
    };
  }, [language, t, timeZone]);
}
