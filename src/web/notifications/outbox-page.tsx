// "/dev/outbox": a developer's view of the notifications the dev outbox "sent", newest first, refreshed every 3 s; and an SMS to send in.
import { Paragraph, Tag } from '@digdir/designsystemet-react';
import { Page } from '../platform/page.tsx';
import { QueryState } from '../platform/query-state.tsx';
import { useT } from '../i18n/index.tsx';
import { EmailMessage } from './email-message.tsx';
import { useOutbox } from './outbox-api.ts';
import { SendSmsForm } from './send-sms-form.tsx';
import { SmsMessage } from './sms-message.tsx';
import './outbox.css';

export function OutboxPage() {
  const t = useT();
  const outbox = useOutbox();
  return (
    <Page title={t('outbox.title')}>
      <Paragraph>{t('outbox.intro')}</Paragraph>
      <SendSmsForm />
      <QueryState query={outbox} loginKind="patient">
        {(messages) =>
          messages.length === 0 ? (
            <Paragraph>{t('outbox.empty')}</Paragraph>
          ) : (
            <ul className="nl-outbox" aria-label={t('outbox.title')}>
              {messages.map((message) => (
                <li key={message.id} className="nl-outbox__item">
                  <Tag data-color="info" data-size="sm">
                    {t(message.channel === 'sms' ? 'outbox.sms' : 'outbox.email')}
                  </Tag>
                  {message.channel === 'sms' ? <SmsMessage message={message} /> : <EmailMessage message={message} />}
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </Page>
  );
}
