// "/e-konsultasjon/saker": the patient's e-consultations and their children's, newest first, each saying whom it is about.
import { Card, Heading, Paragraph } from '@digdir/designsystemet-react';
import { displayName } from '../identity/display-name.ts';
import { RequireSession } from '../identity/require-session.tsx';
import { AppLink } from '../platform/app-link.tsx';
import { Facts, type Fact } from '../platform/facts.tsx';
import { Page } from '../platform/page.tsx';
import { QueryList } from '../platform/query-list.tsx';
import { useFormat } from '../i18n/format.ts';
import { useT } from '../i18n/index.tsx';
import { useMyCases } from './patient-api.ts';
import { useReasonTitles } from './reason-titles.ts';
import { CaseStatusTag } from './status-tag.tsx';
import type { CaseSummary } from './types.ts';
import '../booking/booking.css';
import './econsult.css';

export function MyCasesPage() {
  const t = useT();
  return (
    <Page title={t('econsult.myCases.title')}>
      <Paragraph>
        <AppLink to="/e-konsultasjon">{t('econsult.new')}</AppLink>
      </Paragraph>
      <RequireSession kind="patient">{() => <MyCases />}</RequireSession>
    </Page>
  );
}

function MyCases() {
  const t = useT();
  const cases = useMyCases();
  const titleOf = useReasonTitles();
  return (
    <QueryList query={cases} loginKind="patient" empty={t('econsult.myCases.empty')}>
      {(c) => <CaseCard key={c.id} summary={c} title={titleOf(c.reasonId)} />}
    </QueryList>
  );
}

function CaseCard({ summary, title }: { summary: CaseSummary; title: string }) {
  const t = useT();
  const format = useFormat();
  const facts: Fact[] = [
    [t('booking.fact.patient'), displayName(summary.patientName, t)],
    [t('booking.fact.clinic'), summary.clinicName],
    [t('econsult.fact.started'), format.dateTime(summary.createdAt)],
  ];
  if (summary.submittedAt) facts.push([t('econsult.fact.sent'), format.dateTime(summary.submittedAt)]);
  if (summary.dueAt && !summary.closedAt) facts.push([t('econsult.fact.due'), format.dateTime(summary.dueAt)]);
  if (summary.closedAt) facts.push([t('econsult.fact.closed'), format.dateTime(summary.closedAt)]);
  return (
    <li>
      <Card data-color="neutral" className="nl-appointment">
        <Heading level={2} data-size="xs">
          <AppLink to={`/e-konsultasjon/${encodeURIComponent(summary.id)}`}>{title}</AppLink>
        </Heading>
        <span className="nl-tags">
          <CaseStatusTag status={summary.status} />
        </span>
        <Facts items={facts} />
      </Card>
    </li>
  );
}
