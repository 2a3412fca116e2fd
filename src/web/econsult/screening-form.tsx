// The emergency screening: every yes/no question answered before anything else; a yes ends the flow with what to do now,
// all no starts the case. Judged on "Gå videre", not on each click, so arrow keys in a radio group cannot trip it.
import { Alert, Button, ErrorSummary, Fieldset, Heading, Paragraph, Radio, ValidationMessage } from '@digdir/designsystemet-react';
import { useId, useState, type FormEvent } from 'react';
import { problemText } from '../platform/problem-message.tsx';
import { useLanguage, useT } from '../i18n/index.tsx';
import { screeningOutcome, type ScreeningQuestion } from '../../shared/econsult/questionnaire.ts';
import { textIn } from './answers.ts';
import { EmergencyStop } from './emergency-stop.tsx';
import { useFocusOnMount } from './step-focus.ts';
import type { EconsultSetup } from './types.ts';

export interface ScreeningFormProps {
  setup: EconsultSetup;
  /** Who and where, said above the questions. */
  context: string;
  starting: boolean;
  startError: unknown;
  onBack: () => void;
  onAllNo: (screening: Record<string, boolean>) => void;
}

const fieldId = (id: string) => `screening-${id}`;

export function ScreeningForm({ setup, context, starting, startError, onBack, onAllNo }: ScreeningFormProps) {
  const t = useT();
  const { language } = useLanguage();
  const headingId = useId();
  // Always reached from the step before: its heading takes the focus when it appears (the setup may load first).
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const [answers, setAnswers] = useState<Record<string, boolean>>({});
  // Counts the tries: each new try mounts the error summary again, which then takes the focus.
  const [tries, setTries] = useState(0);
  const [stopped, setStopped] = useState(false);
  const shown = tries > 0;
  const questions = setup.screening.questions;
  const missing = questions.filter((q) => answers[q.id] === undefined);

  if (stopped) return <EmergencyStop emergency={setup.emergency} />;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (starting) return;
    const outcome = screeningOutcome(setup.screening, answers);
    if (outcome === 'stop') return setStopped(true);
    if (outcome === 'incomplete') return setTries((n) => n + 1);
    onAllNo(answers);
  }

  return (
    <form className="nl-form nl-econsult-form" noValidate onSubmit={submit} aria-labelledby={headingId}>
      <Heading level={2} data-size="sm" id={headingId} ref={headingRef} tabIndex={-1}>
        {t('econsult.screening.heading')}
      </Heading>
      <Paragraph>{context}</Paragraph>
      <Paragraph>{t('econsult.screening.intro')}</Paragraph>
      {shown && missing.length > 0 && (
        <ErrorSummary key={tries}>
          <ErrorSummary.Heading>{t('econsult.screening.missingHeading')}</ErrorSummary.Heading>
          <ErrorSummary.List>
            {missing.map((q) => (
              <ErrorSummary.Item key={q.id}>
                <ErrorSummary.Link href={`#${fieldId(q.id)}`}>{textIn(q.label, language)}</ErrorSummary.Link>
              </ErrorSummary.Item>
            ))}
          </ErrorSummary.List>
        </ErrorSummary>
      )}
      {questions.map((q) => (
        <YesNo key={q.id} question={q} value={answers[q.id]} error={shown && answers[q.id] === undefined} onChange={(v) => setAnswers((a) => ({ ...a, [q.id]: v }))} />
      ))}
      <div aria-live="polite" className="nl-form__status">
        {startError !== null && startError !== undefined && (
          <Alert data-color="danger">
            <Paragraph>{problemText(startError, t)}</Paragraph>
          </Alert>
        )}
      </div>
      <div className="nl-actions">
        <Button type="submit" loading={starting}>
          {t('econsult.screening.next')}
        </Button>
        <Button type="button" variant="secondary" onClick={onBack}>
          {t('econsult.back')}
        </Button>
      </div>
    </form>
  );
}

function YesNo({ question, value, error, onChange }: { question: ScreeningQuestion; value: boolean | undefined; error: boolean; onChange: (v: boolean) => void }) {
  const t = useT();
  const { language } = useLanguage();
  const name = useId();
  // Designsystemet ties the legend, description and validation message of the fieldset to each radio.
  return (
    <Fieldset id={fieldId(question.id)} tabIndex={-1}>
      <Fieldset.Legend>{textIn(question.label, language)}</Fieldset.Legend>
      {question.help && <Fieldset.Description>{textIn(question.help, language)}</Fieldset.Description>}
      <div className="nl-econsult-yesno">
        <Radio name={name} value="yes" label={t('econsult.yes')} checked={value === true} aria-invalid={error || undefined} onChange={() => onChange(true)} />
        <Radio name={name} value="no" label={t('econsult.no')} checked={value === false} aria-invalid={error || undefined} onChange={() => onChange(false)} />
      </div>
      {error && <ValidationMessage>{t('econsult.screening.answerThis')}</ValidationMessage>}
    </Fieldset>
  );
}
