// The patient's answer to the clinician's question; the case goes back to the clinician.
import { Button, Textfield } from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { useT } from '../i18n/index.tsx';
import { MAX_DESCRIPTION } from './details-step.tsx';
import { useAnswerQuestion } from './patient-api.ts';
import { FormStatus } from '../platform/form-status.tsx';

export function AnswerForm({ caseId, labelledBy, onAnswered }: { caseId: string; labelledBy: string; onAnswered: () => void }) {
  const t = useT();
  const answer = useAnswerQuestion(caseId);
  const [body, setBody] = useState('');
  const [problem, setProblem] = useState<string | undefined>();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (answer.isPending) return;
    const text = body.trim();
    if (text === '') return setProblem(t('econsult.answer.missing'));
    if (text.length > MAX_DESCRIPTION) return setProblem(t('booking.reason.tooLong', { max: MAX_DESCRIPTION }));
    setProblem(undefined);
    answer.mutate(text, {
      onSuccess: () => {
        setBody('');
        // The form goes away with the question answered: the case's new state takes the focus.
        onAnswered();
      },
    });
  }

  return (
    <form className="nl-form" noValidate onSubmit={submit} aria-labelledby={labelledBy}>
      <Textfield
        multiline
        rows={5}
        label={t('econsult.answer.label')}
        description={t('econsult.answer.hint')}
        counter={{ limit: MAX_DESCRIPTION, under: t('booking.reason.left'), over: t('booking.reason.over') }}
        value={body}
        onChange={(event) => setBody(event.target.value)}
        error={problem}
      />
      <FormStatus error={answer.isError ? answer.error : null} />
      <div>
        <Button type="submit" loading={answer.isPending}>
          {t('econsult.answer.send')}
        </Button>
      </div>
    </form>
  );
}
