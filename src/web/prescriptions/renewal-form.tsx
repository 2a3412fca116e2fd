// The patient's request to renew prescriptions: which of the renewable ones, and a note to the clinic. A retry of the
// same request keeps its Idempotency-Key, so a lost answer never makes a second request.
import { Button, Checkbox, Fieldset, Heading, Paragraph, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import { useId, useState, type FormEvent } from 'react';
import type { PrescriptionView } from '../../server/prescriptions/api.ts';
import { keyKeeper } from '../booking/idempotency.ts';
import { FormStatus } from '../platform/form-status.tsx';
import { Notice, useNotice } from '../platform/notice.tsx';
import { useFormat } from '../i18n/format.ts';
import { useT } from '../i18n/index.tsx';
import { useRequestRenewal } from './prescriptions-api.ts';
import { drugTitle } from './prescription-text.ts';

const MAX_NOTE = 1000;

/** Asks the clinic to renew the chosen prescriptions; a retry of the same request keeps its Idempotency-Key. */
export function RenewalForm({ prescriptions }: { prescriptions: PrescriptionView[] }) {
  const t = useT();
  const format = useFormat();
  const renew = useRequestRenewal();
  const notice = useNotice();
  const [keys] = useState(() => keyKeeper());
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [note, setNote] = useState('');
  const [shown, setShown] = useState(false);
  const headingId = useId();
  const fieldsetId = useId();
  const available = prescriptions.filter((p) => p.renewal === 'available');
  const ids = available.filter((p) => chosen.has(p.id)).map((p) => p.id);
  const problems = {
    chosen: ids.length === 0 ? t('prescriptions.request.noneChosen') : undefined,
    note: note.length > MAX_NOTE ? t('booking.reason.tooLong', { max: MAX_NOTE }) : undefined,
  };

  function toggle(id: string, on: boolean) {
    setChosen((c) => {
      const next = new Set(c);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (renew.isPending) return;
    setShown(true);
    if (problems.chosen || problems.note) return document.getElementById(problems.chosen ? fieldsetId : `${fieldsetId}-note`)?.focus();
    const input = { prescriptionIds: [...ids].sort(), ...(note.trim() ? { note: note.trim() } : {}) };
    renew.mutate(
      { input, idempotencyKey: keys.keyFor(input) },
      {
        onSuccess: () => {
          setChosen(new Set());
          setNote('');
          setShown(false);
          notice.show(t('prescriptions.request.sent'));
        },
      },
    );
  }

  return (
    <section className="nl-section" aria-labelledby={headingId}>
      <Heading id={headingId} level={2} data-size="sm">
        {t('prescriptions.request.title')}
      </Heading>
      <Notice notice={notice} />
      {available.length === 0 ? (
        <Paragraph>{t('prescriptions.request.none')}</Paragraph>
      ) : (
        <form className="nl-form" noValidate onSubmit={submit} aria-labelledby={headingId}>
          <Paragraph>{t('prescriptions.request.intro')}</Paragraph>
          <Fieldset id={fieldsetId} tabIndex={-1}>
            <Fieldset.Legend>{t('prescriptions.request.legend')}</Fieldset.Legend>
            {available.map((p) => (
              <Checkbox
                key={p.id}
                value={p.id}
                label={`${drugTitle(p.drug)}, ${p.strength}`}
                description={t('prescriptions.request.optionHint', { type: t(`prescriptions.type.${p.type}`), date: format.date(p.validUntil) })}
                checked={chosen.has(p.id)}
                aria-invalid={shown && problems.chosen ? true : undefined}
                onChange={(e) => toggle(p.id, e.target.checked)}
              />
            ))}
            {shown && problems.chosen && <ValidationMessage>{problems.chosen}</ValidationMessage>}
          </Fieldset>
          <Textfield
            id={`${fieldsetId}-note`}
            multiline
            rows={3}
            label={t('prescriptions.request.note')}
            description={t('prescriptions.request.noteHint')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            counter={{ limit: MAX_NOTE, under: t('booking.reason.left'), over: t('booking.reason.over') }}
            error={shown ? problems.note : undefined}
          />
          <FormStatus error={renew.isError ? renew.error : null} />
          <div>
            <Button type="submit" loading={renew.isPending}>
              {t('prescriptions.request.submit')}
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}
