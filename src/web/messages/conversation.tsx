// A thread's messages in order (author, role and time with each) and its attachments: photos shown, PDFs as downloads.
import { Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { displayName } from '../identity/display-name.ts';
import { Section } from '../platform/section.tsx';
import { useFormat } from '../i18n/format.ts';
import { useT } from '../i18n/index.tsx';
import { attachmentUrl, type ThreadAttachment, type ThreadMessage } from './messages-api.ts';

export function Conversation({ messages }: { messages: readonly ThreadMessage[] }) {
  const t = useT();
  const format = useFormat();
  return (
    <Section title={t('messages.thread.messages')}>
      <ol className="nl-message-list">
        {messages.map((m) => {
          const author = m.mine ? t('messages.author.you') : t('messages.author.named', { name: displayName(m.authorName, t), role: t(`messages.role.${m.authorRole}`) });
          const side = m.authorRole === 'patient' || m.authorRole === 'guardian' ? 'patient' : 'clinic';
          return (
            <li key={m.id} className={`nl-message nl-message--${side}`}>
              <Heading level={3} data-size="2xs">
                {t('messages.thread.from', { author })}
              </Heading>
              <Paragraph data-size="sm" className="nl-muted">
                <time dateTime={m.createdAt}>{format.dateTime(m.createdAt)}</time>
              </Paragraph>
              <Paragraph className="nl-message__body">{m.body}</Paragraph>
            </li>
          );
        })}
      </ol>
    </Section>
  );
}

export function Attachments({ threadId, attachments, audience }: { threadId: string; attachments: readonly ThreadAttachment[]; audience: 'patient' | 'staff' }) {
  const t = useT();
  const format = useFormat();
  if (attachments.length === 0) return null;
  return (
    <ul className="nl-message-attachments">
      {attachments.map((a, index) => {
        const name = t('messages.attachment.name', { number: index + 1, count: attachments.length });
        const url = attachmentUrl(audience, threadId, a.id);
        const size = t('messages.attachment.size', { size: Math.max(1, Math.round(a.bytes / 1024)) });
        return (
          <li key={a.id}>
            {a.contentType === 'application/pdf' ? (
              <Link href={url} download>
                {t('messages.attachment.pdf', { name, size })}
              </Link>
            ) : (
              <Link href={url} target="_blank" rel="noopener">
                <img src={url} alt={t('messages.attachment.photo', { name })} loading="lazy" />
                <span className="ds-sr-only"> {t('messages.attachment.opensFull')}</span>
              </Link>
            )}
            <span className="nl-muted">{t('messages.attachment.added', { date: format.dateTime(a.createdAt) })}</span>
          </li>
        );
      })}
    </ul>
  );
}
