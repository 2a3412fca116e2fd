// The UI language: the provider, useT() for translated texts and useLanguage() to read or change the language.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { queryClient, sendJson, setApiLanguage } from '../api.ts';
import { en } from './en.ts';
import { storeLanguage, type Language } from './languages.ts';
import { nb, type Catalogue, type MessageKey } from './nb.ts';
import { nn } from './nn.ts';
import { sv } from './sv.ts';

export type { MessageKey } from './nb.ts';
export type Params = Readonly<Record<string, string | number>>;
export type Translate = (key: MessageKey, params?: Params) => string;

export interface ChangeOptions {
  /** Keep the choice in localStorage (default true). */
  remember?: boolean;
  /** Tell the server with PUT /api/session/language (default true). */
  tellServer?: boolean;
}

interface I18n {
  language: Language;
  setLanguage: (language: Language, options?: ChangeOptions) => void;
  t: Translate;
}

export const CATALOGUES: Readonly<Record<Language, Catalogue>> = { nb, nn, sv, en };

export function translate(language: Language, key: MessageKey, params?: Params): string {
  const text = CATALOGUES[language][key] ?? nb[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** For codes from the server (service names, roles, states): is there a text for this key? */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(nb, key);
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ initial, children }: { initial: Language; children: ReactNode }) {
  const [language, setState] = useState<Language>(initial);

  useEffect(() => {
    document.documentElement.lang = language;
    setApiLanguage(language);
  }, [language]);

  const setLanguage = useCallback((next: Language, options: ChangeOptions = {}) => {
    // Set at once, so that requests made before the next render already speak the new language.
    setApiLanguage(next);
    document.documentElement.lang = next;
    setState(next);
    if (options.remember ?? true) storeLanguage(next);
    if (options.tellServer ?? true) {
      // The server keeps the language for texts it writes later (notifications); failing here changes nothing for the page.
      sendJson('PUT', '/api/session/language', { language: next })
        .catch(() => undefined)
        .finally(() => void queryClient.invalidateQueries());
    }
  }, []);

  const value = useMemo<I18n>(
    () => ({ language, setLanguage, t: (key, params) => translate(language, key, params) }),
    [language, setLanguage],
  );
  return <I18nContext value={value}>{children}</I18nContext>;
}

function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useT() and useLanguage() need an <I18nProvider> above them');
  return value;
}

/** The translate function for the current language: t('key', { param }). */
export function useT(): Translate {
  return useI18n().t;
}

export function useLanguage(): Pick<I18n, 'language' | 'setLanguage'> {
  const { language, setLanguage } = useI18n();
  return { language, setLanguage };
}
