// One SMS from the outbox, drawn as a message bubble on a phone screen.
import { Heading } from '@digdir/designsystemet-react';
import { useFormat } from '../i18n/format.ts';
import { useT } from '../i18n/index.tsx';
import { MessageState } from './message-state.tsx';
import type { OutboxMessage } from './types.ts';

export function SmsMessage({ message }: { message: OutboxMessage }) {
  const t = useT();
  const format = useFormat();
  return (
    <article className="nl-phone">
      <Heading level={2} data-size="2xs" className="nl-phone__top">
        {t('outbox.smsTo', { to: message.to })}
      </Heading>
      <div className="nl-phone__screen">
        <p className="nl-bubble">{message.body}</p>
        <p className="nl-bubble__meta">
          <time dateTime={message.createdAt}>{format.dateTime(message.createdAt)}</time>
          <MessageState state={message.state} />
        </p>
        <p className="nl-bubble__meta">{t('outbox.template', { template: message.template })}</p>
      </div>
    </article>
  );
}
