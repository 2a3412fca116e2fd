// Turns a failed request into words for the user: the server's own detail, a login prompt on 401, or a general message.
import { Alert, Paragraph } from '@digdir/designsystemet-react';
import { useEffect } from 'react';
import { ApiError, queryClient, sessionQuery } from '../api.ts';
import { useT, type Translate } from '../i18n/index.tsx';
import { LoginPrompt } from './login-prompt.tsx';

export function problemText(error: unknown, t: Translate): string {
  if (error instanceof ApiError) return error.detail ?? t('error.generic');
  if (error instanceof TypeError) return t('error.network');
  return t('error.generic');
}

export function isUnauthenticated(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}

export function ProblemMessage({ error, loginKind }: { error: unknown; loginKind: 'patient' | 'staff' }) {
  const t = useT();
  const unauthenticated = isUnauthenticated(error);

  useEffect(() => {
    // The session ran out while the page was open: let the header learn it too (once; the page does not ask again).
    if (unauthenticated) void queryClient.invalidateQueries({ queryKey: sessionQuery.queryKey });
  }, [unauthenticated]);

  if (unauthenticated) return <LoginPrompt kind={loginKind} />;
  return (
    <Alert data-color="danger" role="alert">
      <Paragraph>{problemText(error, t)}</Paragraph>
    </Alert>
  );
}
