// Words for a prescription's codes: the drug as a title, its form, its type and status, who prescribed it.
import type { PrescriptionView } from '../../server/prescriptions/api.ts';
import { displayName } from '../identity/display-name.ts';
import { isMessageKey, type Translate } from '../i18n/index.tsx';

/** "Metformin (Glucophage)": the generic name first, the brand the patient may know from the box after it. */
export function drugTitle(drug: { name: string; brand: string | null }): string {
  const name = drug.name.charAt(0).toLocaleUpperCase() + drug.name.slice(1);
  return drug.brand ? `${name} (${drug.brand})` : name;
}

/** The catalogue's form ("prolonged-release tablet") in the UI language, or as written when there is no text for it. */
export function formText(form: string, t: Translate): string {
  const key = `prescriptions.form.${form.toLowerCase().replace(/[^a-z]+/g, '-').replace(/^-|-$/g, '')}`;
  return isMessageKey(key) ? t(key) : form;
}

export function prescriberText(p: PrescriptionView, t: Translate): string {
  const key = `profession.${p.prescriber.profession}`;
  return t('prescriptions.prescriber', { name: displayName(p.prescriber.name, t), profession: isMessageKey(key) ? t(key) : p.prescriber.profession, clinic: p.clinic.name });
}
