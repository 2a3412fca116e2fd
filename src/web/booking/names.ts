// Clinicians' names for the booking pages: a name with its profession, and a lookup by practitioner id.
import { displayName } from '../identity/display-name.ts';
import { isMessageKey, type Translate } from '../i18n/index.tsx';
import type { Practitioner } from './types.ts';

export function professionName(profession: string | null, t: Translate): string | null {
  if (!profession) return null;
  const key = `profession.${profession}`;
  return isMessageKey(key) ? t(key) : profession;
}

/** "Mari Dahl (sykepleier)" */
export function practitionerLabel(practitioner: Practitioner, t: Translate): string {
  const name = displayName(practitioner.name, t);
  const profession = professionName(practitioner.profession, t);
  return profession ? `${name} (${profession})` : name;
}

export function practitionerNames(practitioners: readonly Practitioner[], t: Translate): (id: string) => string {
  const names = new Map(practitioners.map((p) => [p.id, displayName(p.name, t)]));
  return (id) => names.get(id) ?? t('name.missing');
}
