// "/video/test": the device and connection check, any time before a video appointment (from Min side or the card).
import { Paragraph } from '@digdir/designsystemet-react';
import { Page } from '../platform/page.tsx';
import { Section } from '../platform/section.tsx';
import { useT } from '../i18n/index.tsx';
import { Advice } from './advice.tsx';
import { ConnectionTest } from './connection-test.tsx';
import { DeviceCheck } from './device-check.tsx';
import { useLocalMedia } from './local-media.ts';
import './video.css';

export function VideoTestPage() {
  const t = useT();
  const media = useLocalMedia();
  return (
    <Page title={t('video.test.title')}>
      <Paragraph>{t('video.test.intro')}</Paragraph>
      <DeviceCheck media={media} />
      <Section title={t('video.connection.heading')}>
        <ConnectionTest />
      </Section>
      <Advice />
    </Page>
  );
}
