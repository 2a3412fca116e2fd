// "/fastlege" (Fastlegen din): the GP and the office, the switches left this year, the waiting list with its live
// position, and the journal transfer. A parent acting for a child sees the child's.
import { Paragraph } from '@digdir/designsystemet-react';
import { displayName } from '../identity/display-name.ts';
import { RequireSession, type LoggedIn } from '../identity/require-session.tsx';
import { AppLink } from '../platform/app-link.tsx';
import { LiveNotice } from '../platform/live-notice.tsx';
import { Page } from '../platform/page.tsx';
import { QueryState } from '../platform/query-state.tsx';
import { useT } from '../i18n/index.tsx';
import { useLiveMyGp } from './gp-api.ts';
import { GpDetails } from './gp-details.tsx';
import { SwitchesSection } from './switches-section.tsx';
import { TransfersSection } from './transfers-section.tsx';
import { WaitingSection } from './waiting-section.tsx';
import './gp.css';

export function MyGpPage() {
  const t = useT();
  return (
    <Page title={t('gp.page.title')}>
      <RequireSession kind="patient">{(session) => <MyGp key={session.actingFor?.id ?? session.person.id} session={session} />}</RequireSession>
      <Paragraph>
        <AppLink to="/min-side">{t('gp.page.back')}</AppLink>
      </Paragraph>
    </Page>
  );
}

function MyGp({ session }: { session: LoggedIn }) {
  const t = useT();
  const patientId = session.actingFor?.id ?? session.person.id;
  const { mine, live } = useLiveMyGp(patientId);
  return (
    <>
      {session.actingFor && <Paragraph>{t('gp.page.actingFor', { name: displayName(session.actingFor.name, t) })}</Paragraph>}
      <LiveNotice status={live} />
      <QueryState query={mine} loginKind="patient">
        {(data) => {
          const child = session.actingFor ? displayName(data.patientName, t) : null;
          return (
            <>
              <GpDetails mine={data} child={child} />
              <SwitchesSection mine={data} child={child} />
              <WaitingSection mine={data} child={child} />
              <TransfersSection mine={data} />
            </>
          );
        }}
      </QueryState>
    </>
  );
}
