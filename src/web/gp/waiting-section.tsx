// "Venteliste": the place on a full list's waiting list, its position kept live by the socket, and leaving it. The
// sentence sits in a live region that is always there, so a new position is read out when the server sends it.
import { Button, Paragraph } from '@digdir/designsystemet-react';
import { displayName } from '../identity/display-name.ts';
import { mutateThen } from '../platform/mutate-then.ts';
import { Notice, useNotice } from '../platform/notice.tsx';
import { problemText } from '../platform/problem-message.tsx';
import { Section } from '../platform/section.tsx';
import { useFormat } from '../i18n/format.ts';
import { useT } from '../i18n/index.tsx';
import { useLeaveWaitingList, type MyGp } from './gp-api.ts';

export function WaitingSection({ mine, child }: { mine: MyGp; child: string | null }) {
  const t = useT();
  const format = useFormat();
  const leave = useLeaveWaitingList();
  const notice = useNotice();
  const { waiting } = mine;
  const place = waiting && { position: waiting.position, gp: displayName(waiting.gpName, t), office: waiting.officeName };
  return (
    <Section title={t('gp.waiting.heading')}>
      <div aria-live="polite" aria-atomic="true">
        <Paragraph data-size={place ? 'lg' : 'md'}>
          {place
            ? child
              ? t('gp.waiting.positionFor', { ...place, name: child })
              : t('gp.waiting.position', place)
            : child
              ? t('gp.waiting.noneFor', { name: child })
              : t('gp.waiting.none')}
        </Paragraph>
      </div>
      {waiting && (
        <>
          <Paragraph>{t('gp.waiting.since', { date: format.date(waiting.since) })}</Paragraph>
          <Paragraph>{t('gp.waiting.explain')}</Paragraph>
          {mine.mayChoose && (
            <div>
              <Button
                variant="secondary"
                data-color="danger"
                loading={leave.isPending}
                onClick={() => !leave.isPending && mutateThen(leave, mine.patientId, () => notice.show(t('gp.waiting.left', { gp: place?.gp ?? '' })))}
              >
                {t('gp.waiting.leave')}
              </Button>
            </div>
          )}
          {leave.isError && (
            <Paragraph role="alert" className="nl-error-text">
              {problemText(leave.error, t)}
            </Paragraph>
          )}
        </>
      )}
      <Notice notice={notice} />
    </Section>
  );
}
