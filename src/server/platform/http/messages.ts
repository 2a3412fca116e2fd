// Server-side messages (problem details, login pages) in the four languages. The web app has its own catalogue.
import { nb } from './messages/nb.ts';
import { nn } from './messages/nn.ts';
import { sv } from './messages/sv.ts';
import { en } from './messages/en.ts';

export type Language = 'nb' | 'nn' | 'sv' | 'en';
export const LANGUAGES: readonly Language[] = ['nb', 'nn', 'sv', 'en'];

export type MessageKey = keyof typeof nb;
export type Catalogue = Record<MessageKey, string>;

export const CATALOGUES: Record<Language, Catalogue> = { nb, nn, sv, en };

export function message(lang: Language, key: MessageKey, params: Record<string, string | number> = {}): string {
  return CATALOGUES[lang][key].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}

/** The user's language: their session's choice, else the first supported Accept-Language, else bokmål. */
export function pickLanguage(sessionLanguage: string | undefined, acceptLanguage: string | undefined): Language {
  if (sessionLanguage && (LANGUAGES as readonly string[]).includes(sessionLanguage)) return sessionLanguage as Language;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0]?.trim().toLowerCase() ?? '';
    if (tag === 'no' || tag.startsWith('nb')) return 'nb';
    if (tag.startsWith('nn')) return 'nn';
    if (tag.startsWith('sv')) return 'sv';
    if (tag.startsWith('en')) return 'en';
  }
  return 'nb';
}
