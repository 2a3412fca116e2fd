// The questionnaire on the page, pure: a text in the UI language, answers as words (what the doctor reads), what a typed
// number means, and where a draft should open.
import { LOCALES, type Language } from '../i18n/languages.ts';
import { isAnswered, reasonSuits, validateAnswers, visibleQuestions, type AnswerProblem, type AnswerProblemKind, type ForChildren, type AnswerValue, type Answers, type Question, type Questionnaire, type Text } from '../../shared/econsult/questionnaire.ts';

export function textIn(text: Text, language: Language): string {
  return text[language] || text.nb;
}

export interface AnswerWords {
  /** "Ja", "Nei"; the yes/no and the units come from the caller, in the UI language. */
  yes: string;
  no: string;
}

/** One answer as the doctor reads it: option labels rather than codes, the unit after a number. */
export function answerText(question: Question, value: AnswerValue, language: Language, words: AnswerWords): string {
  const label = (code: string) => {
    const option = question.options?.find((o) => o.value === code);
    return option ? textIn(option.label, language) : code;
  };
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  if (Array.isArray(value)) return value.map(label).join(', ');
  if (typeof value === 'number') {
    const number = value.toLocaleString(LOCALES[language]);
    return question.unit ? `${number} ${textIn(question.unit, language)}` : number;
  }
  return question.kind === 'single' ? label(value) : value;
}

export interface AnsweredQuestion {
  question: Question;
  value: AnswerValue;
}

/** The questions shown for these answers that have an answer, in order: exactly what is sent and what the doctor sees. */
export function answeredQuestions(q: Questionnaire, answers: Readonly<Answers>): AnsweredQuestion[] {
  return visibleQuestions(q, answers).flatMap((question) => {
    const value = Object.hasOwn(answers, question.id) ? answers[question.id] : undefined;
    return value !== undefined && isAnswered(value) ? [{ question, value }] : [];
  });
}

/**
 * A typed number: empty is no answer, "37,5" and "37.5" are 37.5, and anything else is kept as typed so the
 * questionnaire's own check calls it what it is (not a number) rather than the page guessing.
 */
export function parseNumberAnswer(typed: string): number | string | undefined {
  const text = typed.trim().replace(/\s/g, '');
  if (text === '') return undefined;
  const normal = text.replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(normal) ? Number(normal) : typed;
}

/** Answers without the empty ones, ready to send. */
export function withoutEmpty(answers: Readonly<Record<string, AnswerValue | undefined>>): Answers {
  const out: Answers = {};
  for (const [id, value] of Object.entries(answers)) if (value !== undefined && isAnswered(value)) out[id] = value;
  return out;
}

/** The reasons offered to this patient (children's own, or not), in the clinic's order. */
export function reasonsFor<R extends { forChildren?: ForChildren; order?: number }>(reasons: readonly R[], patientIsChild: boolean): R[] {
  return reasons.filter((r) => reasonSuits(r, patientIsChild)).sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
}

/** The problems per question id (the first per question), for the fields to show. */
export function problemsById(problems: readonly { questionId: string; problem: AnswerProblemKind }[]): Map<string, AnswerProblemKind> {
  const map = new Map<string, AnswerProblemKind>();
  for (const p of problems) if (!map.has(p.questionId)) map.set(p.questionId, p.problem);
  return map;
}

export type DraftStep = 'reason' | 'questions' | 'details' | 'summary';
export const DRAFT_STEPS: readonly DraftStep[] = ['reason', 'questions', 'details', 'summary'];

/** Where a draft opens: the reason if none is chosen, the questions while any answer is missing, else the summary. */
export function openingStep(reasonId: string | null, questionnaire: Questionnaire | undefined, answers: Readonly<Answers>): DraftStep {
  if (!reasonId || !questionnaire) return 'reason';
  return validateAnswers(questionnaire, answers).length > 0 ? 'questions' : 'summary';
}

/** The per-question problems a refused submit carries (problem+json member `problems`); [] when there are none. */
export function problemsOfRefusal(problem: Readonly<Record<string, unknown>>): AnswerProblem[] {
  const list = problem.problems;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (p): p is AnswerProblem => typeof p === 'object' && p !== null && typeof (p as AnswerProblem).questionId === 'string' && typeof (p as AnswerProblem).problem === 'string',
  );
}
