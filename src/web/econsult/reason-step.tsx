// Step 1 of a draft: what the contact is about, from the clinic's reasons that suit the patient (children's own, or not).
import { Button, Fieldset, Paragraph, Radio, ValidationMessage } from '@digdir/designsystemet-react';
import { useId, useState, type FormEvent } from 'react';
import { useLanguage, useT } from '../i18n/index.tsx';
import { reasonsFor, textIn } from './answers.ts';
import { useSaveDraft } from './patient-api.ts';
import { StepHeading } from './step-heading.tsx';
import type { CaseView, ReasonSummaryView } from './types.ts';
import { FormStatus } from '../platform/form-status.tsx';

export interface ReasonStepProps {
  view: CaseView;
  reasons: readonly ReasonSummaryView[];
  patientIsChild: boolean;
  focus: boolean;
  onDone: () => void;
}

export function ReasonStep({ view, reasons, patientIsChild, focus, onDone }: ReasonStepProps) {
  const t = useT();
  const { language } = useLanguage();
  const save = useSaveDraft(view.id);
  const headingId = useId();
  const name = useId();
  const offered = reasonsFor(reasons, patientIsChild);
  const [chosen, setChosen] = useState(offered.some((r) => r.reasonId === view.reasonId) ? (view.reasonId ?? '') : '');
  const [missing, setMissing] = useState(false);
  const dropsAnswers = view.reasonId !== null && chosen !== '' && chosen !== view.reasonId && Object.keys(view.answers).length > 0;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (save.isPending) return;
    if (!chosen) {
      setMissing(true);
      return document.getElementById('reason-choice')?.focus();
    }
    if (chosen === view.reasonId) return onDone();
    save.mutate({ reasonId: chosen }, { onSuccess: onDone });
  }

  return (
    <form className="nl-form nl-econsult-form" noValidate onSubmit={submit} aria-labelledby={headingId}>
      <StepHeading step="reason" id={headingId} focus={focus} />
      {offered.length === 0 ? (
        <Paragraph>{t('econsult.reason.none')}</Paragraph>
      ) : (
        <Fieldset id="reason-choice" tabIndex={-1}>
          <Fieldset.Legend>{t('econsult.reason.legend')}</Fieldset.Legend>
          {offered.map((r) => (
            <Radio
              key={r.reasonId}
              name={name}
              value={r.reasonId}
              label={textIn(r.title, language)}
              description={textIn(r.description, language)}
              checked={chosen === r.reasonId}
              aria-invalid={missing && !chosen ? true : undefined}
              onChange={() => {
                setChosen(r.reasonId);
                setMissing(false);
              }}
            />
          ))}
          {missing && !chosen && <ValidationMessage>{t('econsult.reason.missing')}</ValidationMessage>}
        </Fieldset>
      )}
      {dropsAnswers && <Paragraph data-size="sm">{t('econsult.reason.dropsAnswers')}</Paragraph>}
      <FormStatus error={save.isError ? save.error : null} />
      <div>
        <Button type="submit" loading={save.isPending} disabled={offered.length === 0}>
          {t('econsult.next')}
        </Button>
      </div>
    </form>
  );
}
