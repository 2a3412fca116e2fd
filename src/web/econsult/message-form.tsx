// The clinician writes to the patient: a reply (the case stays with them) or a question (the case waits for the patient).
import { Button, Fieldset, Radio, Textfield } from '@digdir/designsystemet-react';
import { useId, useState, type FormEvent } from 'react';
import { useT } from '../i18n/index.tsx';
import { MAX_DESCRIPTION } from './details-step.tsx';
import { useWrite } from './staff-api.ts';
import { FormStatus } from '../platform/form-status.tsx';

export function MessageForm({ caseId, labelledBy, onDone }: { caseId: string; labelledBy: string; onDone: (text: string) => void }) {
  const t = useT();
  const write = useWrite(caseId);
  const name = useId();
  const [kind, setKind] = useState<'reply' | 'question'>('reply');
  const [body, setBody] = useState('');
  const [problem, setProblem] = useState<string | undefined>();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (write.isPending) return;
    const text = body.trim();
    if (text === '') return setProblem(t('staffEconsult.message.missing'));
    if (text.length > MAX_DESCRIPTION) return setProblem(t('booking.reason.tooLong', { max: MAX_DESCRIPTION }));
    setProblem(undefined);
    write.mutate(
      { kind, body: text },
      {
        onSuccess: () => {
          setBody('');
          onDone(t(kind === 'question' ? 'staffEconsult.message.askedDone' : 'staffEconsult.message.repliedDone'));
        },
      },
    );
  }

  return (
    <form className="nl-form" noValidate onSubmit={submit} aria-labelledby={labelledBy}>
      <Fieldset>
        <Fieldset.Legend>{t('staffEconsult.message.kind')}</Fieldset.Legend>
        <Radio name={name} value="reply" label={t('staffEconsult.message.reply')} description={t('staffEconsult.message.replyHint')} checked={kind === 'reply'} onChange={() => setKind('reply')} />
        <Radio name={name} value="question" label={t('staffEconsult.message.question')} description={t('staffEconsult.message.questionHint')} checked={kind === 'question'} onChange={() => setKind('question')} />
      </Fieldset>
      <Textfield
        multiline
        rows={5}
        label={t('staffEconsult.message.body')}
        counter={{ limit: MAX_DESCRIPTION, under: t('booking.reason.left'), over: t('booking.reason.over') }}
        value={body}
        onChange={(event) => setBody(event.target.value)}
        error={problem}
      />
      <FormStatus error={write.isError ? write.error : null} />
      <div>
        <Button type="submit" loading={write.isPending}>
          {t(kind === 'question' ? 'staffEconsult.message.sendQuestion' : 'staffEconsult.message.sendReply')}
        </Button>
      </div>
    </form>
  );
}
