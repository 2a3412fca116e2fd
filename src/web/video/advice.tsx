// The practical advice patients are given before a video consultation, and what is promised about privacy.
import { Heading, List, Paragraph } from '@digdir/designsystemet-react';
import { useT } from '../i18n/index.tsx';

const TIPS = ['video.advice.early', 'video.advice.private', 'video.advice.light', 'video.advice.headset', 'video.advice.still', 'video.advice.lamp', 'video.advice.id', 'video.advice.phone', 'video.advice.battery'] as const;

export function Advice({ level = 2 }: { level?: 2 | 3 }) {
  const t = useT();
  return (
    <section className="nl-section">
      <Heading level={level} data-size={level === 2 ? 'sm' : 'xs'}>
        {t('video.advice.heading')}
      </Heading>
      <List.Unordered>
        {TIPS.map((key) => (
          <List.Item key={key}>{t(key)}</List.Item>
        ))}
      </List.Unordered>
      <Paragraph>{t('video.privacy')}</Paragraph>
    </section>
  );
}
