// Who the page is about: the logged-in patient, or the child they act for.
import { Facts } from '../platform/facts.tsx';
import { Section } from '../platform/section.tsx';
import { useFormat } from '../i18n/format.ts';
import { useT } from '../i18n/index.tsx';
import { displayName } from './display-name.ts';
import type { Me } from './types.ts';

export function AboutSubject({ me }: { me: Me }) {
  const t = useT();
  const format = useFormat();
  const name = displayName(me.subject.name, t);
  const self = me.actingFor === null;
  return (
    <Section title={self ? t('minSide.aboutYou') : t('minSide.aboutSubject', { name })}>
      <Facts
        items={[
          [t('person.name'), name],
          [t('person.nationalId'), me.subject.maskedNationalId],
          ...(self ? [[t('person.birthDate'), format.date(me.person.birthDate)] as const] : []),
          [t('person.age'), format.age(me.subject.age)],
        ]}
      />
    </Section>
  );
}
