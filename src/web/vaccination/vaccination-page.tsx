// "/vaksine": seasonal vaccination for the patient (or the child a parent acts for): their vaccine times, and the
// campaigns open for booking.
import { Paragraph } from '@digdir/designsystemet-react';
import { useT } from '../i18n/index.tsx';
import { displayName } from '../identity/display-name.ts';
import { RequireSession } from '../identity/require-session.tsx';
import { Page } from '../platform/page.tsx';
import { QueryState } from '../platform/query-state.tsx';
import { Section } from '../platform/section.tsx';
import { CampaignBooking } from './campaign-booking.tsx';
import { MyVaccinations } from './my-vaccinations.tsx';
import { useCampaigns } from './vaccination-api.ts';
import './vaccination.css';

export function VaccinationPage() {
  const t = useT();
  return (
    <Page title={t('vaccination.title')}>
      <RequireSession kind="patient">
        {(session) => (
          <>
            <Paragraph>{t('vaccination.intro')}</Paragraph>
            <MyVaccinations />
            <Campaigns forName={session.actingFor ? displayName(session.actingFor.name, t) : null} />
          </>
        )}
      </RequireSession>
    </Page>
  );
}

function Campaigns({ forName }: { forName: string | null }) {
  const t = useT();
  const campaigns = useCampaigns();
  return (
    <Section title={t('vaccination.book')}>
      <QueryState query={campaigns} loginKind="patient">
        {(list) => (list.length === 0 ? <Paragraph>{t('vaccination.noCampaigns')}</Paragraph> : list.map((c) => <CampaignBooking key={c.id} campaign={c} forName={forName} />))}
      </QueryState>
    </Section>
  );
}
