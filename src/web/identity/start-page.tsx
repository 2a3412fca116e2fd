// The public front page: what Nettlege is, the two ways to log in (full page loads), or the way on when already logged in.
import { Alert, Button, Paragraph } from '@digdir/designsystemet-react';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { EmergencyNotice } from '../platform/emergency-notice.tsx';
import { Page } from '../platform/page.tsx';
import { useT } from '../i18n/index.tsx';
import { displayName } from './display-name.ts';
import { loginHref, useSession } from './session.ts';

export function StartPage() {
  const t = useT();
  const { data: session } = useSession();
  const [params] = useSearchParams();
  const loginProblem = params.get('login');
  return (
    <Page title={t('start.title')}>
      {loginProblem && !session?.authenticated && (
        <Alert data-color="danger" role="alert">
          {t(loginProblem === 'not-staff' ? 'start.notStaff' : 'start.loginFailed')}
        </Alert>
      )}
      <Paragraph data-size="lg">{t('start.intro')}</Paragraph>
      {session?.authenticated ? (
        <>
          <Paragraph>{t('start.loggedIn', { name: displayName(session.person.name, t) })}</Paragraph>
          <div className="nl-actions">
            <Button asChild>
              {session.kind === 'patient' ? (
                <RouterLink to="/min-side">{t('start.goToMinSide')}</RouterLink>
              ) : (
                <RouterLink to="/ansatt">{t('start.goToStaff')}</RouterLink>
              )}
            </Button>
          </div>
        </>
      ) : (
        <>
          <Paragraph>{t('start.eid')}</Paragraph>
          <div className="nl-actions">
            <Button asChild>
              <a href={loginHref('patient')}>{t('auth.login')}</a>
            </Button>
            <Button asChild variant="secondary">
              <a href={loginHref('staff')}>{t('start.loginStaff')}</a>
            </Button>
          </div>
        </>
      )}
      <EmergencyNotice />
    </Page>
  );
}
