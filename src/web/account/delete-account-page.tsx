// "/min-side/slett-konto": what deleting one's account removes and what the law keeps, what must be done first (from
// the server), and the deletion itself after an explicit confirmation. Only one's own account.
import { Alert, Button, Checkbox, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { getJson, queryClient, sendJson } from '../api.ts';
import { useT, type MessageKey } from '../i18n/index.tsx';
import { RequireSession } from '../identity/require-session.tsx';
import { AppLink } from '../platform/app-link.tsx';
import { FormStatus } from '../platform/form-status.tsx';
import { Page } from '../platform/page.tsx';
import { QueryState } from '../platform/query-state.tsx';
import { Section } from '../platform/section.tsx';

const GOES: MessageKey[] = ['account.goes.messages', 'account.goes.notices', 'account.goes.contact', 'account.goes.consents', 'account.goes.sessions'];
const STAYS: MessageKey[] = ['account.stays.journal', 'account.stays.payments', 'account.stays.accessLog', 'account.stays.gp'];

export function DeleteAccountPage() {
  const t = useT();
  const [deleted, setDeleted] = useState(false);
  return (
    <Page title={t('account.title')}>
      {deleted ? (
        <Alert data-color="success">
          <Paragraph>{t('account.deleted')}</Paragraph>
        </Alert>
      ) : (
        <RequireSession kind="patient">
          {(session) =>
            session.actingFor ? (
              <Paragraph>{t('account.ownOnly')}</Paragraph>
            ) : (
              <DeleteAccount onDeleted={() => setDeleted(true)} />
            )
          }
        </RequireSession>
      )}
      <Paragraph>
        <AppLink to="/min-side">{t('account.back')}</AppLink>
      </Paragraph>
    </Page>
  );
}

function DeleteAccount({ onDeleted }: { onDeleted: () => void }) {
  const t = useT();
  const account = useQuery({ queryKey: ['account'], queryFn: () => getJson<{ open: string[] }>('/api/me/account') });
  const [sure, setSure] = useState(false);
  const remove = useMutation({
    mutationFn: () => sendJson<{ deletedAt: string }>('POST', '/api/me/account/delete', { confirm: true }),
    onSuccess: () => {
      onDeleted();
      queryClient.clear();
    },
  });
  return (
    <>
      <Paragraph>{t('account.intro')}</Paragraph>
      <Section title={t('account.goesTitle')}>
        <ul>{GOES.map((k) => <li key={k}>{t(k)}</li>)}</ul>
      </Section>
      <Section title={t('account.staysTitle')}>
        <Paragraph>{t('account.staysWhy')}</Paragraph>
        <ul>{STAYS.map((k) => <li key={k}>{t(k)}</li>)}</ul>
      </Section>
      <QueryState query={account} loginKind="patient">
        {({ open }) =>
          open.length > 0 ? (
            <Alert data-color="warning">
              <Heading level={2} data-size="xs">
                {t('account.firstTitle')}
              </Heading>
              <ul>
                {open.map((o) => (
                  <li key={o}>{t(`account.open.${o}` as MessageKey)}</li>
                ))}
              </ul>
            </Alert>
          ) : (
            <div className="nl-form">
              <Checkbox label={t('account.confirm')} checked={sure} onChange={(e) => setSure(e.target.checked)} />
              <FormStatus error={remove.isError ? remove.error : null} />
              <div>
                <Button data-color="danger" disabled={!sure} loading={remove.isPending} onClick={() => remove.mutate()}>
                  {t('account.delete')}
                </Button>
              </div>
            </div>
          )
        }
      </QueryState>
    </>
  );
}
