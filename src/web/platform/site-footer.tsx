// The page footer: what the service is, and the dev outbox link where the server has that tool switched on.
import { Paragraph } from '@digdir/designsystemet-react';
import { useSession } from '../identity/session.ts';
import { useT } from '../i18n/index.tsx';
import { AppLink } from './app-link.tsx';

export function SiteFooter() {
  const t = useT();
  const { data: session } = useSession();
  return (
    <footer className="nl-footer">
      <div className="nl-container nl-footer__inner">
        <Paragraph data-size="sm">
          {t('app.name')} – {t('app.tagline')}
        </Paragraph>
        {session?.devOutbox && (
          <Paragraph data-size="sm">
            <AppLink to="/dev/outbox">{t('footer.devOutbox')}</AppLink>
          </Paragraph>
        )}
      </div>
    </footer>
  );
}
