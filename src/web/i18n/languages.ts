// The four UI languages, their Intl locales, their own names, and where the user's choice is kept.
export type Language = 'nb' | 'nn' | 'sv' | 'en';

export const LANGUAGES: readonly Language[] = ['nb', 'nn', 'sv', 'en'];
export const DEFAULT_LANGUAGE: Language = 'nb';

// Browsers without nynorsk data fall back to bokmål rather than to English.
export const LOCALES: Record<Language, string[]> = {
  nb: ['nb-NO', 'no'],
  nn: ['nn-NO', 'nb-NO', 'no'],
  sv: ['sv-SE'],
  en: ['en-GB'],
};

// Each language is offered in its own name (an autonym), which is the same whatever the UI language is.
export const AUTONYMS: Record<Language, string> = {
  nb: 'Norsk bokmål',
  nn: 'Norsk nynorsk',
  sv: 'Svenska',
  en: 'English',
};

const STORAGE_KEY = 'nettlege.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The language the user chose earlier on this device, if any (storage may be blocked). */
export function storedLanguage(): Language | undefined {
  try {
    const value = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

export function storeLanguage(language: Language): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, language);
  } catch {
    // Private browsing may forbid storage; the choice then lasts for this page only.
  }
}
