// A case that is over: the outcome and what the patient does now (book a visit, fetch a prescription), what it cost or
// that it cost nothing, then the conversation and what was sent.
import { Alert, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useId } from 'react';
import { useClinicTime } from '../booking/clinic-time.ts';
import { AppLink } from '../platform/app-link.tsx';
import { Section } from '../platform/section.tsx';
import { useT } from '../i18n/index.tsx';
import type { Questionnaire } from '../../shared/econsult/questionnaire.ts';
import { CaseContent } from './case-content.tsx';
import { Conversation } from './conversation.tsx';
import { usePriceText } from './price-facts.ts';
import { outcomeOf } from './case-state.ts';
import type { CaseView } from './types.ts';

export function ClosedCase({ view, questionnaire }: { view: CaseView; questionnaire: Questionnaire | undefined }) {
  const t = useT();
  const time = useClinicTime(view.clinic.timeZone);
  const priceText = usePriceText();
  const headingId = useId();
  const outcome = outcomeOf(view);
  const charged = outcome !== 'rejected' && outcome !== 'expired' && view.price && view.price.amountOre > 0 ? priceText(view.price).amount : null;

  return (
    <>
      <Alert data-color={outcome === 'rejected' || outcome === 'expired' ? 'warning' : 'success'} className="nl-section" aria-labelledby={headingId}>
        <div aria-live="polite" aria-atomic="true">
          <Heading level={2} data-size="sm" id={headingId}>
            {t(`econsult.outcome.${outcome}`)}
          </Heading>
        </div>
        {view.closedAt && (
          <Paragraph data-size="sm">
            <time dateTime={view.closedAt}>{time.capitalise(time.dayAndTime(view.closedAt, true))}</time>
          </Paragraph>
        )}
        {outcome !== 'expired' && view.outcomeSummary && <Paragraph className="nl-econsult-text">{view.outcomeSummary}</Paragraph>}
        <Paragraph>{t(`econsult.outcome.${outcome}.next`)}</Paragraph>
        {outcome === 'in-person' && (
          <Paragraph>
            <AppLink to="/timebestilling">{t('nav.booking')}</AppLink>
          </Paragraph>
        )}
        <Paragraph>{charged ? t('econsult.outcome.charged', { amount: charged }) : t('econsult.outcome.free')}</Paragraph>
      </Alert>
      <Conversation messages={view.messages.filter((m) => m.kind !== 'outcome')} timeZone={view.clinic.timeZone} audience="patient" />
      <Section title={t('econsult.sent.heading')}>
        <CaseContent view={view} questionnaire={questionnaire} />
      </Section>
    </>
  );
}
