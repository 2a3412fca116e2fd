// "/min-side/samtykker": each consent — to e-consultation and electronic processing, to SMS notices, to e-mail notices —
// with its text, whether it is given, withdrawn or never answered (and when, to which version), and a button to give or
// withdraw it. A withdrawal takes effect at once. A parent sees a child's while acting for the child.
import { Button, Heading, Paragraph, Tag } from '@digdir/designsystemet-react';
import { useId } from 'react';
import { useT } from '../i18n/index.tsx';
import { useFormat } from '../i18n/format.ts';
import { displayName } from '../identity/display-name.ts';
import { RequireSession } from '../identity/require-session.tsx';
import { AppLink } from '../platform/app-link.tsx';
import { FormStatus } from '../platform/form-status.tsx';
import { Notice, useNotice } from '../platform/notice.tsx';
import { Page } from '../platform/page.tsx';
import { QueryState } from '../platform/query-state.tsx';
import { useConsents, useSetConsent, type ConsentView } from './consents-api.ts';

export function ConsentsPage() {
  const t = useT();
  return (
    <Page title={t('consents.title')}>
      <RequireSession kind="patient">
        {(session) => <Consents subjectId={session.actingFor?.id ?? session.person.id} forName={session.actingFor ? displayName(session.actingFor.name, t) : null} />}
      </RequireSession>
      <Paragraph>
        <AppLink to="/min-side">{t('consents.back')}</AppLink>
      </Paragraph>
    </Page>
  );
}

function Consents({ subjectId, forName }: { subjectId: string; forName: string | null }) {
  const t = useT();
  const consents = useConsents(subjectId);
  const notice = useNotice();
  return (
    <>
      <Paragraph>{t('consents.intro')}</Paragraph>
      {forName && <Paragraph>{t('consents.actingFor', { name: forName })}</Paragraph>}
      <Notice notice={notice} />
      <QueryState query={consents} loginKind="patient">
        {(list) => (
          <>
            {list.map((c) => (
              <Consent key={c.kind} consent={c} onDone={notice.show} />
            ))}
          </>
        )}
      </QueryState>
    </>
  );
}

function Consent({ consent, onDone }: { consent: ConsentView; onDone: (text: string) => void }) {
  const t = useT();
  const format = useFormat();
  const headingId = useId();
  const set = useSetConsent();
  const title = t(`consents.kind.${consent.kind}`);
  const status =
    consent.given === null
      ? t(consent.kind === 'econsult' ? 'consents.status.notYet' : 'consents.status.byAddress')
      : t(consent.given ? 'consents.status.given' : 'consents.status.withdrawn', { date: format.dateTime(consent.changedAt!), version: consent.version! });
  const given = consent.given ?? consent.kind !== 'econsult';
  return (
    <section className="nl-section" aria-labelledby={headingId}>
      <Heading level={2} data-size="xs" id={headingId}>
        {title}
      </Heading>
      <Paragraph>{consent.text}</Paragraph>
      <Paragraph>
        <Tag data-color={given ? 'success' : 'neutral'}>{t(given ? 'consents.on' : 'consents.off')}</Tag> {status}
      </Paragraph>
      <FormStatus error={set.isError ? set.error : null} />
      <div>
        <Button
          variant="secondary"
          aria-describedby={headingId}
          loading={set.isPending}
          onClick={() => set.mutate({ kind: consent.kind, given: !given }, { onSuccess: () => onDone(t(given ? 'consents.withdrawnNotice' : 'consents.givenNotice', { title })) })}
        >
          {t(given ? 'consents.withdraw' : 'consents.give')}
        </Button>
      </div>
    </section>
  );
}
