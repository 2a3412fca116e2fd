// Reason titles for lists (the queue, my cases), from the catalogue's reasons, in the UI language.
import { useLanguage, useT } from '../i18n/index.tsx';
import { textIn } from './answers.ts';
import { useReasons } from './patient-api.ts';

export function useReasonTitles(): (reasonId: string | null) => string {
  const t = useT();
  const { language } = useLanguage();
  const reasons = useReasons().data ?? [];
  return (reasonId) => {
    const q = reasonId ? reasons.find((x) => x.reasonId === reasonId) : undefined;
    return q ? textIn(q.title, language) : (reasonId ?? t('econsult.untitled'));
  };
}
