// Which clinic: a native select with a visible label; used by booking and drop-in.
import { Field, Label, Select } from '@digdir/designsystemet-react';
import { useId } from 'react';
import { useT } from '../i18n/index.tsx';
import type { BookingClinic } from './types.ts';

export function ClinicSelect({ clinics, value, onChange }: { clinics: readonly BookingClinic[]; value: string; onChange: (id: string) => void }) {
  const t = useT();
  const id = useId();
  return (
    <Field>
      <Label htmlFor={id}>{t('booking.clinic')}</Label>
      <Select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        {clinics.map((c) => (
          <Select.Option key={c.id} value={c.id}>
            {c.name}
          </Select.Option>
        ))}
      </Select>
    </Field>
  );
}
