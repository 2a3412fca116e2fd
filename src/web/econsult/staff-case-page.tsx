// "/ansatt/e-konsultasjon/:id": one case for the clinician (an audited read): who and what, the flagged answers first,
// everything the patient sent, the conversation, what can be done now, earlier cases and the history. Kept live.
import { Alert, Heading, Link, Paragraph, Tag } from '@digdir/designsystemet-react';
import { useParams } from 'react-router';
import { useClinicTime } from '../booking/clinic-time.ts';
import { displayName } from '../identity/display-name.ts';
import { AppLink } from '../platform/app-link.tsx';
import { Facts, type Fact } from '../platform/facts.tsx';
import { LiveNotice } from '../platform/live-notice.tsx';
import { QueryState } from '../platform/query-state.tsx';
import { Section } from '../platform/section.tsx';
import { StaffPage } from '../staff/staff-page.tsx';
import { useFormat } from '../i18n/format.ts';
import { useLanguage, useT } from '../i18n/index.tsx';
import type { Questionnaire } from '../../shared/econsult/questionnaire.ts';
import { answerRowId } from './answer-list.tsx';
import { textIn } from './answers.ts';
import { CaseContent } from './case-content.tsx';
import { CaseHistory, EarlierCases } from './case-history.tsx';
import { useCaseVersionWatch } from './case-live.ts';
import { Conversation } from './conversation.tsx';
import { useQuestionnaire } from './patient-api.ts';
import { usePriceText } from './price-facts.ts';
import { StaffActions } from './staff-actions.tsx';
import { useStaffCase } from './staff-api.ts';
import { CaseStatusTag } from './status-tag.tsx';
import type { StaffCaseView } from './types.ts';
import './econsult.css';

export function StaffEconsultCasePage() {
  const t = useT();
  const { id = '' } = useParams();
  return (
    <StaffPage title={t('staffEconsult.caseTitle')}>
      {(home) => (home.roles.includes('clinician') ? <CaseLoader id={id} /> : <Paragraph>{t('staffEconsult.onlyClinicians')}</Paragraph>)}
    </StaffPage>
  );
}

function CaseLoader({ id }: { id: string }) {
  const t = useT();
  const query = useStaffCase(id, true);
  const live = useCaseVersionWatch(id, query.data?.version, () => query.refetch(), query.data !== undefined);
  return (
    <>
      <Alert data-color="info">
        <Paragraph>{t('staff.accessLogged')}</Paragraph>
      </Alert>
      <LiveNotice status={live} />
      <QueryState query={query} loginKind="staff">
        {(view) => <StaffCase view={view} onStale={() => void query.refetch()} />}
      </QueryState>
      <Paragraph>
        <AppLink to="/ansatt/e-konsultasjon">{t('staffEconsult.backToQueue')}</AppLink>
      </Paragraph>
    </>
  );
}

function StaffCase({ view, onStale }: { view: StaffCaseView; onStale: () => void }) {
  const t = useT();
  const { language } = useLanguage();
  const questionnaire = useQuestionnaire(view.reasonId, view.questionnaireVersion);
  const q = questionnaire.data;
  return (
    <>
      <CaseFacts view={view} questionnaire={q} />
      {view.flags.length > 0 && (
        <Alert data-color="danger" className="nl-section">
          <Heading level={2} data-size="xs">
            {t(view.flags.length === 1 ? 'staffEconsult.flags.one' : 'staffEconsult.flags.other', { count: view.flags.length })}
          </Heading>
          <ul>
            {view.flags.map((f) => {
              const question = q?.questions.find((x) => x.id === f.questionId);
              return (
                <li key={f.questionId}>
                  <Link href={`#${answerRowId(f.questionId)}`}>{question ? textIn(question.label, language) : f.questionId}</Link>: {textIn(f.reason, language)}
                </li>
              );
            })}
          </ul>
        </Alert>
      )}
      <StaffActions view={view} onStale={onStale} />
      <Section title={t('staffEconsult.sent')}>
        <CaseContent view={view} questionnaire={q} showFlags />
      </Section>
      <Conversation messages={view.messages} timeZone={view.clinic.timeZone} audience="staff" />
      <EarlierCases view={view} />
      <CaseHistory view={view} />
    </>
  );
}

function CaseFacts({ view, questionnaire }: { view: StaffCaseView; questionnaire: Questionnaire | undefined }) {
  const t = useT();
  const { language } = useLanguage();
  const format = useFormat();
  const time = useClinicTime(view.clinic.timeZone);
  const priceText = usePriceText();
  const facts: Fact[] = [
    [t('person.name'), <AppLink to={`/ansatt/pasient/${encodeURIComponent(view.patient.id)}`}>{displayName(view.patient.name, t)}</AppLink>],
    [t('person.age'), `${format.age(view.patient.age)} (${format.date(view.patient.birthDate)})`],
    [t('staffEconsult.fact.reason'), questionnaire ? textIn(questionnaire.title, language) : (view.reasonId ?? '–')],
    [
      t('staffEconsult.fact.status'),
      <span className="nl-tags">
        <CaseStatusTag status={view.status} audience="staff" />
        {view.urgency && view.urgency !== 'in-time' && (
          <Tag data-color={view.urgency === 'overdue' ? 'danger' : 'warning'} data-size="sm">
            {t(`staffEconsult.urgency.${view.urgency}`)}
          </Tag>
        )}
      </span>,
    ],
  ];
  if (view.claimedBy) facts.push([t('staffEconsult.fact.holder'), view.mine ? t('staffEconsult.holder.mine') : displayName(view.claimedBy.name, t)]);
  if (view.submittedAt) facts.push([t('econsult.fact.sent'), time.capitalise(time.dayAndTime(view.submittedAt, true))]);
  if (view.dueAt) facts.push([t('econsult.fact.due'), time.capitalise(time.dayAndTime(view.dueAt, true))]);
  if (view.price) facts.push([t('econsult.price.heading'), priceText(view.price).amount]);
  return (
    <section className="nl-section" aria-label={t('staffEconsult.aboutCase')}>
      <Facts items={facts} />
    </section>
  );
}
