// The waiting room: what is happening (the clinician knows you are here, is running late), the device check while
// waiting, the advice, and "call me instead" when there is no working microphone.
import { Alert, Button, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import type { RoomView } from '../../shared/video-api.ts';
import { useT } from '../i18n/index.tsx';
import { Advice } from './advice.tsx';
import { DeviceCheck } from './device-check.tsx';
import type { LocalMedia } from './local-media.ts';
import { usePhoneInstead } from './video-api.ts';
import { FormStatus } from '../platform/form-status.tsx';

export function WaitingRoom({ view, media, mayAskForPhone }: { view: RoomView; media: LocalMedia; mayAskForPhone: boolean }) {
  const t = useT();
  const noMicrophone = media.status === 'ready' ? media.microphoneMissing : media.status === 'denied' || media.status === 'none' || media.status === 'failed';
  return (
    <div className="nl-stack">
      <Heading level={2} data-size="sm">
        {t('video.waiting.heading')}
      </Heading>
      <div role="status" className="nl-video-status">
        <Alert data-color="info">
          <Paragraph>{t('video.waiting.told')}</Paragraph>
          {view.lateMinutes > 0 && <Paragraph>{t('video.waiting.late', { minutes: view.lateMinutes })}</Paragraph>}
          <Paragraph>{t('video.waiting.admit')}</Paragraph>
        </Alert>
      </div>
      <DeviceCheck media={media} />
      {mayAskForPhone && noMicrophone && <PhoneInstead appointmentId={view.appointmentId} />}
      <Advice />
    </div>
  );
}

function PhoneInstead({ appointmentId }: { appointmentId: string }) {
  const t = useT();
  const ask = usePhoneInstead(appointmentId);
  const [phone, setPhone] = useState('');
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!ask.isPending) ask.mutate(phone.trim());
  }
  return (
    <section className="nl-section">
      <Heading level={3} data-size="xs">
        {t('video.phone.heading')}
      </Heading>
      {ask.isSuccess ? (
        <Paragraph role="status">{t('video.phone.done')}</Paragraph>
      ) : (
        <form className="nl-form" noValidate onSubmit={submit}>
          <Paragraph>{t('video.phone.intro')}</Paragraph>
          <Textfield label={t('video.phone.number')} description={t('video.phone.numberHint')} type="tel" autoComplete="tel" value={phone} onChange={(e) => setPhone(e.target.value)} />
          <FormStatus error={ask.isError ? ask.error : null} />
          <div>
            <Button type="submit" loading={ask.isPending}>
              {t('video.phone.ask')}
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}
