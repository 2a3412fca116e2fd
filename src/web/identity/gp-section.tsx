// "Din fastlege": the subject's regular GP and the clinic, or a plain statement that there is none yet; a link to /fastlege.
import { Paragraph } from '@digdir/designsystemet-react';
import { AppLink } from '../platform/app-link.tsx';
import { Section } from '../platform/section.tsx';
import { useT } from '../i18n/index.tsx';
import { displayName } from './display-name.ts';
import type { Me } from './types.ts';

export function GpSection({ me }: { me: Me }) {
  const t = useT();
  const child = me.actingFor ? displayName(me.subject.name, t) : null;
  return (
    <Section title={child ? t('gp.headingFor', { name: child }) : t('gp.heading')}>
      {me.gp ? (
        <Paragraph>
          <strong>{displayName(me.gp.name, t)}</strong>
          {me.clinic && (
            <>
              <br />
              {t('gp.atClinic', { clinic: me.clinic.name })}
            </>
          )}
        </Paragraph>
      ) : (
        <Paragraph>{child ? t('gp.noneFor', { name: child }) : t('gp.none')}</Paragraph>
      )}
      <Paragraph>
        <AppLink to="/fastlege">{t('gp.page.link')}</AppLink>
      </Paragraph>
    </Section>
  );
}
