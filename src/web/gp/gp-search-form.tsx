// The search for a GP: the municipality (or all) and part of a name. The page searches once without filters on load.
import { Button, Field, Heading, Label, Select, Textfield } from '@digdir/designsystemet-react';
import { useId, useState, type FormEvent } from 'react';
import { useT } from '../i18n/index.tsx';
import type { GpFilters } from './gp-api.ts';

export function GpSearchForm({ municipalities, busy, onSearch }: { municipalities: readonly string[]; busy: boolean; onSearch: (filters: GpFilters) => void }) {
  const t = useT();
  const [municipality, setMunicipality] = useState('');
  const [name, setName] = useState('');
  const selectId = useId();
  const headingId = useId();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onSearch({ municipality, name: name.trim() });
  }

  return (
    <form className="nl-form nl-gp-search" role="search" aria-labelledby={headingId} noValidate onSubmit={submit}>
      <Heading level={2} data-size="sm" id={headingId}>
        {t('gp.find.searchHeading')}
      </Heading>
      <Field>
        <Label htmlFor={selectId}>{t('gp.find.municipality')}</Label>
        <Select id={selectId} value={municipality} onChange={(e) => setMunicipality(e.target.value)}>
          <Select.Option value="">{t('gp.find.allMunicipalities')}</Select.Option>
          {municipalities.map((m) => (
            <Select.Option key={m} value={m}>
              {m}
            </Select.Option>
          ))}
        </Select>
      </Field>
      <Textfield label={t('gp.find.name')} autoComplete="off" maxLength={80} value={name} onChange={(e) => setName(e.target.value)} />
      <div>
        <Button type="submit" loading={busy}>
          {t('gp.find.submit')}
        </Button>
      </div>
    </form>
  );
}
