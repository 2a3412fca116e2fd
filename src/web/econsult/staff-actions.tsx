// What the clinician can do with the case as it stands: take it from the queue, write to the patient, close it, or hand
// it on. Someone else's case is said to be theirs; a closed one has nothing left to do.
import { Alert, Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useId, type ReactNode } from 'react';
import { ApiError } from '../api.ts';
import { displayName } from '../identity/display-name.ts';
import { Notice, useNotice } from '../platform/notice.tsx';
import { problemText } from '../platform/problem-message.tsx';
import { useT } from '../i18n/index.tsx';
import { isLive } from './case-state.ts';
import { CloseForm } from './close-form.tsx';
import { HandOnForm } from './hand-on-form.tsx';
import { MessageForm } from './message-form.tsx';
import { useClaim } from './staff-api.ts';
import type { StaffCaseView } from './types.ts';

export function StaffActions({ view, onStale }: { view: StaffCaseView; onStale: () => void }) {
  const t = useT();
  const notice = useNotice();
  const live = isLive(view.status);
  return (
    <>
      <Notice notice={notice} />
      {!live ? null : view.status === 'open' ? (
        <>
          <Claim view={view} onDone={notice.show} onStale={onStale} />
          <Part title={t('staffEconsult.handOn.heading')}>{(id) => <HandOnForm caseId={view.id} holder={null} labelledBy={id} onDone={notice.show} />}</Part>
        </>
      ) : !view.mine ? (
        <Paragraph>{t('staffEconsult.heldBy', { name: displayName(view.claimedBy?.name, t) })}</Paragraph>
      ) : (
        <>
          {view.status === 'claimed' ? (
            <Part title={t('staffEconsult.message.heading')}>{(id) => <MessageForm caseId={view.id} labelledBy={id} onDone={notice.show} />}</Part>
          ) : (
            <Paragraph>{t('staffEconsult.waitingForPatient')}</Paragraph>
          )}
          <Part title={t('staffEconsult.close.heading')}>{(id) => <CloseForm caseId={view.id} labelledBy={id} onDone={notice.show} />}</Part>
          <Part title={t('staffEconsult.handOn.heading')}>{(id) => <HandOnForm caseId={view.id} holder={view.claimedBy} labelledBy={id} onDone={notice.show} />}</Part>
        </>
      )}
    </>
  );
}

function Part({ title, children }: { title: string; children: (headingId: string) => ReactNode }) {
  const id = useId();
  return (
    <section className="nl-section" aria-labelledby={id}>
      <Heading level={2} data-size="sm" id={id}>
        {title}
      </Heading>
      {children(id)}
    </section>
  );
}

/** "Ta saken"; a 409 means a colleague was first: say so and show the case as it is now. */
function Claim({ view, onDone, onStale }: { view: StaffCaseView; onDone: (text: string) => void; onStale: () => void }) {
  const t = useT();
  const claim = useClaim(view.id);
  return (
    <div className="nl-section">
      <div>
        <Button
          loading={claim.isPending}
          onClick={() =>
            !claim.isPending &&
            claim.mutate(undefined, {
              onSuccess: () => onDone(t('staffEconsult.claimed')),
              onError: (error) => error instanceof ApiError && error.status === 409 && onStale(),
            })
          }
        >
          {t('staffEconsult.claim')}
        </Button>
      </div>
      <div aria-live="polite" className="nl-form__status">
        {claim.isError && (
          <Alert data-color="warning">
            <Paragraph>{problemText(claim.error, t)}</Paragraph>
          </Alert>
        )}
      </div>
    </div>
  );
}
