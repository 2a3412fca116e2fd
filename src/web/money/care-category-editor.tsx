// On a public clinic's day list: what kind of visit it is (ordinary, pregnancy check-up, mental-health care), which the
// clinic sets or corrects until the visit is paid; the answer says what the visit now costs.
import { Button, Field, Label, Paragraph, Select } from '@digdir/designsystemet-react';
import { useId, useState } from 'react';
import { useT } from '../i18n/index.tsx';
import { FormStatus } from '../platform/form-status.tsx';
import { useSetCareCategory, type CareCategory } from './money-api.ts';
import { useMoney } from './money-format.ts';
import { priceSentences } from './price-text.ts';

const CHOICES = ['ordinary', 'pregnancy', 'mental-health'] as const;

export function CareCategoryEditor({ appointmentId, current, describedBy }: { appointmentId: string; current: CareCategory | null; describedBy: string }) {
  const t = useT();
  const id = useId();
  const [value, setValue] = useState<(typeof CHOICES)[number]>(current ?? 'ordinary');
  const save = useSetCareCategory();
  const money = useMoney(save.data?.price.currency);
  return (
    <div className="nl-desk-payment">
      <Field>
        <Label htmlFor={id}>{t('money.care.label')}</Label>
        <Select id={id} value={value} onChange={(event) => setValue(event.target.value as (typeof CHOICES)[number])}>
          {CHOICES.map((c) => (
            <Select.Option key={c} value={c}>
              {t(`money.care.${c}`)}
            </Select.Option>
          ))}
        </Select>
      </Field>
      <div>
        <Button variant="secondary" aria-describedby={describedBy} loading={save.isPending} onClick={() => save.mutate({ appointmentId, careCategory: value === 'ordinary' ? null : value })}>
          {t('money.care.save')}
        </Button>
      </div>
      <div aria-live="polite">
        {save.isSuccess && <Paragraph>{t('money.care.saved', { kind: t(`money.care.${save.data.careCategory ?? 'ordinary'}`), price: priceSentences(save.data.price, t, money)[0]! })}</Paragraph>}
      </div>
      <FormStatus error={save.isError ? save.error : null} />
    </div>
  );
}
