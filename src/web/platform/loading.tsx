// The busy indicator shown while a page or its data is on the way.
import { Spinner } from '@digdir/designsystemet-react';
import { useT } from '../i18n/index.tsx';

export function Loading() {
  const t = useT();
  return (
    <div className="nl-loading" role="status">
      <Spinner aria-label={t('common.loading')} data-size="md" />
    </div>
  );
}
