// The language choice in the header: a native select with a visible label, each language named in itself.
import { Field, Label, Select } from '@digdir/designsystemet-react';
import { useId } from 'react';
import { useLanguage, useT } from '../i18n/index.tsx';
import { AUTONYMS, isLanguage, LANGUAGES } from '../i18n/languages.ts';

export function LanguageSwitcher() {
  const t = useT();
  const { language, setLanguage } = useLanguage();
  const id = useId();
  return (
    <Field className="nl-language" data-size="sm">
      <Label htmlFor={id}>{t('language.label')}</Label>
      <Select
        id={id}
        width="auto"
        value={language}
        onChange={(event) => {
          if (isLanguage(event.target.value)) setLanguage(event.target.value);
        }}
      >
        {LANGUAGES.map((code) => (
          <Select.Option key={code} value={code} lang={code}>
            {AUTONYMS[code]}
          </Select.Option>
        ))}
      </Select>
    </Field>
  );
}
