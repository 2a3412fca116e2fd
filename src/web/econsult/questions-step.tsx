// Step 2 of a draft: the reason's questionnaire. Conditional questions come and go with the answers, the check is the
// server's own rules (shared), and the answers are saved when the patient moves on (or back).
import { Button, ErrorSummary, Paragraph } from '@digdir/designsystemet-react';
import { useId, useState, type FormEvent } from 'react';
import { useLanguage, useT } from '../i18n/index.tsx';
import { cleanAnswers, validateAnswers, visibleQuestions, type AnswerProblem, type AnswerValue, type Questionnaire } from '../../shared/econsult/questionnaire.ts';
import { problemsById, textIn, withoutEmpty } from './answers.ts';
import { useSaveDraft } from './patient-api.ts';
import { useProblemText } from './problem-text.ts';
import { QuestionField, questionFieldId } from './question-field.tsx';
import { StepHeading } from './step-heading.tsx';
import type { CaseView } from './types.ts';
import { FormStatus } from '../platform/form-status.tsx';

export interface QuestionsStepProps {
  view: CaseView;
  questionnaire: Questionnaire;
  /** Problems the server found at submit, shown at once. */
  initialProblems: readonly AnswerProblem[];
  focus: boolean;
  onBack: () => void;
  onDone: () => void;
}

export function QuestionsStep({ view, questionnaire, initialProblems, focus, onBack, onDone }: QuestionsStepProps) {
  const t = useT();
  const { language } = useLanguage();
  const save = useSaveDraft(view.id);
  const headingId = useId();
  const problemTextOf = useProblemText();
  const [answers, setAnswers] = useState<Record<string, AnswerValue | undefined>>(() => ({ ...view.answers }));
  // Problems show after the first try (or when the server sent some) and follow the answers from then on.
  const [tries, setTries] = useState(initialProblems.length > 0 ? 1 : 0);
  const current = withoutEmpty(answers);
  const questions = visibleQuestions(questionnaire, current);
  const problems = tries > 0 ? validateAnswers(questionnaire, current).filter((p) => p.problem !== 'unknown') : [];
  const byId = problemsById(problems);
  const shownProblems = questions.filter((q) => byId.has(q.id));

  function leave(then: () => void, check: boolean) {
    if (save.isPending) return;
    if (check && validateAnswers(questionnaire, current).length > 0) return setTries((n) => n + 1);
    save.mutate({ answers: cleanAnswers(questionnaire, current) }, { onSuccess: then });
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    leave(onDone, true);
  }

  return (
    <form className="nl-form nl-econsult-form" noValidate onSubmit={submit} aria-labelledby={headingId}>
      {/* Refused answers: the error summary takes the focus instead (it focuses itself when it appears). */}
      <StepHeading step="questions" id={headingId} focus={focus && initialProblems.length === 0} />
      <Paragraph>{textIn(questionnaire.title, language)}</Paragraph>
      {shownProblems.length > 0 && (
        <ErrorSummary key={tries}>
          <ErrorSummary.Heading>{t('econsult.questions.problemsHeading')}</ErrorSummary.Heading>
          <ErrorSummary.List>
            {shownProblems.map((q) => (
              <ErrorSummary.Item key={q.id}>
                <ErrorSummary.Link href={`#${questionFieldId(q.id)}`}>
                  {textIn(q.label, language)}: {problemTextOf(q, byId.get(q.id)!)}
                </ErrorSummary.Link>
              </ErrorSummary.Item>
            ))}
          </ErrorSummary.List>
        </ErrorSummary>
      )}
      {questions.map((q) => (
        <QuestionField key={q.id} question={q} value={answers[q.id]} problem={byId.get(q.id)} onChange={(value) => setAnswers((a) => ({ ...a, [q.id]: value }))} />
      ))}
      <FormStatus error={save.isError ? save.error : null} />
      <div className="nl-actions">
        <Button type="submit" loading={save.isPending}>
          {t('econsult.next')}
        </Button>
        <Button type="button" variant="secondary" disabled={save.isPending} onClick={() => leave(onBack, false)}>
          {t('econsult.back')}
        </Button>
      </div>
    </form>
  );
}
