// The persistent banner while a guardian acts for a child, with the way back to acting for oneself.
import { Button, Paragraph } from '@digdir/designsystemet-react';
import { problemText } from '../platform/problem-message.tsx';
import { useT } from '../i18n/index.tsx';
import { displayName } from './display-name.ts';
import { useActFor } from './me.ts';
import { useSession } from './session.ts';

export function ActingForBanner() {
  const t = useT();
  const { data: session } = useSession();
  const actFor = useActFor();
  const actingFor = session?.authenticated ? session.actingFor : null;
  // The live region is always there, so a banner appearing in it is announced.
  return (
    <div aria-live="polite">
      {actingFor && (
        <div className="nl-acting-for" data-color="warning">
          <div className="nl-container nl-acting-for__inner">
            <Paragraph className="nl-acting-for__text">
              {t('actingFor.banner', { name: displayName(actingFor.name, t) })}
            </Paragraph>
            <Button data-color="neutral" data-size="sm" loading={actFor.isPending} onClick={() => actFor.mutate(null)}>
              {t('actingFor.backToSelf')}
            </Button>
            {actFor.isError && (
              <Paragraph data-size="sm" role="alert">
                {problemText(actFor.error, t)}
              </Paragraph>
            )}
          </div>
        </div>
      )}
    </div>
  );
}
