// Adding photos: take one with the camera or choose files; each is sent on its own and comes back as the server's
// thumbnail (exactly what the doctor sees). Refusals are said by the field, per file, in the user's language.
import { Button, Fieldset, Paragraph, ValidationMessage } from '@digdir/designsystemet-react';
import { useId, useState, type ChangeEvent } from 'react';
import { FileButton } from '../platform/file-button.tsx';
import { problemText } from '../platform/problem-message.tsx';
import { useT } from '../i18n/index.tsx';
import { PhotoGallery } from './photo-gallery.tsx';
import { useRemovePhoto, useUploadPhoto } from './patient-api.ts';
import type { PhotoView } from './types.ts';

export interface PhotoFieldProps {
  caseId: string;
  photos: readonly PhotoView[];
  /** How many the case may have in all: five with the case, ten once it is open. */
  max: number;
  /** Whether a photo can be removed again (a draft's can; one sent to the doctor cannot). */
  removable: boolean;
  hint: string;
}

interface Refusal {
  file: string;
  text: string;
}

export function PhotoField({ caseId, photos, max, removable, hint }: PhotoFieldProps) {
  const t = useT();
  const upload = useUploadPhoto(caseId);
  const remove = useRemovePhoto(caseId);
  const [refusals, setRefusals] = useState<Refusal[]>([]);
  const [progress, setProgress] = useState<{ done: number; count: number } | null>(null);
  const [removed, setRemoved] = useState<string | null>(null);
  const hintId = useId();
  const errorId = useId();
  const room = max - photos.length;
  const busy = progress !== null;

  async function send(event: ChangeEvent<HTMLInputElement>) {
    const input = event.target;
    const files = [...(input.files ?? [])];
    // Cleared at once, so choosing the same file again (after a refusal) is a change too.
    input.value = '';
    if (files.length === 0 || busy) return;
    const refused: Refusal[] = [];
    const taken = files.slice(0, Math.max(0, room));
    for (const file of files.slice(taken.length)) refused.push({ file: file.name, text: t('econsult.photo.tooMany', { max }) });
    setRemoved(null);
    setProgress({ done: 0, count: taken.length });
    for (const [index, file] of taken.entries()) {
      try {
        await upload.mutateAsync(file);
      } catch (error) {
        refused.push({ file: file.name, text: problemText(error, t) });
      }
      setProgress({ done: index + 1, count: taken.length });
    }
    setProgress(null);
    setRefusals(refused);
  }

  const describedBy = [hintId, refusals.length > 0 ? errorId : null].filter(Boolean).join(' ');
  return (
    <Fieldset className="nl-econsult-photo-field">
      <Fieldset.Legend>{t('econsult.photo.label', { max })}</Fieldset.Legend>
      <Paragraph id={hintId} data-size="sm">
        {hint}
      </Paragraph>
      <PhotoGallery
        photos={photos}
        action={
          removable
            ? (photo, name) => (
                <Button
                  variant="tertiary"
                  data-color="danger"
                  data-size="sm"
                  loading={remove.isPending && remove.variables === photo.id}
                  disabled={remove.isPending || busy}
                  onClick={() => remove.mutate(photo.id, { onSuccess: () => setRemoved(t('econsult.photo.removed', { name })) })}
                >
                  {t('econsult.photo.remove', { name })}
                </Button>
              )
            : undefined
        }
      />
      {room > 0 ? (
        <div className="nl-actions">
          <FileButton label={t('econsult.photo.take')} accept="image/*" capture describedBy={describedBy} disabled={busy} onChange={send} />
          <FileButton label={t('econsult.photo.choose')} accept="image/*" describedBy={describedBy} disabled={busy} onChange={send} />
        </div>
      ) : (
        <Paragraph data-size="sm">{t('econsult.photo.full', { max })}</Paragraph>
      )}
      <div aria-live="polite" className="nl-form__status">
        {progress && <Paragraph data-size="sm">{t('econsult.photo.sending', { done: progress.done, count: progress.count })}</Paragraph>}
        {removed && <Paragraph data-size="sm">{removed}</Paragraph>}
        {remove.isError && <ValidationMessage>{problemText(remove.error, t)}</ValidationMessage>}
      </div>
      <div id={errorId} aria-live="polite" className="nl-form__status">
        {refusals.map((r, index) => (
          <ValidationMessage key={`${r.file}-${index}`}>{t('econsult.photo.refused', { file: r.file, reason: r.text })}</ValidationMessage>
        ))}
      </div>
    </Fieldset>
  );
}
