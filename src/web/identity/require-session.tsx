// Gate for pages that need a login of one kind: asks for login, or points a staff member / patient to their own page.
import { Paragraph } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';
import { AppLink } from '../platform/app-link.tsx';
import { Loading } from '../platform/loading.tsx';
import { LoginPrompt } from '../platform/login-prompt.tsx';
import { ProblemMessage } from '../platform/problem-message.tsx';
import { useT } from '../i18n/index.tsx';
import { useSession } from './session.ts';
import type { Session, SessionKind } from './types.ts';

export type LoggedIn = Extract<Session, { authenticated: true }>;

export function RequireSession({ kind, children }: { kind: SessionKind; children: (session: LoggedIn) => ReactNode }) {
  const t = useT();
  const session = useSession();
  if (session.isPending) return <Loading />;
  // A failed refresh of a session already known keeps the page (and what the user is doing in it, such as a form's
  // notice); only a first load that failed replaces the page.
  if (session.isError && session.data === undefined) return <ProblemMessage error={session.error} loginKind={kind} />;
  if (!session.data.authenticated) return <LoginPrompt kind={kind} />;
  if (session.data.kind !== kind) {
    return (
      <>
        <Paragraph>{t(kind === 'patient' ? 'auth.onlyPatients' : 'auth.onlyStaff')}</Paragraph>
        <Paragraph>
          {session.data.kind === 'patient' ? (
            <AppLink to="/min-side">{t('start.goToMinSide')}</AppLink>
          ) : (
            <AppLink to="/ansatt">{t('start.goToStaff')}</AppLink>
          )}
        </Paragraph>
      </>
    );
  }
  return <>{children(session.data)}</>;
}
