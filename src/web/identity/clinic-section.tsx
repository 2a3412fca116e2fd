// The subject's clinic: how to reach it and which digital services it offers (or that it offers none).
import { Link, List, Paragraph } from '@digdir/designsystemet-react';
import { Facts, type Fact } from '../platform/facts.tsx';
import { Section } from '../platform/section.tsx';
import { isMessageKey, useT, type Translate } from '../i18n/index.tsx';
import type { Clinic } from './types.ts';

export function ClinicSection({ clinic }: { clinic: Clinic | null }) {
  const t = useT();
  if (!clinic) {
    return (
      <Section title={t('clinic.heading')}>
        <Paragraph>{t('clinic.none')}</Paragraph>
      </Section>
    );
  }
  const website = safeWebsite(clinic.website);
  const contact: Fact[] = [];
  if (clinic.phone) contact.push([t('clinic.phone'), <Link href={`tel:${clinic.phone.replace(/\s+/g, '')}`}>{clinic.phone}</Link>]);
  if (clinic.email) contact.push([t('clinic.email'), <Link href={`mailto:${clinic.email}`}>{clinic.email}</Link>]);
  if (clinic.address) contact.push([t('clinic.address'), clinic.address]);
  if (website) contact.push([t('clinic.website'), <Link href={website}>{clinic.website}</Link>]);
  return (
    <Section title={t('clinic.heading')}>
      <Paragraph>
        <strong>{clinic.name}</strong>
      </Paragraph>
      {contact.length > 0 && <Facts items={contact} />}
      <Section title={t('clinic.services')} level={3}>
        {clinic.services.length > 0 ? (
          <List.Unordered>
            {clinic.services.map((code) => (
              <List.Item key={code}>{serviceName(code, t)}</List.Item>
            ))}
          </List.Unordered>
        ) : (
          <Paragraph>{t('clinic.noServices')}</Paragraph>
        )}
      </Section>
    </Section>
  );
}

function serviceName(code: string, t: Translate): string {
  const key = `service.${code}`;
  return isMessageKey(key) ? t(key) : code;
}

/** Only http(s) addresses become links; "www.example.no" gets https:// in front. */
export function safeWebsite(website: string | null): string | null {
  if (!website) return null;
  const candidate = /^[a-z][a-z0-9+.-]*:/i.test(website) ? website : `https://${website}`;
  try {
    const url = new URL(candidate);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}
