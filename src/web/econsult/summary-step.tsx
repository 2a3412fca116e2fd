// Step 4 of a draft: everything exactly as the doctor will see it, what it may cost, and "Send". A price to pay sends the
// patient to the card page; answers the server refuses send them back to the questions with the problems shown.
import { Alert, Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useId } from 'react';
import { isProblemType } from '../api.ts';
import { Facts } from '../platform/facts.tsx';
import { Section } from '../platform/section.tsx';
import { displayName } from '../identity/display-name.ts';
import { useT } from '../i18n/index.tsx';
import type { AnswerProblem, Questionnaire } from '../../shared/econsult/questionnaire.ts';
import { problemsOfRefusal, type DraftStep } from './answers.ts';
import { CaseContent } from './case-content.tsx';
import { useSubmitCase } from './patient-api.ts';
import { StepHeading } from './step-heading.tsx';
import type { CaseView, SubmitResult } from './types.ts';
import { FormStatus } from '../platform/form-status.tsx';
import { PriceNotice } from '../money/price-notice.tsx';

export interface SummaryStepProps {
  view: CaseView;
  questionnaire: Questionnaire | undefined;
  focus: boolean;
  onEdit: (step: DraftStep) => void;
  onRefused: (problems: AnswerProblem[]) => void;
  onSubmitted: () => void;
}

/** The card page is another site: a full page load, never a client-side navigation. */
export function goToPayment(result: SubmitResult): boolean {
  if (!result.redirectUrl) return false;
  window.location.assign(result.redirectUrl);
  return true;
}

export function SummaryStep({ view, questionnaire, focus, onEdit, onRefused, onSubmitted }: SummaryStepProps) {
  const t = useT();
  const submit = useSubmitCase(view.id);
  const headingId = useId();
  const priceId = useId();
  // A redirect is on its way: keep the button busy until the page goes.
  const leaving = submit.isSuccess && Boolean(submit.data.redirectUrl);

  function send() {
    if (submit.isPending || leaving) return;
    submit.mutate(undefined, {
      onSuccess: (result) => {
        if (!goToPayment(result)) onSubmitted();
      },
      onError: (error) => {
        const problems = isProblemType(error, 'econsult-answers') ? problemsOfRefusal(error.problem) : [];
        if (problems.length > 0) onRefused(problems);
      },
    });
  }

  const editButton = (step: DraftStep, label: string) => (
    <div>
      <Button variant="secondary" data-size="sm" onClick={() => onEdit(step)}>
        {label}
      </Button>
    </div>
  );

  return (
    <section className="nl-section nl-econsult-form" aria-labelledby={headingId}>
      <StepHeading step="summary" id={headingId} focus={focus} />
      {view.paymentDeclined && (
        <Alert data-color="danger">
          <Heading level={3} data-size="xs">
            {t('econsult.payment.declinedHeading')}
          </Heading>
          <Paragraph>{t('econsult.payment.declined')}</Paragraph>
        </Alert>
      )}
      <Paragraph>{t('econsult.summary.intro')}</Paragraph>
      <Facts
        items={[
          [t('booking.fact.patient'), displayName(view.patient.name, t)],
          [t('booking.fact.clinic'), view.clinic.name],
        ]}
      />
      {editButton('reason', t('econsult.summary.editReason'))}
      <CaseContent
        view={view}
        questionnaire={questionnaire}
        edit={{ questions: editButton('questions', t('econsult.summary.editAnswers')), details: editButton('details', t('econsult.summary.editDetails')) }}
      />
      <Section title={t('econsult.price.heading')} level={3}>
        <PriceNotice id={priceId} clinicId={view.clinic.id} service="econsult" patientId={view.patient.id} />
        <Paragraph>{t('econsult.price.before')}</Paragraph>
      </Section>
      <FormStatus error={submit.isError ? submit.error : null} />
      <div>
        <Button loading={submit.isPending || leaving} aria-describedby={priceId} onClick={send}>
          {t('econsult.summary.send')}
        </Button>
      </div>
    </section>
  );
}
