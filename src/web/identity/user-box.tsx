// In the header when logged in: who is logged in, and the logout button.
import { Button, Paragraph, ValidationMessage } from '@digdir/designsystemet-react';
import { useT } from '../i18n/index.tsx';
import { displayName } from './display-name.ts';
import { useLogout, useSession } from './session.ts';

export function UserBox() {
  const t = useT();
  const { data: session } = useSession();
  const logout = useLogout();
  if (!session?.authenticated) return null;
  return (
    <div className="nl-user">
      <Paragraph data-size="sm">{t('header.loggedInAs', { name: displayName(session.person.name, t) })}</Paragraph>
      <Button variant="secondary" data-size="sm" loading={logout.isPending} onClick={() => logout.mutate()}>
        {t('header.logout')}
      </Button>
      {logout.isError && (
        <ValidationMessage data-size="sm" role="alert">
          {t('header.logoutFailed')}
        </ValidationMessage>
      )}
    </div>
  );
}
