// The weekday of a schedule block as a native select, Monday first.
import { Field, Label, Select } from '@digdir/designsystemet-react';
import { useId } from 'react';
import { useT } from '../i18n/index.tsx';
import { WEEKDAYS } from './types.ts';
import { useWeekdayNames } from './weekday-names.ts';

export function WeekdaySelect({ value, onChange }: { value: number; onChange: (weekday: number) => void }) {
  const t = useT();
  const id = useId();
  const name = useWeekdayNames();
  return (
    <Field>
      <Label htmlFor={id}>{t('schedule.weekday')}</Label>
      <Select id={id} value={String(value)} onChange={(event) => onChange(Number(event.target.value))}>
        {WEEKDAYS.map((d) => (
          <Select.Option key={d} value={String(d)}>
            {name(d)}
          </Select.Option>
        ))}
      </Select>
    </Field>
  );
}
