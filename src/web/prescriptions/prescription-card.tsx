// One prescription with everything the patient (or the clinician deciding a renewal) needs to know about it: the drug,
// strength, form, how to take it, the type in plain words, dates, withdrawals left, status and who wrote it.
import { Heading, Tag } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';
import type { PrescriptionView } from '../../server/prescriptions/api.ts';
import { Facts, type Fact } from '../platform/facts.tsx';
import { useFormat } from '../i18n/format.ts';
import { useT } from '../i18n/index.tsx';
import { drugTitle, formText, prescriberText } from './prescription-text.ts';

const STATUS_COLOR = { active: 'success', expired: 'neutral', 'used-up': 'neutral' } as const;

interface Props {
  prescription: PrescriptionView;
  headingLevel?: 3 | 4;
  /** Facts to add after the common ones (the reference number, the prescription group for a clinician). */
  extraFacts?: readonly Fact[];
  /** A different "prescribed by" (the clinician reads "you" for their own). */
  prescriber?: string;
  children?: ReactNode;
}

export function PrescriptionCard({ prescription: p, headingLevel = 3, extraFacts = [], prescriber, children }: Props) {
  const t = useT();
  const format = useFormat();
  const headingId = `prescription-${p.id}`;
  return (
    <article className="nl-prescription" aria-labelledby={headingId}>
      <div className="nl-prescription__heading">
        <Heading id={headingId} level={headingLevel} data-size="xs">
          {drugTitle(p.drug)}, {p.strength}
        </Heading>
        <Tag data-color={STATUS_COLOR[p.status]} data-size="sm">
          {t(`prescriptions.status.${p.status}`)}
        </Tag>
      </div>
      <Facts
        items={[
          [t('prescriptions.fact.strength'), p.strength],
          [t('prescriptions.fact.form'), formText(p.drug.form, t)],
          [t('prescriptions.fact.dosage'), p.dosageText],
          [
            t('prescriptions.fact.type'),
            <>
              <strong>{t(`prescriptions.type.${p.type}`)}</strong>. {t(`prescriptions.typeHint.${p.type}`)}
            </>,
          ],
          [t('prescriptions.fact.issued'), format.date(p.issuedOn)],
          [t('prescriptions.fact.validUntil'), format.date(p.validUntil)],
          [t('prescriptions.fact.withdrawalsLeft'), String(p.withdrawalsLeft)],
          [t('prescriptions.fact.prescriber'), prescriber ?? prescriberText(p, t)],
          ...extraFacts,
        ]}
      />
      {children}
    </article>
  );
}
