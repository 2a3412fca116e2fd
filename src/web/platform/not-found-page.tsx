// The page for client routes that do not exist.
import { Paragraph } from '@digdir/designsystemet-react';
import { useT } from '../i18n/index.tsx';
import { AppLink } from './app-link.tsx';
import { Page } from './page.tsx';

export function NotFoundPage() {
  const t = useT();
  return (
    <Page title={t('notFound.title')}>
      <Paragraph>{t('notFound.body')}</Paragraph>
      <Paragraph>
        <AppLink to="/">{t('notFound.home')}</AppLink>
      </Paragraph>
    </Page>
  );
}
