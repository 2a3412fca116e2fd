// The messages of a case in order: the clinician's replies and questions, the patient's answers, and the outcome.
import { Heading, Paragraph } from '@digdir/designsystemet-react';
import { useClinicTime } from '../booking/clinic-time.ts';
import { displayName } from '../identity/display-name.ts';
import { Section } from '../platform/section.tsx';
import { useT } from '../i18n/index.tsx';
import type { MessageView } from './types.ts';

export function Conversation({ messages, timeZone, audience }: { messages: readonly MessageView[]; timeZone: string; audience: 'patient' | 'staff' }) {
  const t = useT();
  const time = useClinicTime(timeZone);
  return (
    <Section title={t('econsult.messages.heading')}>
      {messages.length === 0 ? (
        <Paragraph>{t(audience === 'patient' ? 'econsult.messages.nonePatient' : 'econsult.messages.none')}</Paragraph>
      ) : (
        <ol className="nl-econsult-messages">
          {messages.map((m) => {
            const author =
              m.authorRole === 'clinician' ? displayName(m.authorName, t) : audience === 'patient' ? t('econsult.messages.you') : (m.authorName ?? t('econsult.messages.patient'));
            return (
              <li key={m.id} className={`nl-econsult-message nl-econsult-message--${m.authorRole}`}>
                <Heading level={3} data-size="2xs">
                  {t('econsult.messages.from', { kind: t(`econsult.messageKind.${m.kind}`), author })}
                </Heading>
                <Paragraph data-size="sm" className="nl-muted">
                  <time dateTime={m.createdAt}>{time.capitalise(time.dayAndTime(m.createdAt))}</time>
                </Paragraph>
                <Paragraph className="nl-econsult-text">{m.body}</Paragraph>
              </li>
            );
          })}
        </ol>
      )}
    </Section>
  );
}
