// The reminder that digital services are not for emergencies, with the numbers to call instead.
import { Alert, Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { useT } from '../i18n/index.tsx';

export function EmergencyNotice() {
  const t = useT();
  return (
    <Alert data-color="warning" className="nl-emergency">
      <Heading level={2} data-size="xs">
        {t('emergency.heading')}
      </Heading>
      <Paragraph>{t('emergency.body')}</Paragraph>
      <ul className="nl-plain-list">
        <li>
          {t('emergency.ambulance')}: <Link href="tel:113">113</Link>
        </li>
        <li>
          {t('emergency.legevakt')}: <Link href="tel:116117">116 117</Link>
        </li>
      </ul>
      <Paragraph data-size="sm">{t('emergency.sweden')}</Paragraph>
    </Alert>
  );
}
