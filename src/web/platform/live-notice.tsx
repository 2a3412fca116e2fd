// Tells the user when a live page has stopped updating; the status region is always there so the change is announced.
import { Alert, Paragraph } from '@digdir/designsystemet-react';
import { useT } from '../i18n/index.tsx';
import type { LiveStatus } from './live-connection.ts';

export function LiveNotice({ status }: { status: LiveStatus }) {
  const t = useT();
  const text =
    status === 'reconnecting' ? t('live.reconnecting') : status === 'delayed' ? t('live.delayed') : status === 'refused' || status === 'ended' ? t('live.refused') : null;
  return (
    <div role="status" className="nl-form__status">
      {text && (
        <Alert data-color="warning" data-size="sm">
          <Paragraph>{text}</Paragraph>
        </Alert>
      )}
    </div>
  );
}
