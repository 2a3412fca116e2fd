// Words for the clinic's view of a thread: its title (or that its content is hidden), assignee, deadline and state.
import { displayName } from '../identity/display-name.ts';
import { isMessageKey, type Translate } from '../i18n/index.tsx';
import type { StaffInboxThread } from './messages-api.ts';

export function staffTitle(thread: StaffInboxThread, t: Translate): string {
  if (thread.contentHidden) return t('staffMessages.hidden');
  return thread.subject ?? t('staffMessages.noSubject');
}

export function assigneeText(thread: StaffInboxThread, t: Translate, myId: string): string {
  if (!thread.assignee) return thread.kind === 'clinical' ? t('staffMessages.assignee.clinicians') : t('staffMessages.assignee.team');
  if (thread.assignee.personId === myId) return t('staffMessages.assignee.you');
  const key = `role.${thread.assignee.role}`;
  return t('staffMessages.assignee.named', { name: displayName(thread.assignee.name, t), role: isMessageKey(key) ? t(key) : thread.assignee.role });
}

export function staffStatusText(thread: StaffInboxThread, t: Translate): string {
  if (thread.kind === 'letter') return t('staffMessages.status.letter');
  return t(`staffMessages.status.${thread.status}`);
}
