// Shown where a page needs a login: a short message and a real link to the login (a full page load, never a fetch).
import { Alert, Link, Paragraph } from '@digdir/designsystemet-react';
import { loginHref } from '../identity/session.ts';
import { useT } from '../i18n/index.tsx';

export function LoginPrompt({ kind }: { kind: 'patient' | 'staff' }) {
  const t = useT();
  return (
    <Alert data-color="info">
      <Paragraph>{t('auth.required')}</Paragraph>
      <Paragraph>
        <Link href={loginHref(kind)}>{t('auth.login')}</Link>
      </Paragraph>
    </Alert>
  );
}
