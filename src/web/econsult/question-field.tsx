// One question of a questionnaire as a form field, by its kind: yes/no and single choice as radios, multi as checkboxes,
// text as a text area, number as a text field with its unit. Required questions say so in their label.
import { Checkbox, Fieldset, Radio, Tag, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import { useId, useState, type ReactNode } from 'react';
import { useLanguage, useT } from '../i18n/index.tsx';
import type { AnswerProblemKind, AnswerValue, Question } from '../../shared/econsult/questionnaire.ts';
import { parseNumberAnswer, textIn } from './answers.ts';
import { useProblemText } from './problem-text.ts';

export const questionFieldId = (id: string) => `question-${id}`;

export interface QuestionFieldProps {
  question: Question;
  value: AnswerValue | undefined;
  problem: AnswerProblemKind | undefined;
  onChange: (value: AnswerValue | undefined) => void;
}

export function QuestionField(props: QuestionFieldProps) {
  switch (props.question.kind) {
    case 'yesno':
    case 'single':
      return <ChoiceField {...props} />;
    case 'multi':
      return <MultiField {...props} />;
    case 'text':
      return <TextField {...props} />;
    case 'number':
      return <NumberField {...props} />;
  }
}

function QuestionLabel({ question }: { question: Question }) {
  const t = useT();
  const { language } = useLanguage();
  return (
    <>
      {textIn(question.label, language)}
      {question.required && (
        <>
          {' '}
          <Tag data-color="warning" data-size="sm" className="nl-econsult-required">
            {t('econsult.required')}
          </Tag>
        </>
      )}
    </>
  );
}

/** A fieldset for the kinds with several inputs; Designsystemet ties its legend, help and message to each input. */
function Group({ question, problem, children }: { question: Question; problem: AnswerProblemKind | undefined; children: ReactNode }) {
  const { language } = useLanguage();
  const problemText = useProblemText();
  return (
    <Fieldset id={questionFieldId(question.id)} tabIndex={-1}>
      <Fieldset.Legend>
        <QuestionLabel question={question} />
      </Fieldset.Legend>
      {question.help && <Fieldset.Description>{textIn(question.help, language)}</Fieldset.Description>}
      {children}
      {problem && <ValidationMessage>{problemText(question, problem)}</ValidationMessage>}
    </Fieldset>
  );
}

function ChoiceField({ question, value, problem, onChange }: QuestionFieldProps) {
  const t = useT();
  const { language } = useLanguage();
  const name = useId();
  const options =
    question.kind === 'yesno'
      ? [
          { value: true as AnswerValue, label: t('econsult.yes') },
          { value: false as AnswerValue, label: t('econsult.no') },
        ]
      : (question.options ?? []).map((o) => ({ value: o.value as AnswerValue, label: textIn(o.label, language) }));
  return (
    <Group question={question} problem={problem}>
      <div className={question.kind === 'yesno' ? 'nl-econsult-yesno' : undefined}>
        {options.map((o) => (
          <Radio key={String(o.value)} name={name} value={String(o.value)} label={o.label} checked={value === o.value} aria-invalid={problem ? true : undefined} onChange={() => onChange(o.value)} />
        ))}
      </div>
    </Group>
  );
}

function MultiField({ question, value, problem, onChange }: QuestionFieldProps) {
  const { language } = useLanguage();
  const chosen = Array.isArray(value) ? value : [];
  // Kept in the questionnaire's order, whatever order they were ticked in.
  const toggle = (code: string, on: boolean) => {
    const next = (question.options ?? []).map((o) => o.value).filter((v) => (v === code ? on : chosen.includes(v)));
    onChange(next.length > 0 ? next : undefined);
  };
  return (
    <Group question={question} problem={problem}>
      {(question.options ?? []).map((o) => (
        <Checkbox
          key={o.value}
          value={o.value}
          label={textIn(o.label, language)}
          checked={chosen.includes(o.value)}
          aria-invalid={problem ? true : undefined}
          onChange={(event) => toggle(o.value, event.target.checked)}
        />
      ))}
    </Group>
  );
}

function TextField({ question, value, problem, onChange }: QuestionFieldProps) {
  const t = useT();
  const { language } = useLanguage();
  const problemText = useProblemText();
  return (
    <Textfield
      id={questionFieldId(question.id)}
      multiline
      rows={3}
      label={<QuestionLabel question={question} />}
      description={question.help ? textIn(question.help, language) : undefined}
      counter={question.maxLength ? { limit: question.maxLength, under: t('booking.reason.left'), over: t('booking.reason.over') } : undefined}
      value={typeof value === 'string' ? value : ''}
      onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)}
      error={problem ? problemText(question, problem) : undefined}
    />
  );
}

function NumberField({ question, value, problem, onChange }: QuestionFieldProps) {
  const { language } = useLanguage();
  const problemText = useProblemText();
  // The text as typed ("37," on the way to "37,5"); the answer is what it means.
  const [typed, setTyped] = useState(value === undefined ? '' : String(value).replace('.', language === 'en' ? '.' : ','));
  return (
    <Textfield
      id={questionFieldId(question.id)}
      inputMode={question.integer ? 'numeric' : 'decimal'}
      autoComplete="off"
      label={<QuestionLabel question={question} />}
      description={question.help ? textIn(question.help, language) : undefined}
      suffix={question.unit ? textIn(question.unit, language) : undefined}
      value={typed}
      onChange={(event) => {
        setTyped(event.target.value);
        onChange(parseNumberAnswer(event.target.value));
      }}
      error={problem ? problemText(question, problem) : undefined}
      className="nl-econsult-number-field"
    />
  );
}
