// A case with the clinic: where it stands (said in a live region as it changes), when the answer is due in the clinic's
// time, the conversation, the answer form when the clinician asked something, and what was sent.
import { Heading, Paragraph } from '@digdir/designsystemet-react';
import { useEffect, useId, useRef } from 'react';
import { useClinicTime } from '../booking/clinic-time.ts';
import { displayName } from '../identity/display-name.ts';
import { Facts, type Fact } from '../platform/facts.tsx';
import { Section } from '../platform/section.tsx';
import { useT } from '../i18n/index.tsx';
import type { Questionnaire } from '../../shared/econsult/questionnaire.ts';
import { AnswerForm } from './answer-form.tsx';
import { CaseContent } from './case-content.tsx';
import { Conversation } from './conversation.tsx';
import { PhotoField } from './photo-field.tsx';
import { usePriceText } from './price-facts.ts';
import type { CaseView } from './types.ts';

/** Photos in all once the case is open (five with it, more when the doctor asks); the server counts them too. */
const MAX_OPEN_PHOTOS = 10;

export function OpenCase({ view, questionnaire, focus }: { view: CaseView; questionnaire: Questionnaire | undefined; focus: boolean }) {
  const t = useT();
  const time = useClinicTime(view.clinic.timeZone);
  const priceText = usePriceText();
  const headingId = useId();
  const answerId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const waiting = view.status === 'waiting_for_patient';

  useEffect(() => {
    // Just sent: the new state takes the focus. A live change is only announced (the heading sits in a live region).
    if (focus) heading.current?.focus();
  }, [focus]);

  const facts: Fact[] = [
    [t('booking.fact.patient'), displayName(view.patient.name, t)],
    [t('booking.fact.clinic'), view.clinic.name],
  ];
  if (view.submittedAt) facts.push([t('econsult.fact.sent'), <time dateTime={view.submittedAt}>{time.capitalise(time.dayAndTime(view.submittedAt))}</time>]);
  if (view.price) facts.push([t('econsult.price.heading'), priceText(view.price).explanation]);

  return (
    <>
      <section className="nl-section nl-econsult-panel" aria-labelledby={headingId}>
        <div aria-live="polite" aria-atomic="true">
          <Heading level={2} data-size="md" id={headingId} ref={heading} tabIndex={-1}>
            {t(`econsult.status.sentence.${view.status as 'open' | 'claimed' | 'waiting_for_patient'}`)}
          </Heading>
        </div>
        {view.dueAt && (
          <Paragraph data-size="lg">
            {t('econsult.dueBy', { time: time.dayAndTime(view.dueAt) })}
          </Paragraph>
        )}
        <Facts items={facts} />
        <Paragraph data-size="sm">{t('econsult.notice')}</Paragraph>
      </section>
      <Conversation messages={view.messages} timeZone={view.clinic.timeZone} audience="patient" />
      {waiting && (
        <section className="nl-section" aria-labelledby={answerId}>
          <Heading level={2} data-size="sm" id={answerId}>
            {t('econsult.answer.heading')}
          </Heading>
          <AnswerForm caseId={view.id} labelledBy={answerId} onAnswered={() => heading.current?.focus()} />
          <PhotoField caseId={view.id} photos={view.photos} max={MAX_OPEN_PHOTOS} removable={false} hint={t('econsult.photo.afterSubmit')} />
        </section>
      )}
      <Section title={t('econsult.sent.heading')}>
        <CaseContent view={view} questionnaire={questionnaire} />
      </Section>
    </>
  );
}
