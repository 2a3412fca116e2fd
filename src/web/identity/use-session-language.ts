// Keeps the UI language and the session's language in step once per page load, after the session is known.
import { useEffect, useRef } from 'react';
import { useLanguage } from '../i18n/index.tsx';
import { storedLanguage } from '../i18n/languages.ts';
import { useSession } from './session.ts';

export function useSessionLanguage(): void {
  const { data: session } = useSession();
  const { language, setLanguage } = useLanguage();
  const done = useRef(false);

  useEffect(() => {
    if (done.current || !session?.authenticated) return;
    done.current = true;
    if (session.language === language) return;
    if (storedLanguage()) {
      // The user chose a language on this device (perhaps before logging in): let the server know it.
      setLanguage(language);
    } else {
      // No choice made here yet: follow the language the server has for this person.
      setLanguage(session.language, { remember: false, tellServer: false });
    }
  }, [session, language, setLanguage]);
}
