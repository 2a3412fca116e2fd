// The end of the flow when a screening answer is yes: what to do now, with the clinic country's numbers as phone links.
// There is deliberately no way forward from here.
import { Alert, Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { AppLink } from '../platform/app-link.tsx';
import { useLanguage, useT } from '../i18n/index.tsx';
import type { PhoneAdvice } from '../../shared/econsult/questionnaire.ts';
import { textIn } from './answers.ts';
import { useFocusOnMount } from './step-focus.ts';
import type { EconsultSetup } from './types.ts';

export function EmergencyStop({ emergency }: { emergency: EconsultSetup['emergency'] }) {
  const t = useT();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const crisis = emergency.crisis;
  return (
    <Alert data-color="danger" className="nl-section nl-econsult-stop">
      <Heading level={2} data-size="md" ref={heading} tabIndex={-1}>
        {t('econsult.stop.heading')}
      </Heading>
      <Paragraph>{t('econsult.stop.body')}</Paragraph>
      <ul className="nl-plain-list nl-econsult-numbers">
        <PhoneLine advice={emergency.emergency} />
        <PhoneLine advice={emergency.urgent} />
        {crisis && <PhoneLine advice={crisis} />}
      </ul>
      <Paragraph>{t('econsult.stop.notSent')}</Paragraph>
      <Paragraph>
        <AppLink to="/min-side">{t('econsult.stop.back')}</AppLink>
      </Paragraph>
    </Alert>
  );
}

function PhoneLine({ advice }: { advice: PhoneAdvice }) {
  const { language } = useLanguage();
  return (
    <li>
      <Link href={`tel:${advice.number.replace(/\s+/g, '')}`} className="nl-econsult-number">
        {advice.number}
      </Link>{' '}
      {textIn(advice.label, language)}
    </li>
  );
}
