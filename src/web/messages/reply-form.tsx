// The answer at the end of a thread, the same for the patient and the clinic: required text, the outcome announced.
import { Button, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useId, useState, type FormEvent } from 'react';
import { FormStatus } from '../platform/form-status.tsx';
import { Notice, useNotice } from '../platform/notice.tsx';
import { useT } from '../i18n/index.tsx';

export const MAX_BODY = 20000;

interface Props {
  send: { mutate: (body: string, options: { onSuccess: () => void }) => void; isPending: boolean; isError: boolean; error: unknown };
  texts: { title: string; hint?: string; body: string; submit: string; sent: string };
}

export function ReplyForm({ send, texts }: Props) {
  const t = useT();
  const notice = useNotice();
  const [body, setBody] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const headingId = useId();
  const fieldId = useId();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (send.isPending) return;
    const text = body.trim();
    const missing = text === '' ? t('messages.reply.missing') : text.length > MAX_BODY ? t('booking.reason.tooLong', { max: MAX_BODY }) : undefined;
    setProblem(missing);
    if (missing) return document.getElementById(fieldId)?.focus();
    send.mutate(text, {
      onSuccess: () => {
        setBody('');
        notice.show(texts.sent);
      },
    });
  }

  return (
    <section className="nl-section" aria-labelledby={headingId}>
      <Heading id={headingId} level={2} data-size="sm">
        {texts.title}
      </Heading>
      {texts.hint && <Paragraph data-size="sm">{texts.hint}</Paragraph>}
      <form className="nl-form nl-message-form" noValidate onSubmit={submit} aria-labelledby={headingId}>
        <Textfield id={fieldId} multiline rows={5} label={texts.body} value={body} onChange={(e) => setBody(e.target.value)} error={problem} />
        <FormStatus error={send.isError ? send.error : null} />
        <div>
          <Button type="submit" loading={send.isPending}>
            {texts.submit}
          </Button>
        </div>
      </form>
      <Notice notice={notice} />
    </section>
  );
}
