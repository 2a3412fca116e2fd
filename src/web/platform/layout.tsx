// The frame around every page: skip link, header, main (where lazy pages load) and footer; focus moves to main on navigation.
import { SkipLink } from '@digdir/designsystemet-react';
import { Suspense, useEffect, useRef, type RefObject } from 'react';
import { Outlet, useLocation } from 'react-router';
import { useSessionLanguage } from '../identity/use-session-language.ts';
import { useT } from '../i18n/index.tsx';
import { Loading } from './loading.tsx';
import { SiteFooter } from './site-footer.tsx';
import { SiteHeader } from './site-header.tsx';

export function Layout() {
  const t = useT();
  const main = useRef<HTMLElement>(null);
  useSessionLanguage();
  useFocusOnNavigation(main);
  return (
    <div className="nl-app">
      <SkipLink href="#main">{t('skip.toMain')}</SkipLink>
      <SiteHeader />
      <main id="main" ref={main} tabIndex={-1} className="nl-main">
        <div className="nl-container nl-stack">
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </div>
      </main>
      <SiteFooter />
    </div>
  );
}

/** A screen reader stays where it was after a client-side navigation unless focus moves; move it to the new page. */
function useFocusOnNavigation(main: RefObject<HTMLElement | null>): void {
  const { pathname } = useLocation();
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    window.scrollTo(0, 0);
    main.current?.focus({ preventScroll: true });
  }, [pathname, main]);
}
