// Dev outbox: "Send SMS til Nettlege" as a phone would (POST /api/dev/sms-inbound), so SMS booking can be tried; replies land in the outbox.
import { Alert, Button, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useMutation } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { queryClient, sendJson } from '../api.ts';
import { problemText } from '../platform/problem-message.tsx';
import { isMessageKey, useT } from '../i18n/index.tsx';
import { outboxKey } from './outbox-api.ts';

const EXAMPLE_FROM = '+4791000002';
const MAX_TEXT = 2000;

function useSendSms() {
  return useMutation({
    mutationFn: (sms: { from: string; text: string }) => sendJson<{ outcome: string }>('POST', '/api/dev/sms-inbound', sms),
    // The reply is written to the outbox at once; show it without waiting for the next poll.
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: outboxKey }),
  });
}

export function SendSmsForm() {
  const t = useT();
  const send = useSendSms();
  const [from, setFrom] = useState(EXAMPLE_FROM);
  const [text, setText] = useState('');
  const [missing, setMissing] = useState<{ from?: string; text?: string }>({});
  const headingId = useId();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problems = { ...(from.trim() ? {} : { from: t('outbox.sendSms.fromMissing') }), ...(text.trim() ? {} : { text: t('outbox.sendSms.textMissing') }) };
    setMissing(problems);
    if (problems.from || problems.text || send.isPending) return;
    send.mutate({ from: from.trim(), text });
  }

  const outcomeKey = send.data ? `outbox.sendSms.outcome.${send.data.outcome}` : '';
  return (
    <section className="nl-phone nl-send-sms" aria-labelledby={headingId}>
      <Heading level={2} data-size="2xs" className="nl-phone__top" id={headingId}>
        {t('outbox.sendSms.heading')}
      </Heading>
      <form className="nl-phone__screen" noValidate onSubmit={submit}>
        <Paragraph data-size="sm">{t('outbox.sendSms.intro')}</Paragraph>
        <Textfield
          label={t('outbox.sendSms.from')}
          type="tel"
          inputMode="tel"
          autoComplete="off"
          value={from}
          onChange={(event) => {
            setFrom(event.target.value);
            send.reset();
          }}
          error={missing.from}
        />
        <Textfield
          multiline
          rows={3}
          label={t('outbox.sendSms.text')}
          placeholder="FJORDBYEN 270258 Ola Hansen Trenger time"
          description={t('outbox.sendSms.textHint')}
          maxLength={MAX_TEXT}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            send.reset();
          }}
          error={missing.text}
        />
        <div>
          <Button type="submit" loading={send.isPending}>
            {t('outbox.sendSms.submit')}
          </Button>
        </div>
        <div aria-live="polite" className="nl-form__status">
          {send.isSuccess && (
            <Alert data-color={send.data.outcome === 'requested' ? 'success' : 'info'} data-size="sm">
              <Paragraph data-size="sm">{isMessageKey(outcomeKey) ? t(outcomeKey) : send.data.outcome}</Paragraph>
            </Alert>
          )}
          {send.isError && (
            <Alert data-color="danger" data-size="sm">
              <Paragraph data-size="sm">{problemText(send.error, t)}</Paragraph>
            </Alert>
          )}
        </div>
      </form>
    </section>
  );
}
