// Closing a case: the outcome, a summary the patient reads, and the journal note; both texts are required.
import { Button, Fieldset, Radio, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import { useId, useState, type FormEvent } from 'react';
import { useT } from '../i18n/index.tsx';
import { MAX_DESCRIPTION } from './details-step.tsx';
import { useCloseCase } from './staff-api.ts';
import type { ClosingOutcome } from './types.ts';
import { FormStatus } from '../platform/form-status.tsx';
import { mutateThen } from '../platform/mutate-then.ts';

const OUTCOMES: readonly ClosingOutcome[] = ['advice', 'prescription', 'referral', 'in-person', 'rejected'];
const MAX_NOTE = 20_000;

export function CloseForm({ caseId, labelledBy, onDone }: { caseId: string; labelledBy: string; onDone: (text: string) => void }) {
  const t = useT();
  const close = useCloseCase(caseId);
  const name = useId();
  const [outcome, setOutcome] = useState<ClosingOutcome | null>(null);
  const [summary, setSummary] = useState('');
  const [note, setNote] = useState('');
  const [shown, setShown] = useState(false);
  const problems = {
    outcome: outcome ? undefined : t('staffEconsult.close.outcomeMissing'),
    summary: summary.trim() === '' ? t('staffEconsult.close.summaryMissing') : summary.length > MAX_DESCRIPTION ? t('booking.reason.tooLong', { max: MAX_DESCRIPTION }) : undefined,
    note: note.trim() === '' ? t('staffEconsult.close.noteMissing') : note.length > MAX_NOTE ? t('booking.reason.tooLong', { max: MAX_NOTE }) : undefined,
  };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (close.isPending) return;
    setShown(true);
    if (!outcome || problems.summary || problems.note) {
      const first = !outcome ? 'close-outcome' : problems.summary ? 'close-summary' : 'close-note';
      return document.getElementById(first)?.focus();
    }
    mutateThen(close, { outcome, summary: summary.trim(), journalNote: note.trim() }, () => onDone(t('staffEconsult.close.done')));
  }

  return (
    <form className="nl-form" noValidate onSubmit={submit} aria-labelledby={labelledBy}>
      <Fieldset id="close-outcome" tabIndex={-1}>
        <Fieldset.Legend>{t('staffEconsult.close.outcome')}</Fieldset.Legend>
        {OUTCOMES.map((o) => (
          <Radio key={o} name={name} value={o} label={t(`staffEconsult.outcome.${o}`)} checked={outcome === o} aria-invalid={shown && !outcome ? true : undefined} onChange={() => setOutcome(o)} />
        ))}
        {shown && problems.outcome && <ValidationMessage>{problems.outcome}</ValidationMessage>}
      </Fieldset>
      <Textfield
        id="close-summary"
        multiline
        rows={5}
        label={t(outcome === 'rejected' ? 'staffEconsult.close.reason' : 'staffEconsult.close.summary')}
        description={t('staffEconsult.close.summaryHint')}
        value={summary}
        onChange={(event) => setSummary(event.target.value)}
        error={shown ? problems.summary : undefined}
      />
      <Textfield
        id="close-note"
        multiline
        rows={6}
        label={t('staffEconsult.close.note')}
        description={t('staffEconsult.close.noteHint')}
        value={note}
        onChange={(event) => setNote(event.target.value)}
        error={shown ? problems.note : undefined}
      />
      <FormStatus error={close.isError ? close.error : null} />
      <div>
        <Button type="submit" data-color={outcome === 'rejected' ? 'danger' : undefined} loading={close.isPending}>
          {t(outcome === 'rejected' ? 'staffEconsult.close.reject' : 'staffEconsult.close.submit')}
        </Button>
      </div>
    </form>
  );
}

