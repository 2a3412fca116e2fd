// A person's name for display; the population register may lack one, and the page says so instead of showing nothing.
import type { Translate } from '../i18n/index.tsx';

export function displayName(name: string | null | undefined, t: Translate): string {
  return name?.trim() ? name : t('name.missing');
}
