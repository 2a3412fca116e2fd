// "Bytte av fastlege": the ordinary switches left this year, extra switches with their reason, former GPs one may go
// back to, and the way to switch, or why a parent may not (from 16 the young person chooses alone).
import { List, Paragraph } from '@digdir/designsystemet-react';
import { displayName } from '../identity/display-name.ts';
import { AppLink } from '../platform/app-link.tsx';
import { Section } from '../platform/section.tsx';
import { useFormat } from '../i18n/format.ts';
import { useT } from '../i18n/index.tsx';
import type { MyGp } from './gp-api.ts';
import { useGpWords } from './gp-words.ts';

/** Ordinary switches per calendar year (the server's rule; it sends what is left). */
export const ORDINARY_SWITCHES = 2;

export function SwitchesSection({ mine, child }: { mine: MyGp; child: string | null }) {
  const t = useT();
  const format = useFormat();
  const words = useGpWords();
  const { switches } = mine;
  const left = { left: switches.ordinaryLeft, total: ORDINARY_SWITCHES, year: switches.year };
  return (
    <Section title={t('gp.switches.heading')}>
      <Paragraph>{child ? t('gp.switches.leftFor', { ...left, name: child }) : t('gp.switches.left', left)}</Paragraph>
      {switches.extra.length > 0 && (
        <Section title={t('gp.switches.extraHeading')} level={3}>
          <Paragraph>{t('gp.switches.extraIntro')}</Paragraph>
          <List.Unordered>
            {switches.extra.map((e) => (
              <List.Item key={e.id}>{t('gp.switches.extraItem', { reason: words.extraReason(e.reason), date: format.date(e.grantedAt) })}</List.Item>
            ))}
          </List.Unordered>
        </Section>
      )}
      {switches.returnRights.length > 0 && (
        <Section title={t('gp.switches.returnHeading')} level={3}>
          <Paragraph>{t('gp.switches.returnIntro')}</Paragraph>
          <List.Unordered>
            {switches.returnRights.map((r) => (
              <List.Item key={r.practitionerId}>{t('gp.switches.returnItem', { name: displayName(r.gpName, t), date: format.date(r.until) })}</List.Item>
            ))}
          </List.Unordered>
        </Section>
      )}
      {mine.mayChoose ? (
        <Paragraph>
          <AppLink to="/fastlege/bytt">{t('gp.switches.link')}</AppLink>
        </Paragraph>
      ) : (
        <Paragraph>{t('gp.switches.choosesAlone', { name: child ?? displayName(mine.patientName, t) })}</Paragraph>
      )}
    </Section>
  );
}
