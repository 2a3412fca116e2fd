// The GP as the patient sees them: name, office and how to reach it, gender, languages, since when; the office's other
// doctors and its digital services. Or a plain statement that there is no GP yet.
import { Alert, Link, List, Paragraph } from '@digdir/designsystemet-react';
import { displayName } from '../identity/display-name.ts';
import { safeWebsite } from '../identity/clinic-section.tsx';
import { Facts, type Fact } from '../platform/facts.tsx';
import { Section } from '../platform/section.tsx';
import { useFormat } from '../i18n/format.ts';
import { useT } from '../i18n/index.tsx';
import type { MyGp } from './gp-api.ts';
import { useGpWords } from './gp-words.ts';

export function GpDetails({ mine, child }: { mine: MyGp; child: string | null }) {
  const t = useT();
  const format = useFormat();
  const words = useGpWords();
  const { gp } = mine;
  if (!gp) {
    return <Paragraph>{child ? t('gp.noneFor', { name: child }) : t('gp.none')}</Paragraph>;
  }
  const { office } = gp;
  const website = safeWebsite(office.website);
  const facts: Fact[] = [[t('gp.fact.office'), office.name]];
  if (office.address) facts.push([t('clinic.address'), office.address]);
  if (office.phone) facts.push([t('clinic.phone'), <Link href={`tel:${office.phone.replace(/\s+/g, '')}`}>{office.phone}</Link>]);
  if (website) facts.push([t('clinic.website'), <Link href={website}>{office.website}</Link>]);
  if (office.municipality) facts.push([t('gp.fact.municipality'), office.municipality]);
  const gender = words.gender(gp.gender);
  if (gender) facts.push([t('gp.fact.gender'), gender]);
  const languages = words.languages(gp.languages);
  if (languages) facts.push([t('gp.fact.languages'), languages]);
  facts.push([t('gp.fact.since'), <time dateTime={gp.since}>{format.date(gp.since)}</time>]);
  return (
    <Section title={displayName(gp.name, t)}>
      <Paragraph>{child ? t('gp.page.isGpFor', { name: child }) : t('gp.page.isGp')}</Paragraph>
      {gp.status === 'quit' && (
        <Alert data-color="warning">
          <Paragraph>{t('gp.page.quit', { name: displayName(gp.name, t) })}</Paragraph>
        </Alert>
      )}
      <Facts items={facts} />
      <Section title={t('gp.page.otherDoctors', { office: office.name })} level={3}>
        {gp.otherDoctors.length > 0 ? (
          <List.Unordered>
            {gp.otherDoctors.map((d) => (
              <List.Item key={d.practitionerId}>{displayName(d.name, t)}</List.Item>
            ))}
          </List.Unordered>
        ) : (
          <Paragraph>{t('gp.page.noOtherDoctors')}</Paragraph>
        )}
      </Section>
      <Section title={t('gp.page.services')} level={3}>
        {office.services.length > 0 ? (
          <List.Unordered>
            {office.services.map((code) => (
              <List.Item key={code}>{words.service(code)}</List.Item>
            ))}
          </List.Unordered>
        ) : (
          <Paragraph>{t('clinic.noServices')}</Paragraph>
        )}
      </Section>
    </Section>
  );
}
