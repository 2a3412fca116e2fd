// "What kind of visit is it?": an ordinary visit, a pregnancy check-up, or mental-health care for a patient under 18 —
// the two last cost no co-payment at a public clinic (DOMAIN.md). Private clinics set their own prices, so it is not
// asked there. The patient's word; the clinic can correct it on the day list until the visit is paid.
import { Fieldset, Radio } from '@digdir/designsystemet-react';
import { useId } from 'react';
import { useT } from '../i18n/index.tsx';
import type { CareCategory } from './money-api.ts';

const CHOICES: ReadonlyArray<CareCategory | null> = [null, 'pregnancy', 'mental-health'];

export function CareCategoryChoice({ value, onChange }: { value: CareCategory | null; onChange: (value: CareCategory | null) => void }) {
  const t = useT();
  const name = useId();
  return (
    <Fieldset>
      <Fieldset.Legend>{t('money.care.legend')}</Fieldset.Legend>
      <Fieldset.Description>{t('money.care.description')}</Fieldset.Description>
      {CHOICES.map((choice) => (
        <Radio key={choice ?? 'ordinary'} name={name} value={choice ?? 'ordinary'} label={t(`money.care.${choice ?? 'ordinary'}`)} checked={value === choice} onChange={() => onChange(choice)} />
      ))}
    </Fieldset>
  );
}
