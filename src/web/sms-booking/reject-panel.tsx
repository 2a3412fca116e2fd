// Rejecting a booking request after a confirm step; the note stays with the clinic, the sender only gets "call the clinic".
import { Button, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useEffect, useRef, useState } from 'react';
import { useT } from '../i18n/index.tsx';
import { useRejectRequest } from './requests-api.ts';
import type { BookingRequest } from './types.ts';
import { FormStatus } from '../platform/form-status.tsx';
import { mutateThen } from '../platform/mutate-then.ts';

const MAX_NOTE = 300;

export function RejectPanel({ request, who, onDone, onClose }: { request: BookingRequest; who: string; onDone: (message: string) => void; onClose: () => void }) {
  const t = useT();
  const reject = useRejectRequest();
  const [note, setNote] = useState('');
  const question = useRef<HTMLParagraphElement>(null);

  useEffect(() => question.current?.focus(), []);

  return (
    <div className="nl-appointment__panel" role="group" aria-label={t('requests.reject')}>
      <Paragraph ref={question} tabIndex={-1}>
        {t('requests.rejectQuestion', { name: who })}
      </Paragraph>
      <Textfield
        multiline
        rows={2}
        label={t('requests.rejectNote')}
        description={t('requests.rejectNoteHint')}
        counter={{ limit: MAX_NOTE, under: t('booking.reason.left'), over: t('booking.reason.over') }}
        value={note}
        onChange={(event) => setNote(event.target.value)}
      />
      <div className="nl-actions">
        <Button
          data-color="danger"
          loading={reject.isPending}
          onClick={() => !reject.isPending && note.length <= MAX_NOTE && mutateThen(reject, { id: request.id, reason: note.trim() }, () => onDone(t('requests.rejected', { name: who })))}
        >
          {t('requests.rejectYes')}
        </Button>
        <Button variant="secondary" onClick={onClose}>
          {t('booking.reschedule.cancel')}
        </Button>
      </div>
      <FormStatus error={reject.isError ? reject.error : null} />
    </div>
  );
}
