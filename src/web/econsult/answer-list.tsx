// The answers as the doctor reads them: each shown question's label and the answer in words; for the clinician, the
// questions the rules flagged stand out with the flag's reason (a tag and a border, not colour alone).
import { Paragraph, Tag } from '@digdir/designsystemet-react';
import { useLanguage, useT } from '../i18n/index.tsx';
import type { Answers, Questionnaire } from '../../shared/econsult/questionnaire.ts';
import { answeredQuestions, answerText, textIn } from './answers.ts';
import type { FlagView } from './types.ts';

export const answerRowId = (questionId: string) => `answer-${questionId}`;

export function AnswerList({ questionnaire, answers, flags = [] }: { questionnaire: Questionnaire; answers: Answers; flags?: readonly FlagView[] }) {
  const t = useT();
  const { language } = useLanguage();
  const rows = answeredQuestions(questionnaire, answers);
  if (rows.length === 0) return <Paragraph>{t('econsult.summary.noAnswers')}</Paragraph>;
  const words = { yes: t('econsult.yes'), no: t('econsult.no') };
  return (
    <dl className="nl-facts nl-econsult-answers">
      {rows.map(({ question, value }) => {
        const flag = flags.find((f) => f.questionId === question.id);
        return (
          <div key={question.id} id={answerRowId(question.id)} className={flag ? 'nl-facts__row nl-econsult-flagged' : 'nl-facts__row'}>
            <dt>{textIn(question.label, language)}</dt>
            <dd>
              <span className="nl-econsult-answer">{answerText(question, value, language, words)}</span>
              {flag && (
                <span className="nl-econsult-flag">
                  <Tag data-color="danger" data-size="sm">
                    {t('staffEconsult.flagged')}
                  </Tag>{' '}
                  {textIn(flag.reason, language)}
                </span>
              )}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
