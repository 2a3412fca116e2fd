// The questionnaire on the page reads as the doctor will: shown questions only, answers in words, typed numbers understood.
import { describe, expect, it } from 'vitest';
import type { Questionnaire, Text } from '../../shared/econsult/questionnaire.ts';
import { answeredQuestions, answerText, openingStep, parseNumberAnswer, problemsOfRefusal, reasonsFor, textIn, withoutEmpty } from './answers.ts';

const text = (nb: string, en = nb): Text => ({ nb, nn: nb, sv: nb, en });

const rash: Questionnaire = {
  reasonId: 'rash',
  version: 1,
  order: 1,
  title: text('Utslett', 'Rash'),
  description: text('Utslett på huden'),
  photos: 'suggested',
  questions: [
    { id: 'itch', kind: 'yesno', label: text('Klør det?'), required: true },
    { id: 'where', kind: 'multi', label: text('Hvor?'), required: true, options: [{ value: 'face', label: text('Ansiktet', 'Face') }, { value: 'arms', label: text('Armene', 'Arms') }] },
    { id: 'fever', kind: 'number', label: text('Temperatur'), required: false, unit: text('°C'), min: 34, max: 43 },
    { id: 'since', kind: 'single', label: text('Hvor lenge?'), required: true, options: [{ value: 'days', label: text('Noen dager', 'A few days') }] },
    { id: 'itch-how', kind: 'text', label: text('Hvordan klør det?'), required: true, showIf: { question: 'itch', equals: true } },
  ],
};

const words = { yes: 'Ja', no: 'Nei' };

describe('answers as the doctor reads them', () => {
  it('name the options by their labels in the UI language, in the order of the answer', () => {
    expect(answerText(rash.questions[1]!, ['arms', 'face'], 'en', words)).toBe('Arms, Face');
    expect(answerText(rash.questions[3]!, 'days', 'nb', words)).toBe('Noen dager');
  });

  it('say yes or no, and put the unit after a number written the local way', () => {
    expect(answerText(rash.questions[0]!, false, 'nb', words)).toBe('Nei');
    expect(answerText(rash.questions[2]!, 38.5, 'nb', words)).toBe('38,5 °C');
    expect(answerText(rash.questions[2]!, 38.5, 'en', words)).toBe('38.5 °C');
  });

  it('leave out a question that is hidden now, even with an old answer to it, and unanswered ones', () => {
    const rows = answeredQuestions(rash, { itch: false, 'itch-how': 'badly', since: 'days' });
    expect(rows.map((r) => r.question.id)).toEqual(['itch', 'since']);
  });

  it('fall back to bokmål when a text lacks the language', () => {
    expect(textIn({ nb: 'Utslett', nn: '', sv: '', en: '' }, 'sv')).toBe('Utslett');
  });
});

describe('a typed number', () => {
  it('is a number with a comma or a point, nothing when empty, and kept as typed otherwise', () => {
    expect(parseNumberAnswer('37,5')).toBe(37.5);
    expect(parseNumberAnswer(' 38 ')).toBe(38);
    expect(parseNumberAnswer('')).toBeUndefined();
    expect(parseNumberAnswer('høy')).toBe('høy');
  });
});

describe('a draft', () => {
  it('sends no empty answers', () => {
    expect(withoutEmpty({ a: '', b: [], c: undefined, d: false, e: 0, f: 'x' })).toEqual({ d: false, e: 0, f: 'x' });
  });

  it('opens at the reason without one, at the questions while an answer is missing, else at the summary', () => {
    expect(openingStep(null, undefined, {})).toBe('reason');
    expect(openingStep('rash', rash, { itch: false })).toBe('questions');
    expect(openingStep('rash', rash, { itch: false, where: ['arms'], since: 'days' })).toBe('summary');
  });

  it('offers a child only the reasons for children, in the clinic order', () => {
    const reasons = [
      { reasonId: 'uti', order: 2, forChildren: 'never' as const },
      { reasonId: 'rash', order: 1 },
      { reasonId: 'ear', order: 3, forChildren: 'only' as const },
    ];
    expect(reasonsFor(reasons, true).map((r) => r.reasonId)).toEqual(['rash', 'ear']);
    expect(reasonsFor(reasons, false).map((r) => r.reasonId)).toEqual(['rash', 'uti']);
  });

  it('reads the per-question problems of a refused submit, and nothing from a problem without them', () => {
    expect(problemsOfRefusal({ problems: [{ questionId: 'itch', problem: 'required' }, { nonsense: true }] })).toEqual([{ questionId: 'itch', problem: 'required' }]);
    expect(problemsOfRefusal({ detail: 'no' })).toEqual([]);
  });
});
