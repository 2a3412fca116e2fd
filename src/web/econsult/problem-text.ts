// What is wrong with an answer, in words for the patient: the questionnaire's problem kinds with the question's limits.
import { useCallback } from 'react';
import { useLanguage, useT } from '../i18n/index.tsx';
import { LOCALES } from '../i18n/languages.ts';
import type { AnswerProblemKind, Question } from '../../shared/econsult/questionnaire.ts';
import { textIn } from './answers.ts';

export function useProblemText(): (question: Question, problem: AnswerProblemKind) => string {
  const t = useT();
  const { language } = useLanguage();
  return useCallback(
    (question, problem) => {
      switch (problem) {
        case 'required':
          return t(question.kind === 'multi' || question.kind === 'single' || question.kind === 'yesno' ? 'econsult.problem.choose' : 'econsult.problem.required');
        case 'type':
          return t(question.kind === 'number' ? (question.integer ? 'econsult.problem.integer' : 'econsult.problem.number') : 'econsult.problem.invalid');
        case 'range': {
          const unit = question.unit ? ` ${textIn(question.unit, language)}` : '';
          const n = (value: number | undefined) => (value ?? 0).toLocaleString(LOCALES[language]);
          if (question.min !== undefined && question.max !== undefined) return t('econsult.problem.between', { min: n(question.min), max: `${n(question.max)}${unit}` });
          if (question.min !== undefined) return t('econsult.problem.atLeast', { min: `${n(question.min)}${unit}` });
          return t('econsult.problem.atMost', { max: `${n(question.max)}${unit}` });
        }
        case 'too-long':
          return t('econsult.problem.tooLong', { max: question.maxLength ?? 0 });
        case 'option':
        case 'unknown':
          return t('econsult.problem.invalid');
      }
    },
    [t, language],
  );
}
