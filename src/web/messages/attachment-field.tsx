// Adding photos or PDFs to a health question: each file is sent on its own as its own bytes; the server's refusal (not
// a photo or PDF, too large, too many) is said by the field, per file, in the user's language.
import { Fieldset, Paragraph, ValidationMessage } from '@digdir/designsystemet-react';
import { useId, useState, type ChangeEvent } from 'react';
import { FileButton } from '../platform/file-button.tsx';
import { problemText } from '../platform/problem-message.tsx';
import { useT } from '../i18n/index.tsx';
import { useUploadAttachment } from './messages-api.ts';

export const MAX_ATTACHMENTS = 5;

interface Refusal {
  file: string;
  text: string;
}

export function AttachmentField({ threadId, count }: { threadId: string; count: number }) {
  const t = useT();
  const upload = useUploadAttachment(threadId);
  const [refusals, setRefusals] = useState<Refusal[]>([]);
  const [progress, setProgress] = useState<{ done: number; count: number } | null>(null);
  const [added, setAdded] = useState<number | null>(null);
  const hintId = useId();
  const errorId = useId();
  const room = MAX_ATTACHMENTS - count;
  const busy = progress !== null;

  async function send(event: ChangeEvent<HTMLInputElement>) {
    const input = event.target;
    const files = [...(input.files ?? [])];
    input.value = '';
    if (files.length === 0 || busy) return;
    const refused: Refusal[] = [];
    const taken = files.slice(0, Math.max(0, room));
    for (const file of files.slice(taken.length)) refused.push({ file: file.name, text: t('messages.attach.tooMany', { max: MAX_ATTACHMENTS }) });
    setAdded(null);
    setProgress({ done: 0, count: taken.length });
    let ok = 0;
    for (const [index, file] of taken.entries()) {
      try {
        await upload.mutateAsync(file);
        ok++;
      } catch (error) {
        refused.push({ file: file.name, text: problemText(error, t) });
      }
      setProgress({ done: index + 1, count: taken.length });
    }
    setProgress(null);
    setRefusals(refused);
    if (ok > 0) setAdded(ok);
  }

  const describedBy = [hintId, refusals.length > 0 ? errorId : null].filter(Boolean).join(' ');
  return (
    <Fieldset className="nl-message-attach">
      <Fieldset.Legend>{t('messages.attach.legend')}</Fieldset.Legend>
      <Paragraph id={hintId} data-size="sm">
        {t('messages.attach.hint', { max: MAX_ATTACHMENTS })}
      </Paragraph>
      {room > 0 ? (
        <div className="nl-actions">
          <FileButton label={t('messages.attach.take')} accept="image/*" capture describedBy={describedBy} disabled={busy} onChange={send} />
          <FileButton label={t('messages.attach.choose')} accept="image/*,application/pdf,.pdf" describedBy={describedBy} disabled={busy} onChange={send} />
        </div>
      ) : (
        <Paragraph data-size="sm">{t('messages.attach.full', { max: MAX_ATTACHMENTS })}</Paragraph>
      )}
      <div aria-live="polite" className="nl-form__status">
        {progress && <Paragraph data-size="sm">{t('messages.attach.sending', { done: progress.done, count: progress.count })}</Paragraph>}
        {added !== null && <Paragraph data-size="sm">{t(added === 1 ? 'messages.attach.added.one' : 'messages.attach.added.other', { count: added })}</Paragraph>}
      </div>
      <div id={errorId} aria-live="polite" className="nl-form__status">
        {refusals.map((r, index) => (
          <ValidationMessage key={`${r.file}-${index}`}>{t('messages.attach.refused', { file: r.file, reason: r.text })}</ValidationMessage>
        ))}
      </div>
    </Fieldset>
  );
}
