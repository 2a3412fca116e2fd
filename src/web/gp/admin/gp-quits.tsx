// "Fastlegen slutter": closes a GP's list after a confirmation; everyone on it gets an extra switch and a content-free
// notice, and the waiting list is withdrawn. The answer says how many were told.
import { Button, Paragraph } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useT } from '../../i18n/index.tsx';
import { FormStatus } from '../../platform/form-status.tsx';
import { useGpQuits } from '../gp-api.ts';

export function GpQuits({ practitionerId, name, closed, describedBy }: { practitionerId: string; name: string; closed: boolean; describedBy: string }) {
  const t = useT();
  const quit = useGpQuits();
  const [asking, setAsking] = useState(false);
  const done = quit.isSuccess ? t('gp.admin.quit.done', { name, count: quit.data.affected }) : null;
  return (
    <div className="nl-gp-quit">
      <div aria-live="polite">{done && <Paragraph>{done}</Paragraph>}</div>
      {closed ? (
        !done && <Paragraph>{t('gp.admin.quit.closed', { name })}</Paragraph>
      ) : !asking ? (
        <Button variant="secondary" data-color="danger" aria-describedby={describedBy} onClick={() => setAsking(true)}>
          {t('gp.admin.quit.button')}
        </Button>
      ) : (
        <div role="group" aria-label={t('gp.admin.quit.button')}>
          <Paragraph>{t('gp.admin.quit.question', { name })}</Paragraph>
          <FormStatus error={quit.isError ? quit.error : null} />
          <div className="nl-actions">
            <Button data-color="danger" loading={quit.isPending} onClick={() => quit.mutate(practitionerId, { onSettled: () => setAsking(false) })}>
              {t('gp.admin.quit.yes')}
            </Button>
            <Button variant="secondary" onClick={() => setAsking(false)}>
              {t('gp.admin.quit.no')}
            </Button>
          </div>
        </div>
      )}
    </div>
  );
}
