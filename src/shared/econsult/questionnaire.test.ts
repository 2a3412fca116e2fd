// The questionnaire rules: conditions, which questions show, answer checks, cleaning, flags, and the emergency screening.
import { describe, expect, it } from 'vitest';
import {
  LANGS,
  cleanAnswers,
  conditionHolds,
  emergencyAdvice,
  flagsFor,
  reasonSuits,
  screeningOutcome,
  screeningStops,
  validateAnswers,
  visibleQuestions,
  type Question,
  type Questionnaire,
  type Screening,
  type Text,
} from './questionnaire.ts';

const t = (en: string): Text => ({ nb: en, nn: en, sv: en, en });
const opts = (...values: string[]) => values.map((value) => ({ value, label: t(value) }));

function questionnaire(questions: Question[]): Questionnaire {
  return { reasonId: 'test', version: 1, order: 1, title: t('Test'), description: t('Test'), photos: 'none', questions };
}

// A small form that uses every kind: fever (yes/no) → days of fever (number, shown with fever) → temperature (shown when
// more than 2 days), plus a choice, a multiple choice and free text.
const form = questionnaire([
  { id: 'fever', kind: 'yesno', label: t('Fever?'), required: true },
  {
    id: 'days',
    kind: 'number',
    label: t('Days?'),
    required: true,
    min: 0,
    max: 30,
    integer: true,
    showIf: { question: 'fever', equals: true },
    flag: { when: { question: 'days', gte: 6 }, reason: t('Long fever') },
  },
  { id: 'temperature', kind: 'number', label: t('Temperature?'), required: true, min: 35, max: 43, showIf: { question: 'days', gte: 3 } },
  { id: 'sex', kind: 'single', label: t('Sex?'), required: true, options: opts('female', 'male') },
  {
    id: 'symptoms',
    kind: 'multi',
    label: t('Symptoms?'),
    required: false,
    options: opts('cough', 'blood', 'rash'),
    flag: {
      when: { any: [{ question: 'symptoms', equals: 'blood' }, { all: [{ question: 'sex', equals: 'male' }, { question: 'symptoms', in: ['rash'] }] }] },
      reason: t('Look at this'),
    },
  },
  { id: 'note', kind: 'text', label: t('Anything else?'), required: false, maxLength: 5 },
]);

describe('conditions', () => {
  it('a leaf holds only when the question is answered and every operator holds', () => {
    expect(conditionHolds({ question: 'a', equals: true }, { a: true })).toBe(true);
    expect(conditionHolds({ question: 'a', equals: true }, { a: false })).toBe(false);
    expect(conditionHolds({ question: 'a', equals: true }, {})).toBe(false);
    expect(conditionHolds({ question: 'a', equals: 'x' }, { a: 'x' })).toBe(true);
    expect(conditionHolds({ question: 'a', in: ['x', 'y'] }, { a: 'y' })).toBe(true);
    expect(conditionHolds({ question: 'a', in: ['x', 'y'] }, { a: 'z' })).toBe(false);
    expect(conditionHolds({ question: 'n', gte: 3, lte: 5 }, { n: 3 })).toBe(true);
    expect(conditionHolds({ question: 'n', gte: 3, lte: 5 }, { n: 6 })).toBe(false);
    expect(conditionHolds({ question: 'n', gte: 3 }, { n: '4' })).toBe(false);
  });

  it('a leaf with no operator holds when the question is answered, and blank text is no answer', () => {
    expect(conditionHolds({ question: 'a' }, { a: false })).toBe(true);
    expect(conditionHolds({ question: 'a' }, { a: '  ' })).toBe(false);
    expect(conditionHolds({ question: 'a' }, { a: [] })).toBe(false);
  });

  it('on a multiple choice, equals means "among those chosen" and in means "any chosen is one of"', () => {
    expect(conditionHolds({ question: 'm', equals: 'b' }, { m: ['a', 'b'] })).toBe(true);
    expect(conditionHolds({ question: 'm', equals: 'c' }, { m: ['a', 'b'] })).toBe(false);
    expect(conditionHolds({ question: 'm', in: ['c', 'b'] }, { m: ['a', 'b'] })).toBe(true);
  });

  it('all and any nest', () => {
    const c = { any: [{ all: [{ question: 'a', equals: true }, { question: 'n', gte: 2 }] }, { question: 'b', equals: 'x' }] };
    expect(conditionHolds(c, { a: true, n: 2 })).toBe(true);
    expect(conditionHolds(c, { a: true, n: 1 })).toBe(false);
    expect(conditionHolds(c, { a: false, n: 5, b: 'x' })).toBe(true);
    expect(conditionHolds({ all: [] }, {})).toBe(true);
    expect(conditionHolds({ any: [] }, {})).toBe(false);
  });

  it('an id that names an Object property finds no answer', () => {
    expect(conditionHolds({ question: 'constructor' }, {})).toBe(false);
  });
});

describe('visible questions', () => {
  const ids = (answers: Record<string, unknown>) => visibleQuestions(form, answers).map((q) => q.id);

  it('shows a conditional question only when its condition holds', () => {
    expect(ids({})).toEqual(['fever', 'sex', 'symptoms', 'note']);
    expect(ids({ fever: true })).toEqual(['fever', 'days', 'sex', 'symptoms', 'note']);
    expect(ids({ fever: true, days: 4 })).toEqual(['fever', 'days', 'temperature', 'sex', 'symptoms', 'note']);
  });

  it('hiding a question also hides what depends on it, even when its old answer is still sent', () => {
    expect(ids({ fever: false, days: 4 })).toEqual(['fever', 'sex', 'symptoms', 'note']);
  });
});

describe('validating answers', () => {
  const valid = { fever: true, days: 4, temperature: 38.5, sex: 'female', symptoms: ['cough'], note: 'ok' };
  const problems = (answers: Record<string, unknown>) => validateAnswers(form, answers);

  it('accepts a complete, well-typed set', () => {
    expect(problems(valid)).toEqual([]);
    expect(problems({ fever: false, sex: 'male' })).toEqual([]);
  });

  it('asks for required answers only to questions that are shown', () => {
    expect(problems({})).toEqual([
      { questionId: 'fever', problem: 'required' },
      { questionId: 'sex', problem: 'required' },
    ]);
    expect(problems({ fever: true, sex: 'male' })).toEqual([{ questionId: 'days', problem: 'required' }]);
  });

  it('treats blank text, null and an empty choice as missing, and false as an answer', () => {
    expect(problems({ fever: false, sex: '  ' })).toEqual([{ questionId: 'sex', problem: 'required' }]);
    expect(problems({ fever: null, sex: 'male', symptoms: [] })).toEqual([{ questionId: 'fever', problem: 'required' }]);
  });

  it('ignores answers to hidden questions, however wrong', () => {
    expect(problems({ fever: false, days: 'many', temperature: 99, sex: 'male' })).toEqual([]);
  });

  it.each([
    ['a yes/no that is not a boolean', { fever: 'yes' }, 'fever', 'type'],
    ['a choice that is not a string', { sex: 1 }, 'sex', 'type'],
    ['a choice not among the options', { sex: 'other' }, 'sex', 'option'],
    ['a multiple choice that is not a list of strings', { symptoms: 'cough' }, 'symptoms', 'type'],
    ['a multiple choice with an unknown option', { symptoms: ['cough', 'fever'] }, 'symptoms', 'option'],
    ['a multiple choice with an option twice', { symptoms: ['cough', 'cough'] }, 'symptoms', 'option'],
    ['text that is not a string', { note: 12 }, 'note', 'type'],
    ['text over its length', { note: 'abcdef' }, 'note', 'too-long'],
    ['a number given as text', { days: '4' }, 'days', 'type'],
    ['a number that is not finite', { days: Infinity }, 'days', 'type'],
    ['a fraction where a whole number is asked', { days: 2.5 }, 'days', 'type'],
    ['a number below its minimum', { days: -1 }, 'days', 'range'],
    ['a number above its maximum', { days: 4, temperature: 44 }, 'temperature', 'range'],
    ['an id the questionnaire does not have', { weight: 70 }, 'weight', 'unknown'],
    ['an id that names an Object property', { constructor: 'x' }, 'constructor', 'unknown'],
  ])('refuses %s', (_what, change, questionId, problem) => {
    expect(problems({ ...valid, ...change })).toEqual([{ questionId, problem }]);
  });

  it('counts characters, not UTF-16 units, against the length', () => {
    expect(problems({ ...valid, note: '😷😷😷😷😷' })).toEqual([]);
  });

  it('refuses a key named __proto__ sent in JSON as unknown', () => {
    expect(problems({ ...valid, ...JSON.parse('{"__proto__": 1}') })).toEqual([{ questionId: '__proto__', problem: 'unknown' }]);
  });
});

describe('cleaning answers', () => {
  it('keeps only answers to the questions shown', () => {
    expect(cleanAnswers(form, { fever: false, days: 4, temperature: 39, sex: 'male', extra: 'x', note: '' })).toEqual({ fever: false, sex: 'male' });
    expect(cleanAnswers(form, { fever: true, days: 4, temperature: 39, sex: 'male' })).toEqual({ fever: true, days: 4, temperature: 39, sex: 'male' });
  });
});

describe('flags for the doctor', () => {
  const flagged = (answers: Record<string, unknown>) => flagsFor(form, answers).map((f) => f.questionId);

  it('raises a flag when its rule holds', () => {
    expect(flagged({ fever: true, days: 6, sex: 'female' })).toEqual(['days']);
    expect(flagged({ fever: true, days: 5, sex: 'female' })).toEqual([]);
    expect(flagsFor(form, { fever: true, days: 7 })[0]?.reason).toEqual(t('Long fever'));
  });

  it('evaluates nested rules', () => {
    expect(flagged({ sex: 'female', symptoms: ['blood'] })).toEqual(['symptoms']);
    expect(flagged({ sex: 'male', symptoms: ['rash'] })).toEqual(['symptoms']);
    expect(flagged({ sex: 'female', symptoms: ['rash'] })).toEqual([]);
  });

  it('raises no flag from the answer to a hidden question', () => {
    expect(flagged({ fever: false, days: 10, sex: 'female' })).toEqual([]);
  });
});

describe('who a reason is for', () => {
  it('offers child-only reasons only for children and adult-only reasons only for adults', () => {
    expect(reasonSuits({ forChildren: 'only' }, true)).toBe(true);
    expect(reasonSuits({ forChildren: 'only' }, false)).toBe(false);
    expect(reasonSuits({ forChildren: 'never' }, true)).toBe(false);
    expect(reasonSuits({ forChildren: 'never' }, false)).toBe(true);
    expect(reasonSuits({}, true)).toBe(true);
  });
});

describe('emergency screening', () => {
  const screening: Screening = { version: 1, questions: [{ id: 'chest-pain', label: t('Chest pain?') }, { id: 'breathing', label: t('Breathing?') }] };

  it('any yes stops the flow', () => {
    expect(screeningStops({ 'chest-pain': false, breathing: true })).toBe(true);
    expect(screeningStops({ 'chest-pain': false, breathing: false })).toBe(false);
    expect(screeningOutcome(screening, { breathing: true })).toBe('stop');
  });

  it('goes on only when every question has an explicit no: a missing answer is not a no', () => {
    expect(screeningOutcome(screening, { 'chest-pain': false, breathing: false })).toBe('go-on');
    expect(screeningOutcome(screening, { 'chest-pain': false })).toBe('incomplete');
    expect(screeningOutcome(screening, { 'chest-pain': false, breathing: 'no' })).toBe('incomplete');
    expect(screeningOutcome(screening, {})).toBe('incomplete');
  });

  it('gives the numbers of the clinic’s country', () => {
    expect(emergencyAdvice('NO').emergency.number).toBe('113');
    expect(emergencyAdvice('NO').urgent.number).toBe('116 117');
    expect(emergencyAdvice('SE').emergency.number).toBe('112');
    expect(emergencyAdvice('SE').urgent.number).toBe('1177');
    for (const country of ['NO', 'SE'] as const) {
      for (const advice of Object.values(emergencyAdvice(country))) {
        for (const lang of LANGS) expect(advice.label[lang].trim()).not.toBe('');
      }
    }
  });
});
