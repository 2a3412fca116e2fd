// What the patient sent, exactly as the doctor sees it: the reason, the answers with their questions, the patient's own
// words and the photos. The summary before sending, the record after, and the clinician's view all show this.
import { Paragraph } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';
import { Section } from '../platform/section.tsx';
import { useLanguage, useT } from '../i18n/index.tsx';
import type { Questionnaire } from '../../shared/econsult/questionnaire.ts';
import { AnswerList } from './answer-list.tsx';
import { textIn } from './answers.ts';
import { PhotoGallery } from './photo-gallery.tsx';
import type { CaseView } from './types.ts';

export interface CaseContentProps {
  view: Pick<CaseView, 'answers' | 'description' | 'photos' | 'flags'>;
  questionnaire: Questionnaire | undefined;
  /** Highlight the flagged answers (the clinician's view). */
  showFlags?: boolean;
  /** After each section's text (an "Endre" button in the summary before sending). */
  edit?: { questions?: ReactNode; details?: ReactNode };
  level?: 2 | 3;
}

export function CaseContent({ view, questionnaire, showFlags = false, edit = {}, level = 3 }: CaseContentProps) {
  const t = useT();
  const { language } = useLanguage();
  return (
    <>
      <Section title={questionnaire ? textIn(questionnaire.title, language) : t('econsult.summary.answers')} level={level}>
        {questionnaire ? <AnswerList questionnaire={questionnaire} answers={view.answers} flags={showFlags ? view.flags : []} /> : <Paragraph>{t('econsult.summary.noAnswers')}</Paragraph>}
        {edit.questions}
      </Section>
      <Section title={t('econsult.summary.description')} level={level}>
        <Paragraph className="nl-econsult-text">{view.description.trim() || t('econsult.summary.noDescription')}</Paragraph>
        {edit.details}
      </Section>
      <Section title={t('econsult.summary.photos')} level={level}>
        {view.photos.length > 0 ? <PhotoGallery photos={view.photos} /> : <Paragraph>{t('econsult.summary.noPhotos')}</Paragraph>}
      </Section>
    </>
  );
}
