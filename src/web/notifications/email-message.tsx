// One e-mail from the outbox, drawn as a card with recipient, subject and text.
import { Card, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useFormat } from '../i18n/format.ts';
import { useT } from '../i18n/index.tsx';
import { MessageState } from './message-state.tsx';
import type { OutboxMessage } from './types.ts';

export function EmailMessage({ message }: { message: OutboxMessage }) {
  const t = useT();
  const format = useFormat();
  return (
    <Card asChild data-color="neutral" className="nl-email">
      <article>
        <Heading level={2} data-size="2xs">
          {message.subject ?? t('outbox.noSubject')}
        </Heading>
        <Paragraph data-size="sm" className="nl-email__meta">
          <span>{t('outbox.to', { to: message.to })}</span>
          <time dateTime={message.createdAt}>{format.dateTime(message.createdAt)}</time>
          <MessageState state={message.state} />
        </Paragraph>
        <Paragraph className="nl-email__body">{message.body}</Paragraph>
        <Paragraph data-size="xs" className="nl-muted">
          {t('outbox.template', { template: message.template })}
        </Paragraph>
      </article>
    </Card>
  );
}
