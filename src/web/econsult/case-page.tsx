// "/e-konsultasjon/:id": one case, shown by its state: the draft's steps, the payment, the conversation while the clinic
// has it, or the outcome. Kept live: a new version on the case's topic fetches it again.
import { Paragraph } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useParams } from 'react-router';
import { useMe } from '../identity/me.ts';
import { RequireSession } from '../identity/require-session.tsx';
import type { Me } from '../identity/types.ts';
import { AppLink } from '../platform/app-link.tsx';
import { LiveNotice } from '../platform/live-notice.tsx';
import { Loading } from '../platform/loading.tsx';
import { Page } from '../platform/page.tsx';
import { QueryState } from '../platform/query-state.tsx';
import { useT } from '../i18n/index.tsx';
import { useCaseVersionWatch } from './case-live.ts';
import { ClosedCase } from './closed-case.tsx';
import { DraftCase } from './draft-case.tsx';
import { OpenCase } from './open-case.tsx';
import { refreshCase, useCase, useQuestionnaire, useSetup } from './patient-api.ts';
import { PaymentPanel } from './payment-panel.tsx';
import { usePaymentReturn } from './payment-return.ts';
import type { CaseView } from './types.ts';
import './econsult.css';

/** Children under this age have reasons of their own (and free care at public GP offices). */
const CHILD_UNDER = 16;

export function EconsultCasePage() {
  const t = useT();
  const { id = '' } = useParams();
  return (
    <Page title={t('econsult.title')}>
      <RequireSession kind="patient">{() => <CaseLoader id={id} />}</RequireSession>
      <Paragraph>
        <AppLink to="/e-konsultasjon/saker">{t('econsult.myCases.link')}</AppLink>
      </Paragraph>
    </Page>
  );
}

function CaseLoader({ id }: { id: string }) {
  const t = useT();
  const query = useCase(id);
  const me = useMe();
  const payment = usePaymentReturn(id);
  // Subscribed once the case is known to be there (a missing one would only add a "not live" notice to the 404).
  const live = useCaseVersionWatch(id, query.data?.version, () => refreshCase(id), query.data !== undefined);
  if (payment.checking) {
    return (
      <div role="status">
        <Paragraph>{t('econsult.payment.checking')}</Paragraph>
        <Loading />
      </div>
    );
  }
  return (
    <>
      <LiveNotice status={live} />
      <QueryState query={query} loginKind="patient">
        {(view) => <QueryState query={me} loginKind="patient">{(meData) => <CaseByStatus view={view} me={meData} returned={payment.returned} />}</QueryState>}
      </QueryState>
    </>
  );
}

/** The patient's age from Min side's data: the logged-in person or one of their children. */
export function patientAge(me: Me, patientId: string): number | undefined {
  if (me.person.id === patientId) return me.person.age;
  return me.children.find((c) => c.id === patientId)?.age;
}

function CaseByStatus({ view, me, returned }: { view: CaseView; me: Me; returned: boolean }) {
  const setup = useSetup(view.status === 'draft' ? view.clinic.id : undefined);
  const questionnaire = useQuestionnaire(view.reasonId, view.questionnaireVersion);
  // The status view takes the focus only after the patient's own move here (sending), not on arrival or a live change.
  const [sent, setSent] = useState(false);
  const age = patientAge(me, view.patient.id);

  switch (view.status) {
    case 'draft':
      return (
        <QueryState query={setup} loginKind="patient">
          {(data) => <DraftCase view={view} setup={data} patientIsChild={age !== undefined && age < CHILD_UNDER} onSubmitted={() => setSent(true)} />}
        </QueryState>
      );
    case 'awaiting_payment':
      return <PaymentPanel view={view} returned={returned} />;
    case 'open':
    case 'claimed':
    case 'waiting_for_patient':
      return <OpenCase view={view} questionnaire={questionnaire.data} focus={sent} />;
    case 'closed':
    case 'rejected':
    case 'expired':
      return <ClosedCase view={view} questionnaire={questionnaire.data} />;
  }
}
