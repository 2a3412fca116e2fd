// A new absence: from and to on the clinic's wall clock, the kind; "Se virkning" lists the appointments it cancels, then "Lagre".
import { Alert, Button, Fieldset, Heading, Paragraph, Radio, Textfield } from '@digdir/designsystemet-react';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { isProblemType } from '../api.ts';
import { problemText } from '../platform/problem-message.tsx';
import { useT } from '../i18n/index.tsx';
import { AffectedList } from './affected-list.tsx';
import { periodOf } from './period.ts';
import { useAddException, usePreviewException } from './schedule-api.ts';
import { EXCEPTION_KINDS, type AffectedAppointment, type ClinicianSchedule, type ExceptionKind, type ExceptionPeriod } from './types.ts';

/** The preview the user saw: saving confirms exactly that many cancellations. */
interface Preview {
  period: ExceptionPeriod;
  affected: AffectedAppointment[];
}

export function ExceptionForm({ clinician, timeZone }: { clinician: ClinicianSchedule; timeZone: string }) {
  const t = useT();
  const preview = usePreviewException();
  const add = useAddException();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [kind, setKind] = useState<ExceptionKind>('vacation');
  const [shown, setShown] = useState(false);
  const [seen, setSeen] = useState<Preview | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const kindName = useId();
  const headingId = useId();
  const resultRef = useRef<HTMLDivElement>(null);
  const checked = periodOf(from, to, kind, timeZone);
  const problem = 'problem' in checked ? checked.problem : null;

  useEffect(() => {
    // The effect (or the save) is what the user asked for: it takes the focus.
    if (seen || saved || preview.isError || add.isError) resultRef.current?.focus();
  }, [seen, saved, preview.isError, add.isError]);

  function edit(apply: () => void) {
    apply();
    // Any change makes the effect shown out of date: it must be looked at again before saving.
    setSeen(null);
    setSaved(null);
    preview.reset();
    add.reset();
  }

  function showEffect(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setShown(true);
    setSaved(null);
    if (!('period' in checked) || preview.isPending) return;
    const period = checked.period;
    add.reset();
    preview.mutate({ practitionerId: clinician.id, period }, { onSuccess: (affected) => setSeen({ period, affected }) });
  }

  function store(current: Preview) {
    if (add.isPending) return;
    add.mutate(
      { practitionerId: clinician.id, period: current.period, confirmAffected: current.affected.length },
      {
        onSuccess: (result) => {
          setSeen(null);
          setFrom('');
          setTo('');
          setShown(false);
          setSaved(t('schedule.exception.saved', { count: result.cancelled.length }));
        },
        onError: (error) => {
          // Someone booked or cancelled since the preview: show the new list, and saving now confirms that one.
          const affected = isProblemType(error, 'affected-changed') ? error.problem.affected : undefined;
          if (Array.isArray(affected)) setSeen({ period: current.period, affected: affected as AffectedAppointment[] });
        },
      },
    );
  }

  const fieldError = (field: 'from' | 'to') =>
    shown && problem === field ? t('schedule.exception.problem.missing') : shown && problem === 'order' && field === 'to' ? t('schedule.exception.problem.order') : undefined;

  return (
    <section className="nl-section" aria-labelledby={headingId}>
      <Heading level={3} data-size="xs" id={headingId}>
        {t('schedule.exception.new')}
      </Heading>
      <form className="nl-form" noValidate onSubmit={showEffect}>
        <Textfield
          type="datetime-local"
          label={t('schedule.exception.from')}
          description={t('schedule.exception.zoneHint', { zone: timeZone })}
          value={from}
          onChange={(e) => edit(() => setFrom(e.target.value))}
          error={fieldError('from')}
        />
        <Textfield
          type="datetime-local"
          label={t('schedule.exception.to')}
          description={t('schedule.exception.zoneHint', { zone: timeZone })}
          value={to}
          onChange={(e) => edit(() => setTo(e.target.value))}
          error={fieldError('to')}
        />
        <Fieldset>
          <Fieldset.Legend>{t('schedule.exception.kind')}</Fieldset.Legend>
          {EXCEPTION_KINDS.map((k) => (
            <Radio key={k} name={kindName} value={k} label={t(`schedule.kind.${k}`)} checked={kind === k} onChange={() => edit(() => setKind(k))} />
          ))}
        </Fieldset>
        <div>
          <Button type="submit" variant="secondary" loading={preview.isPending}>
            {t('schedule.exception.preview')}
          </Button>
        </div>
      </form>
      <div aria-live="polite" className="nl-form__status" ref={resultRef} tabIndex={-1}>
        {preview.isError && (
          <Alert data-color="danger">
            <Paragraph>{problemText(preview.error, t)}</Paragraph>
          </Alert>
        )}
        {add.isError && (
          <Alert data-color="danger">
            <Paragraph>{problemText(add.error, t)}</Paragraph>
          </Alert>
        )}
        {seen && (
          <div className="nl-section">
            <Paragraph>
              {seen.affected.length === 0 ? t('schedule.exception.noneAffected') : t('schedule.exception.affected', { count: seen.affected.length })}
            </Paragraph>
            {seen.affected.length > 0 && <AffectedList affected={seen.affected} timeZone={timeZone} />}
            <div>
              <Button data-color={seen.affected.length > 0 ? 'danger' : 'accent'} loading={add.isPending} onClick={() => store(seen)}>
                {t('schedule.exception.save')}
              </Button>
            </div>
          </div>
        )}
        {saved && (
          <Alert data-color="success">
            <Paragraph>{saved}</Paragraph>
          </Alert>
        )}
      </div>
    </section>
  );
}
