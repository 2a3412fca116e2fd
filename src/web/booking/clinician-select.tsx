// Whom to see: the GP (when known), the first free clinician, or a chosen one; a native select with a visible label.
import { Field, Label, Select } from '@digdir/designsystemet-react';
import { useId } from 'react';
import { useT } from '../i18n/index.tsx';
import { practitionerLabel } from './names.ts';
import type { Practitioner } from './types.ts';

/** 'gp', 'first' (the first free clinician), or a practitioner id. */
export type ClinicianChoice = string;

export interface ClinicianSelectProps {
  value: ClinicianChoice;
  onChange: (choice: ClinicianChoice) => void;
  gp?: { id: string; name: string } | null;
  /** Whether the GP is the user's own ("Fastlegen din") or the child's ("Fastlegen til Emma"). */
  gpIsOwn?: boolean;
  person?: string;
  practitioners: readonly Practitioner[];
}

export function ClinicianSelect({ value, onChange, gp, gpIsOwn = true, person = '', practitioners }: ClinicianSelectProps) {
  const t = useT();
  const id = useId();
  return (
    <Field>
      <Label htmlFor={id}>{t('booking.clinician')}</Label>
      <Select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        {gp && (
          <Select.Option value="gp">
            {gpIsOwn ? t('booking.clinician.gp', { name: gp.name }) : t('booking.clinician.gpOf', { person, name: gp.name })}
          </Select.Option>
        )}
        <Select.Option value="first">{t('booking.clinician.first')}</Select.Option>
        {practitioners
          .filter((p) => p.id !== gp?.id)
          .map((p) => (
            <Select.Option key={p.id} value={p.id}>
              {practitionerLabel(p, t)}
            </Select.Option>
          ))}
      </Select>
    </Field>
  );
}
