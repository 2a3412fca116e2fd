// The form for a journal note's title and text, both required: writing the first version, or correcting one.
import { Button, Textfield } from '@digdir/designsystemet-react';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { FormStatus } from '../platform/form-status.tsx';
import { useT } from '../i18n/index.tsx';

const MAX_TITLE = 200;
const MAX_NOTE = 20_000;

export interface NoteInput {
  title: string;
  body: string;
}

interface Props {
  initial: NoteInput;
  /** The form's heading or hint, above the fields. */
  intro: ReactNode;
  bodyHint?: string;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (input: NoteInput) => void;
  onCancel?: () => void;
  /** Something to add to the text (the call's chat), offered under it. */
  insert?: { label: string; text: string };
  labelledBy?: string;
  label?: string;
}

export function NoteEditor({ initial, intro, bodyHint, submitLabel, pending, error, onSubmit, onCancel, insert, labelledBy, label }: Props) {
  const t = useT();
  const id = useId();
  const [title, setTitle] = useState(initial.title);
  const [body, setBody] = useState(initial.body);
  const [shown, setShown] = useState(false);
  const problems = {
    title: title.trim() === '' ? t('journal.note.titleMissing') : title.length > MAX_TITLE ? t('booking.reason.tooLong', { max: MAX_TITLE }) : undefined,
    body: body.trim() === '' ? t('journal.note.bodyMissing') : body.length > MAX_NOTE ? t('booking.reason.tooLong', { max: MAX_NOTE }) : undefined,
  };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    setShown(true);
    if (problems.title || problems.body) return document.getElementById(`${id}-${problems.title ? 'title' : 'body'}`)?.focus();
    onSubmit({ title: title.trim(), body: body.trim() });
  }

  return (
    <form className="nl-form" noValidate onSubmit={submit} aria-labelledby={labelledBy} aria-label={label}>
      {intro}
      <Textfield id={`${id}-title`} label={t('journal.note.titleLabel')} value={title} onChange={(e) => setTitle(e.target.value)} error={shown ? problems.title : undefined} />
      <Textfield id={`${id}-body`} multiline rows={10} label={t('journal.note.bodyLabel')} description={bodyHint} value={body} onChange={(e) => setBody(e.target.value)} error={shown ? problems.body : undefined} />
      {insert && (
        <div>
          <Button type="button" variant="secondary" onClick={() => setBody((b) => [b.trim(), insert.text].filter(Boolean).join('\n'))}>
            {insert.label}
          </Button>
        </div>
      )}
      <FormStatus error={error} />
      <div className="nl-actions">
        <Button type="submit" loading={pending}>
          {submitLabel}
        </Button>
        {onCancel && (
          <Button type="button" variant="tertiary" onClick={onCancel}>
            {t('journal.cancelCorrection')}
          </Button>
        )}
      </div>
    </form>
  );
}
