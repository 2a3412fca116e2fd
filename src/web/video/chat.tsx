// Text chat inside the call: passed between the participants and never stored; gone when the page closes.
import { Button, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { MAX_CHAT_LENGTH, type VideoChat } from '../../shared/video-api.ts';
import { Section } from '../platform/section.tsx';
import { useT } from '../i18n/index.tsx';
import { roleText } from './names.ts';

export function Chat({ messages, onSend }: { messages: VideoChat[]; onSend: (text: string) => boolean }) {
  const t = useT();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | undefined>();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = text.trim();
    if (!trimmed) return;
    if (trimmed.length > MAX_CHAT_LENGTH) return setProblem(t('video.chat.tooLong', { max: MAX_CHAT_LENGTH }));
    if (!onSend(trimmed)) return setProblem(t('video.chat.notSent'));
    setProblem(undefined);
    setText('');
  }

  return (
    <Section title={t('video.chat.heading')} level={3}>
      <Paragraph data-size="sm">{t('video.chat.notStored')}</Paragraph>
      <ol className="nl-video-chat" aria-live="polite">
        {messages.map((m, i) => (
          <li key={`${m.at}-${i}`}>
            <strong>
              {m.displayName} ({roleText(m.role, t)})
            </strong>
            : <span className="nl-econsult-text">{m.text}</span>
          </li>
        ))}
      </ol>
      <form className="nl-form" noValidate onSubmit={submit}>
        <Textfield label={t('video.chat.message')} value={text} onChange={(e) => setText(e.target.value)} error={problem} />
        <div>
          <Button type="submit" variant="secondary">
            {t('video.chat.send')}
          </Button>
        </div>
      </form>
    </Section>
  );
}
