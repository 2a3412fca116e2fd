// The device check: is the browser supported, may the page use the camera and microphone (with each browser's own
// steps when it refused or never asked), a preview, the microphone level, a test sound, and the choice of devices.
import { Alert, Button, Field, Heading, Label, List, Paragraph, Select } from '@digdir/designsystemet-react';
import { useId, useMemo } from 'react';
import { useT, type MessageKey } from '../i18n/index.tsx';
import { currentSupport, type BrowserFamily } from './browser-support.ts';
import { deviceOf, type LocalMedia } from './local-media.ts';
import { MicLevel, StreamVideo, TestSound } from './media-parts.tsx';

const STEPS: Record<BrowserFamily, MessageKey[]> = {
  ios: ['video.permission.ios1', 'video.permission.ios2', 'video.permission.ios3'],
  safari: ['video.permission.safari1', 'video.permission.safari2'],
  firefox: ['video.permission.firefox1', 'video.permission.firefox2', 'video.permission.firefox3'],
  chrome: ['video.permission.chrome1', 'video.permission.chrome2', 'video.permission.chrome3'],
  edge: ['video.permission.chrome1', 'video.permission.chrome2', 'video.permission.chrome3'],
  other: ['video.permission.other1'],
};

export function useSupport() {
  return useMemo(() => currentSupport(), []);
}

export function UnsupportedBrowser() {
  const t = useT();
  return (
    <Alert data-color="danger">
      <Heading level={2} data-size="xs">
        {t('video.unsupported.heading')}
      </Heading>
      <Paragraph>{t('video.unsupported.body')}</Paragraph>
    </Alert>
  );
}

/** How to let the page use the camera and microphone in this browser, when it was refused or never asked. */
export function PermissionHelp({ family }: { family: BrowserFamily }) {
  const t = useT();
  return (
    <>
      <Paragraph>{t(family === 'ios' ? 'video.permission.forIos' : family === 'firefox' ? 'video.permission.forFirefox' : family === 'safari' ? 'video.permission.forSafari' : 'video.permission.forChrome')}</Paragraph>
      <List.Ordered>
        {STEPS[family].map((key) => (
          <List.Item key={key}>{t(key)}</List.Item>
        ))}
      </List.Ordered>
    </>
  );
}

export function DeviceCheck({ media, headingLevel = 2 }: { media: LocalMedia; headingLevel?: 2 | 3 }) {
  const t = useT();
  const support = useSupport();
  if (!support.supported) return <UnsupportedBrowser />;
  const sub = headingLevel === 2 ? 3 : 4;
  return (
    <div className="nl-video-check">
      <Heading level={headingLevel} data-size="xs">
        {t('video.permission.heading')}
      </Heading>
      {media.status === 'idle' || media.status === 'asking' ? (
        <>
          <Paragraph>{t('video.permission.intro')}</Paragraph>
          <div>
            <Button loading={media.status === 'asking'} onClick={() => media.status !== 'asking' && void media.request()}>
              {t('video.permission.ask')}
            </Button>
          </div>
        </>
      ) : media.status !== 'ready' ? (
        <Alert data-color="warning">
          <Paragraph>{t(media.status === 'denied' ? 'video.permission.denied' : media.status === 'none' ? 'video.permission.noDevices' : 'video.permission.failed')}</Paragraph>
          <PermissionHelp family={support.family} />
          <Button variant="secondary" onClick={() => void media.request()}>
            {t('video.permission.retry')}
          </Button>
        </Alert>
      ) : (
        <>
          {media.cameraMissing && (
            <Alert data-color="info">
              <Paragraph>{t('video.permission.soundOnly')}</Paragraph>
              <PermissionHelp family={support.family} />
            </Alert>
          )}
          {media.microphoneMissing && (
            <Alert data-color="warning">
              <Paragraph>{t('video.permission.noMicrophone')}</Paragraph>
            </Alert>
          )}
          {!media.cameraMissing && (
            <div className="nl-video nl-video--preview">
              <StreamVideo stream={media.stream} muted mirrored label={t('video.check.preview')} />
            </div>
          )}
          <Heading level={sub} data-size="2xs">
            {t('video.check.soundHeading')}
          </Heading>
          <MicLevel stream={media.stream} />
          <TestSound />
          <DeviceChoice media={media} />
        </>
      )}
    </div>
  );
}

export function DeviceChoice({ media }: { media: LocalMedia }) {
  const t = useT();
  const cameraId = useId();
  const micId = useId();
  const cameras = media.devices.filter((d) => d.kind === 'videoinput');
  const mics = media.devices.filter((d) => d.kind === 'audioinput');
  if (cameras.length < 1 && mics.length < 1) return null;
  return (
    <div className="nl-filters">
      {cameras.length > 0 && (
        <Field>
          <Label htmlFor={cameraId}>{t('video.check.camera')}</Label>
          <Select id={cameraId} value={deviceOf(media.stream, 'video')} onChange={(e) => void media.select('videoinput', e.target.value)}>
            {cameras.map((d, i) => (
              <Select.Option key={d.deviceId} value={d.deviceId}>
                {d.label || t('video.check.cameraN', { n: i + 1 })}
              </Select.Option>
            ))}
          </Select>
        </Field>
      )}
      {mics.length > 0 && (
        <Field>
          <Label htmlFor={micId}>{t('video.check.microphone')}</Label>
          <Select id={micId} value={deviceOf(media.stream, 'audio')} onChange={(e) => void media.select('audioinput', e.target.value)}>
            {mics.map((d, i) => (
              <Select.Option key={d.deviceId} value={d.deviceId}>
                {d.label || t('video.check.microphoneN', { n: i + 1 })}
              </Select.Option>
            ))}
          </Select>
        </Field>
      )}
    </div>
  );
}
