// E-consultation questionnaires and the emergency screening: their shapes (the JSON in server/econsult/questionnaires),
// and the pure rules that read them: which questions show, whether answers are valid, what is flagged for the doctor,
// and when the screening stops the flow. Used by the server and the web app alike, so plain TS only.

export type Lang = 'nb' | 'nn' | 'sv' | 'en';
export const LANGS: readonly Lang[] = ['nb', 'nn', 'sv', 'en'];
/** Every text a patient or doctor reads, in all four languages. */
export type Text = Record<Lang, string>;

export type QuestionKind = 'yesno' | 'single' | 'multi' | 'text' | 'number';
export const QUESTION_KINDS: readonly QuestionKind[] = ['yesno', 'single', 'multi', 'text', 'number'];

/**
 * A rule over earlier answers. A leaf holds when the question is answered and every operator it names holds:
 * `equals` (for a multi question: the value is among those chosen), `in` (one of; for multi: any chosen is one of),
 * `gte` / `lte` (numbers). A leaf with no operator holds when the question is answered.
 */
export type Condition = LeafCondition | { all: Condition[] } | { any: Condition[] };
export interface LeafCondition {
  question: string;
  equals?: string | boolean | number;
  in?: string[];
  gte?: number;
  lte?: number;
}

export interface Option {
  value: string;
  label: Text;
}

export interface Question {
  id: string;
  kind: QuestionKind;
  label: Text;
  help?: Text;
  required: boolean;
  /** 'single' and 'multi' only. */
  options?: Option[];
  /** Asked only when this holds; refers to earlier questions. */
  showIf?: Condition;
  /** Shown to the doctor when `when` holds (may refer to this question and earlier ones). */
  flag?: { when: Condition; reason: Text };
  /** 'number' only. */
  min?: number;
  max?: number;
  unit?: Text;
  integer?: boolean;
  /** 'text' only: the most characters (code points) allowed. */
  maxLength?: number;
}

export type ForChildren = 'only' | 'never' | 'any';
export type Photos = 'suggested' | 'optional' | 'none';

/** One reason for contact (rash, urinary symptoms, ...) in one version. Versions never change once cases use them. */
export interface Questionnaire {
  reasonId: string;
  version: number;
  /** Where the reason stands in the list shown to patients (lowest first). */
  order: number;
  title: Text;
  description: Text;
  /** Whether the reason is offered when the patient is a child (under 16); absent means 'any'. */
  forChildren?: ForChildren;
  photos: Photos;
  /** Prices are the clinic's, never the questionnaire's. */
  price?: never;
  questions: Question[];
}

export type ReasonSummary = Pick<Questionnaire, 'reasonId' | 'version' | 'order' | 'title' | 'description' | 'photos'> & {
  forChildren: ForChildren;
};

export type AnswerValue = string | number | boolean | string[];
export type Answers = Record<string, AnswerValue>;
export type AnswerProblemKind = 'required' | 'type' | 'option' | 'range' | 'too-long' | 'unknown';
export interface AnswerProblem {
  questionId: string;
  problem: AnswerProblemKind;
}

export interface Flag {
  questionId: string;
  reason: Text;
}

/** Answers come from the network: read only own properties, so an id such as "constructor" finds nothing. */
function answerOf(answers: Readonly<Record<string, unknown>>, id: string): unknown {
  return Object.hasOwn(answers, id) ? answers[id] : undefined;
}

/** Empty text, an empty choice and null count as not answered; `false` and 0 are answers. */
export function isAnswered(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

export function conditionHolds(condition: Condition, answers: Readonly<Record<string, unknown>>): boolean {
  if ('all' in condition) return condition.all.every((c) => conditionHolds(c, answers));
  if ('any' in condition) return condition.any.some((c) => conditionHolds(c, answers));
  const value = answerOf(answers, condition.question);
  if (!isAnswered(value)) return false;
  const chosen = Array.isArray(value) ? value : undefined;
  if (condition.equals !== undefined && !(chosen ? chosen.includes(condition.equals) : value === condition.equals)) return false;
  if (condition.in !== undefined) {
    const list = condition.in as unknown[];
    if (!(chosen ? chosen.some((v) => list.includes(v)) : list.includes(value))) return false;
  }
  if (condition.gte !== undefined && !(typeof value === 'number' && value >= condition.gte)) return false;
  if (condition.lte !== undefined && !(typeof value === 'number' && value <= condition.lte)) return false;
  return true;
}

/**
 * The questions asked given the answers so far, in order. A condition sees only the answers to questions that are
 * themselves shown, so hiding a question also hides what depended on it.
 */
export function visibleQuestions(q: Questionnaire, answers: Readonly<Record<string, unknown>>): Question[] {
  const shown: Question[] = [];
  const seen: Record<string, unknown> = {};
  for (const question of q.questions) {
    if (question.showIf && !conditionHolds(question.showIf, seen)) continue;
    shown.push(question);
    if (Object.hasOwn(answers, question.id)) seen[question.id] = answers[question.id];
  }
  return shown;
}

function problemWith(question: Question, value: unknown): AnswerProblemKind | undefined {
  if (!isAnswered(value)) return question.required ? 'required' : undefined;
  const allowed = (question.options ?? []).map((o) => o.value);
  switch (question.kind) {
    case 'yesno':
      return typeof value === 'boolean' ? undefined : 'type';
    case 'single':
      if (typeof value !== 'string') return 'type';
      return allowed.includes(value) ? undefined : 'option';
    case 'multi':
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) return 'type';
      return value.every((v) => allowed.includes(v)) && new Set(value).size === value.length ? undefined : 'option';
    case 'text':
      if (typeof value !== 'string') return 'type';
      return question.maxLength !== undefined && [...value].length > question.maxLength ? 'too-long' : undefined;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'type';
      if (question.integer && !Number.isInteger(value)) return 'type';
      if ((question.min !== undefined && value < question.min) || (question.max !== undefined && value > question.max)) return 'range';
      return undefined;
  }
}

/**
 * What is wrong with a set of answers, one problem per question, in question order, then unknown ids.
 * Answers to hidden questions are not checked (they are dropped by `cleanAnswers`).
 */
export function validateAnswers(q: Questionnaire, answers: Readonly<Record<string, unknown>>): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  for (const question of visibleQuestions(q, answers)) {
    const problem = problemWith(question, answerOf(answers, question.id));
    if (problem) problems.push({ questionId: question.id, problem });
  }
  const known = new Set(q.questions.map((question) => question.id));
  for (const id of Object.keys(answers)) if (!known.has(id)) problems.push({ questionId: id, problem: 'unknown' });
  return problems;
}

/** The answers to the questions shown, and nothing else: what is stored and shown to the doctor. Validate first. */
export function cleanAnswers(q: Questionnaire, answers: Readonly<Record<string, unknown>>): Answers {
  const clean: Answers = {};
  for (const question of visibleQuestions(q, answers)) {
    const value = answerOf(answers, question.id);
    if (isAnswered(value)) clean[question.id] = value as AnswerValue;
  }
  return clean;
}

/** What the questionnaire's rules point out to the doctor, judged on the answers to the questions shown. */
export function flagsFor(q: Questionnaire, answers: Readonly<Record<string, unknown>>): Flag[] {
  const clean = cleanAnswers(q, answers);
  return visibleQuestions(q, clean)
    .filter((question) => question.flag && conditionHolds(question.flag.when, clean))
    .map((question) => ({ questionId: question.id, reason: question.flag!.reason }));
}

/** Whether a reason is offered for this patient. */
export function reasonSuits(reason: { forChildren?: ForChildren }, patientIsChild: boolean): boolean {
  const rule = reason.forChildren ?? 'any';
  return rule === 'any' || (rule === 'only') === patientIsChild;
}

// The emergency screening: yes/no questions asked before anything else; any yes stops the e-consultation.

export type ScreeningQuestion = { id: string; label: Text; help?: Text };
export type Screening = { version: number; questions: ScreeningQuestion[] };

/** Any yes stops the flow, whatever else is answered or not. */
export function screeningStops(answers: Readonly<Record<string, unknown>>): boolean {
  return Object.values(answers).some((answer) => answer === true);
}

export type ScreeningOutcome = 'stop' | 'incomplete' | 'go-on';

/** The flow goes on only when every screening question has an explicit no: a missing answer is not a no. */
export function screeningOutcome(screening: Screening, answers: Readonly<Record<string, unknown>>): ScreeningOutcome {
  if (screeningStops(answers)) return 'stop';
  return screening.questions.every((question) => answerOf(answers, question.id) === false) ? 'go-on' : 'incomplete';
}

export type Country = 'NO' | 'SE';

export interface PhoneAdvice {
  /** As written for people; strip the spaces for a tel: link. */
  number: string;
  label: Text;
}

export interface EmergencyAdvice {
  emergency: PhoneAdvice;
  urgent: PhoneAdvice;
  /** Someone to talk to at once about thoughts of suicide, day and night. */
  crisis: PhoneAdvice;
}

const ADVICE: Record<Country, EmergencyAdvice> = {
  NO: {
    emergency: {
      number: '113',
      label: {
        nb: 'Medisinsk nødtelefon. Ring når det kan være fare for liv eller helse.',
        nn: 'Medisinsk naudtelefon. Ring når det kan vere fare for liv eller helse.',
        sv: 'Medicinskt nödnummer i Norge. Ring när det kan vara fara för liv eller hälsa.',
        en: 'Medical emergency number. Call when a life or health may be in danger.',
      },
    },
    urgent: {
      number: '116 117',
      label: {
        nb: 'Legevakt. Ring når du trenger lege i dag og ikke kan vente på fastlegen.',
        nn: 'Legevakt. Ring når du treng lege i dag og ikkje kan vente på fastlegen.',
        sv: 'Jourläkare (legevakt). Ring när du behöver läkare i dag och inte kan vänta.',
        en: 'Out-of-hours doctor (legevakt). Call when you need a doctor today and cannot wait.',
      },
    },
    crisis: {
      number: '116 123',
      label: {
        nb: 'Mental Helses hjelpetelefon. Noen å snakke med, hele døgnet.',
        nn: 'Hjelpetelefonen til Mental Helse. Nokon å snakke med, heile døgnet.',
        sv: 'Mental Helses stödlinje i Norge. Någon att prata med, dygnet runt.',
        en: "Mental Helse's helpline. Someone to talk to, day and night.",
      },
    },
  },
  SE: {
    emergency: {
      number: '112',
      label: {
        nb: 'Nødnummer i Sverige. Ring når det kan være fare for liv eller helse.',
        nn: 'Naudnummer i Sverige. Ring når det kan vere fare for liv eller helse.',
        sv: 'Larmnummer. Ring när det kan vara fara för liv eller hälsa.',
        en: 'Emergency number. Call when a life or health may be in danger.',
      },
    },
    urgent: {
      number: '1177',
      label: {
        nb: '1177 Vårdguiden. Råd fra sykepleier på telefon, hele døgnet.',
        nn: '1177 Vårdguiden. Råd frå sjukepleiar på telefon, heile døgnet.',
        sv: '1177 Vårdguiden. Sjukvårdsrådgivning på telefon, dygnet runt.',
        en: '1177 Vårdguiden. Advice from a nurse by phone, day and night.',
      },
    },
    crisis: {
      number: '90101',
      label: {
        nb: 'Självmordslinjen (Mind). Noen å snakke med, hele døgnet.',
        nn: 'Självmordslinjen (Mind). Nokon å snakke med, heile døgnet.',
        sv: 'Självmordslinjen (Mind). Någon att prata med, dygnet runt.',
        en: 'Självmordslinjen (Mind), the suicide helpline. Someone to talk to, day and night.',
      },
    },
  },
};

/** Where to turn now when the screening stops: depends on the clinic's country, not the patient's language. */
export function emergencyAdvice(country: Country): EmergencyAdvice {
  return ADVICE[country];
}
