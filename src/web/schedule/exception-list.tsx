// A clinician's coming absences (holiday, sick, other) in the clinic's time, each with "Slett" for those who may change them.
import { Button, Paragraph } from '@digdir/designsystemet-react';
import { useEffect, useRef, useState } from 'react';
import { useClinicTime } from '../booking/clinic-time.ts';
import { problemText } from '../platform/problem-message.tsx';
import { useT } from '../i18n/index.tsx';
import { useRemoveException } from './schedule-api.ts';
import type { ScheduleException } from './types.ts';

export function ExceptionList({ exceptions, timeZone, editable }: { exceptions: ScheduleException[]; timeZone: string; editable: boolean }) {
  const t = useT();
  const time = useClinicTime(timeZone);
  const remove = useRemoveException();
  const [removed, setRemoved] = useState<string | null>(null);
  const removedRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    // The deleted row and its button are gone; the confirmation takes the focus.
    if (removed) removedRef.current?.focus();
  }, [removed]);

  const period = (e: ScheduleException) =>
    t('schedule.exception.period', { from: time.capitalise(time.dayAndTime(e.startsAt, true)), to: time.dayAndTime(e.endsAt, true) });

  return (
    <>
      <div aria-live="polite" className="nl-form__status">
        {removed && (
          <Paragraph ref={removedRef} tabIndex={-1}>
            {removed}
          </Paragraph>
        )}
        {remove.isError && (
          <Paragraph role="alert" className="nl-error-text">
            {problemText(remove.error, t)}
          </Paragraph>
        )}
      </div>
      {exceptions.length === 0 ? (
        <Paragraph>{t('schedule.exception.none')}</Paragraph>
      ) : (
        <ul className="nl-patient-list">
          {exceptions.map((e) => (
            <li key={e.id}>
              <strong>{t(`schedule.kind.${e.kind}`)}</strong>
              <span>{period(e)}</span>
              {editable && (
                <Button
                  variant="tertiary"
                  data-color="danger"
                  data-size="sm"
                  loading={remove.isPending && remove.variables === e.id}
                  disabled={remove.isPending}
                  aria-label={t('schedule.exception.deleteNamed', { kind: t(`schedule.kind.${e.kind}`), period: period(e) })}
                  onClick={() => remove.mutate(e.id, { onSuccess: () => setRemoved(t('schedule.exception.deleted', { period: period(e) })) })}
                >
                  {t('schedule.exception.delete')}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
