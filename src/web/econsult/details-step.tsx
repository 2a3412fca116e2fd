// Step 3 of a draft: the patient's own words (only what the doctor needs) and photos, where the reason asks for them.
import { Button, Textfield } from '@digdir/designsystemet-react';
import { useId, useState, type FormEvent } from 'react';
import { useT } from '../i18n/index.tsx';
import type { Photos } from '../../shared/econsult/questionnaire.ts';
import { useSaveDraft } from './patient-api.ts';
import { PhotoField } from './photo-field.tsx';
import { StepHeading } from './step-heading.tsx';
import type { CaseView } from './types.ts';
import { FormStatus } from '../platform/form-status.tsx';

export const MAX_DESCRIPTION = 4000;
/** Photos with the case at submit (the server counts them too). */
export const MAX_DRAFT_PHOTOS = 5;

export interface DetailsStepProps {
  view: CaseView;
  photos: Photos;
  focus: boolean;
  onBack: () => void;
  onDone: () => void;
}

export function DetailsStep({ view, photos, focus, onBack, onDone }: DetailsStepProps) {
  const t = useT();
  const save = useSaveDraft(view.id);
  const headingId = useId();
  const [description, setDescription] = useState(view.description);
  const [tooLong, setTooLong] = useState(false);

  function leave(then: () => void) {
    if (save.isPending) return;
    if (description.length > MAX_DESCRIPTION) return setTooLong(true);
    if (description === view.description) return then();
    save.mutate({ description }, { onSuccess: then });
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    leave(onDone);
  }

  return (
    <form className="nl-form nl-econsult-form" noValidate onSubmit={submit} aria-labelledby={headingId}>
      <StepHeading step="details" id={headingId} focus={focus} />
      <Textfield
        multiline
        rows={6}
        label={t('econsult.details.label')}
        description={t('econsult.details.hint')}
        counter={{ limit: MAX_DESCRIPTION, under: t('booking.reason.left'), over: t('booking.reason.over') }}
        value={description}
        onChange={(event) => {
          setDescription(event.target.value);
          setTooLong(false);
        }}
        error={tooLong ? t('booking.reason.tooLong', { max: MAX_DESCRIPTION }) : undefined}
      />
      {(photos !== 'none' || view.photos.length > 0) && (
        <PhotoField caseId={view.id} photos={view.photos} max={MAX_DRAFT_PHOTOS} removable hint={t(photos === 'suggested' ? 'econsult.photo.suggested' : 'econsult.photo.optional')} />
      )}
      <FormStatus error={save.isError ? save.error : null} />
      <div className="nl-actions">
        <Button type="submit" loading={save.isPending}>
          {t('econsult.next')}
        </Button>
        <Button type="button" variant="secondary" disabled={save.isPending} onClick={() => leave(onBack)}>
          {t('econsult.back')}
        </Button>
      </div>
    </form>
  );
}
