// The GP list's codes and figures in words of the UI language: numbers, gender, spoken languages, office services,
// extra-switch reasons, a child's refusal, and how full a list is.
import { useMemo } from 'react';
import { isMessageKey, useLanguage, useT } from '../i18n/index.tsx';
import { LOCALES } from '../i18n/languages.ts';
import type { ExtraSwitchReason, GpGender, GpSummary } from '../../server/gp/api.ts';

export interface GpWords {
  /** 1 200, in the language's grouping. */
  count: (n: number) => string;
  /** Picks the one/other text for the count (given as {count}). */
  plural: (n: number, one: `gp.${string}.one`, other: `gp.${string}.other`) => string;
  gender: (gender: GpGender | null) => string | null;
  /** "norsk, engelsk og polsk"; a language without a text stays as written. */
  languages: (languages: readonly string[]) => string | null;
  /** An office's digital service; an unknown code is shown as it is. */
  service: (code: string) => string;
  extraReason: (reason: ExtraSwitchReason) => string;
  /** Why a child did not move along ('gp-no-switches-left', …). */
  childProblem: (problem: string) => string;
  /** "2 ledige plasser" or "Full liste – 3 på venteliste". */
  places: (gp: Pick<GpSummary, 'freePlaces' | 'waitingCount'>) => string;
}

export function useGpWords(): GpWords {
  const t = useT();
  const { language } = useLanguage();
  return useMemo(() => {
    const locales = LOCALES[language];
    const numbers = new Intl.NumberFormat(locales);
    const rules = new Intl.PluralRules(locales);
    const list = new Intl.ListFormat(locales, { type: 'conjunction' });
    const known = (key: string, fallback: string) => (isMessageKey(key) ? t(key) : fallback);
    const count = (n: number) => numbers.format(n);
    const plural: GpWords['plural'] = (n, one, other) => {
      const key = rules.select(n) === 'one' ? one : other;
      return isMessageKey(key) ? t(key, { count: count(n) }) : String(n);
    };
    return {
      count,
      plural,
      gender: (gender) => (gender ? t(gender === 'female' ? 'gp.gender.female' : 'gp.gender.male') : null),
      languages: (languages) => (languages.length ? list.format(languages.map((l) => known(`gp.language.${l.trim().toLowerCase()}`, l))) : null),
      service: (code) => known(`service.${code}`, code),
      extraReason: (reason) => known(`gp.switches.extra.${reason}`, reason),
      childProblem: (problem) => known(`gp.switch.child.${problem}`, t('gp.switch.child.other')),
      places: (gp) => (gp.freePlaces > 0 ? plural(gp.freePlaces, 'gp.find.free.one', 'gp.find.free.other') : t('gp.find.full', { count: count(gp.waitingCount) })),
    };
  }, [language, t]);
}
