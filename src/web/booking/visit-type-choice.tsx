// The visit type as a radio group: at the clinic, by video or by phone.
import { Fieldset, Radio } from '@digdir/designsystemet-react';
import { useId } from 'react';
import { useT } from '../i18n/index.tsx';
import { VISIT_TYPES, type VisitType } from './types.ts';

export function VisitTypeChoice({ value, onChange }: { value: VisitType; onChange: (value: VisitType) => void }) {
  const t = useT();
  const name = useId();
  return (
    <Fieldset>
      <Fieldset.Legend>{t('booking.visitType.legend')}</Fieldset.Legend>
      {VISIT_TYPES.map((type) => (
        <Radio
          key={type}
          name={name}
          value={type}
          label={t(`booking.visitType.${type}`)}
          checked={value === type}
          onChange={() => onChange(type)}
        />
      ))}
    </Fieldset>
  );
}
