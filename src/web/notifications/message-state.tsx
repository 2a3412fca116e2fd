// A message's delivery state as a tag, translated where the state is known.
import { Tag } from '@digdir/designsystemet-react';
import { isMessageKey, useT } from '../i18n/index.tsx';

const COLORS: Record<string, string> = { sent: 'success', delivered: 'success', failed: 'danger' };

export function MessageState({ state }: { state: string }) {
  const t = useT();
  const key = `outbox.state.${state}`;
  return (
    <Tag data-color={COLORS[state] ?? 'neutral'} data-size="sm">
      <span className="ds-sr-only">{t('outbox.state')}: </span>
      {isMessageKey(key) ? t(key) : state}
    </Tag>
  );
}
