// The shipped questionnaires and screening load and hold together; a malformed definition stops the start, naming the
// file and the problem; the latest version is the one offered.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LANGS, flagsFor, validateAnswers, visibleQuestions, type Answers, type Condition, type Question, type Questionnaire } from '../../../shared/econsult/questionnaire.ts';
import { loadCatalogue, questionnaire, reasons, screening } from './catalogue.ts';

const HERE = import.meta.dirname;
const shipped = readdirSync(HERE).filter((f) => f.endsWith('.json'));
const raw = (file: string): unknown => JSON.parse(readFileSync(path.join(HERE, file), 'utf8'));

/** Every object in a definition that has any language key: each must be a full Text. */
function texts(value: unknown, at = ''): { at: string; text: Record<string, unknown> }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => texts(v, `${at}[${i}]`));
  if (typeof value !== 'object' || value === null) return [];
  const o = value as Record<string, unknown>;
  if (LANGS.some((lang) => lang in o)) return [{ at, text: o }];
  return Object.entries(o).flatMap(([k, v]) => texts(v, `${at}.${k}`));
}

function referenced(c: Condition): string[] {
  if ('all' in c) return c.all.flatMap(referenced);
  if ('any' in c) return c.any.flatMap(referenced);
  return [c.question];
}

describe('the shipped catalogue', () => {
  it('offers at least the eight reasons a GP would expect, "other" last', () => {
    const ids = reasons().map((r) => r.reasonId);
    expect(ids).toEqual(expect.arrayContaining(['rash', 'urinary', 'cough', 'contraception', 'low-mood', 'child-fever', 'prescription-renewal', 'other']));
    expect(ids.at(-1)).toBe('other');
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('screens for every emergency the issue names', () => {
    expect(screening().questions.map((q) => q.id)).toEqual(
      expect.arrayContaining(['chest-pain', 'breathing', 'stroke', 'bleeding', 'self-harm', 'child-very-ill', 'allergic-reaction', 'head', 'poisoning']),
    );
  });

  it.each(shipped)('%s has every text in nb, nn, sv and en', (file) => {
    const found = texts(raw(file));
    expect(found.length).toBeGreaterThan(0);
    for (const { at, text } of found) {
      expect(Object.keys(text).sort(), at).toEqual([...LANGS].sort());
      for (const lang of LANGS) expect(typeof text[lang] === 'string' && (text[lang] as string).trim() !== '', `${at}.${lang}`).toBe(true);
    }
  });

  it.each(reasons().map((r) => r.reasonId))('%s: unique ids and options, conditions on earlier questions, a whole version', (reasonId) => {
    const q = questionnaire(reasonId)!;
    expect(Number.isInteger(q.version) && q.version > 0).toBe(true);
    const earlier: string[] = [];
    for (const question of q.questions) {
      expect(earlier, `${question.id} appears twice`).not.toContain(question.id);
      if (question.showIf) for (const id of referenced(question.showIf)) expect(earlier, `${question.id}.showIf`).toContain(id);
      if (question.flag) for (const id of referenced(question.flag.when)) expect([...earlier, question.id], `${question.id}.flag`).toContain(id);
      const values = (question.options ?? []).map((o) => o.value);
      expect(new Set(values).size, `${question.id} options`).toBe(values.length);
      earlier.push(question.id);
    }
  });

  it.each(reasons().map((r) => r.reasonId))('%s can be filled in: no problems once every shown required question has a valid answer', (reasonId) => {
    const q = questionnaire(reasonId)!;
    expect(validateAnswers(q, {}).every((p) => p.problem === 'required')).toBe(true);
    const answers = fillIn(q);
    expect(validateAnswers(q, answers)).toEqual([]);
  });
});

/** A valid answer to every question shown, growing the set until no new question appears. */
function fillIn(q: Questionnaire, chosen: (question: Question) => Answers[string] | undefined = () => undefined): Answers {
  const answers: Answers = {};
  for (let shown = -1; shown !== Object.keys(answers).length; ) {
    shown = Object.keys(answers).length;
    for (const question of visibleQuestions(q, answers)) {
      if (question.id in answers) continue;
      answers[question.id] = chosen(question) ?? sample(question);
    }
  }
  return answers;
}

function sample(question: Question): Answers[string] {
  switch (question.kind) {
    case 'yesno':
      return false;
    case 'single':
      return question.options![0]!.value;
    case 'multi':
      return [question.options![0]!.value];
    case 'text':
      return 'x';
    case 'number':
      return question.min!;
  }
}

describe('the shipped rules flag what a GP would want to see', () => {
  const flagged = (reasonId: string, answers: Answers) => flagsFor(questionnaire(reasonId)!, { ...fillIn(questionnaire(reasonId)!), ...answers }).map((f) => f.questionId);

  it('contraception: a smoker of 35 or over, not of 34', () => {
    expect(flagged('contraception', { age: 35, smoking: 'yes' })).toContain('smoking');
    expect(flagged('contraception', { age: 34, smoking: 'yes' })).not.toContain('smoking');
    expect(flagged('contraception', { migraine: 'with-aura', 'blood-clot': 'family' })).toEqual(expect.arrayContaining(['migraine', 'blood-clot']));
  });

  it('urinary symptoms: a man, fever or back pain, and pregnancy', () => {
    expect(flagged('urinary', { sex: 'male', 'fever-back': true })).toEqual(expect.arrayContaining(['sex', 'fever-back']));
    expect(flagged('urinary', { sex: 'female', pregnancy: 'pregnant' })).toContain('pregnancy');
  });

  it('cough: breathlessness at rest, blood, fever for more than five days', () => {
    expect(flagged('cough', { breathless: 'rest', sputum: 'blood', fever: true, 'fever-days': 6 })).toEqual(expect.arrayContaining(['breathless', 'sputum', 'fever-days']));
    expect(flagged('cough', { fever: true, 'fever-days': 5 })).not.toContain('fever-days');
  });

  it('low mood: a PHQ-2 of 3 or more, and any thought of self-harm', () => {
    expect(flagged('low-mood', { 'little-interest': 'several-days', 'feeling-down': 'more-than-half' })).toContain('feeling-down');
    expect(flagged('low-mood', { 'little-interest': 'several-days', 'feeling-down': 'several-days' })).not.toContain('feeling-down');
    expect(flagged('low-mood', { 'self-harm-thoughts': 'sometimes' })).toContain('self-harm-thoughts');
  });

  it('child with fever: under 3 months, more than 3 days, not drinking, a rash', () => {
    expect(flagged('child-fever', { 'age-months': 2, 'fever-days': 4, drinking: 'hardly', rash: true })).toEqual(
      expect.arrayContaining(['age-months', 'fever-days', 'drinking', 'rash']),
    );
    expect(flagged('child-fever', { 'age-months': 3, 'fever-days': 3 })).not.toEqual(expect.arrayContaining(['age-months']));
  });

  it('prescription renewal: a sleeping pill, strong painkiller or sedative', () => {
    expect(flagged('prescription-renewal', { controlled: 'yes' })).toContain('controlled');
    expect(flagged('prescription-renewal', { controlled: 'unsure' })).toContain('controlled');
    expect(flagged('prescription-renewal', { controlled: 'no' })).not.toContain('controlled');
  });
});

describe('loading a directory of definitions', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  /** A directory with the shipped screening and rash questionnaire, changed as the test needs. */
  function dirWith(files: Record<string, unknown>): string {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'questionnaires-'));
    dirs.push(dir);
    const all = { 'emergency-screening.v1.json': raw('emergency-screening.v1.json'), 'rash.v1.json': raw('rash.v1.json'), ...files };
    for (const [name, content] of Object.entries(all)) {
      if (content !== undefined) writeFileSync(path.join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
    }
    return dir;
  }

  const rash = () => structuredClone(raw('rash.v1.json')) as Questionnaire & Record<string, unknown>;

  it('offers the latest version, and an earlier one when asked for it', () => {
    const catalogue = loadCatalogue(dirWith({ 'rash.v2.json': { ...rash(), version: 2 } }));
    expect(catalogue.questionnaire('rash')?.version).toBe(2);
    expect(catalogue.questionnaire('rash', 1)?.version).toBe(1);
    expect(catalogue.questionnaire('rash', 3)).toBeUndefined();
    expect(catalogue.questionnaire('nothing')).toBeUndefined();
    expect(catalogue.reasons().map((r) => [r.reasonId, r.version])).toEqual([['rash', 2]]);
  });

  it('hands out definitions that cannot be changed by a caller', () => {
    const q = loadCatalogue(dirWith({})).questionnaire('rash')!;
    expect(() => {
      (q.questions[0]!.label as { en: string }).en = 'changed';
    }).toThrow(TypeError);
  });

  const broken: [string, Record<string, unknown>, RegExp][] = [
    ['a text without Nynorsk', { 'rash.v1.json': (() => { const q = rash(); delete (q.questions[0]!.label as Partial<Record<string, string>>).nn; return q; })() }, /rash\.v1\.json: questions\[0\] \(what\)\.label: missing "nn"/],
    ['a file that is not JSON', { 'rash.v1.json': '{ "reasonId": ' }, /rash\.v1\.json: not valid JSON/],
    ['a condition on a later question', { 'rash.v1.json': (() => { const q = rash(); q.questions[0]!.showIf = { question: 'where' }; return q; })() }, /rash\.v1\.json: questions\[0\] \(what\)\.showIf\.question: "where" is not an earlier question/],
    ['a condition on an option that does not exist', { 'rash.v1.json': (() => { const q = rash(); q.questions[1]!.showIf = { question: 'what', equals: 'mole' }; return q; })() }, /rash\.v1\.json: questions\[1\] \(spot-changed\)\.showIf\.equals: "mole" cannot be an answer to "what"/],
    ['an option twice', { 'rash.v1.json': (() => { const q = rash(); q.questions[0]!.options!.push(q.questions[0]!.options![0]!); return q; })() }, /rash\.v1\.json: questions\[0\] \(what\)\.options\[5\]\.value: "rash" appears twice/],
    ['a question id twice', { 'rash.v1.json': (() => { const q = rash(); q.questions.push(q.questions[2]!); return q; })() }, /rash\.v1\.json: questions\[\d+\] \(where\)\.id: "where" appears twice/],
    ['a version that is not a whole number', { 'rash.v1.5.json': { ...rash(), version: 1.5 } }, /rash\.v1\.5\.json: the file name must be/],
    ['a version that does not match the file name', { 'rash.v2.json': rash() }, /rash\.v2\.json: \(file name\): must be "rash\.v1\.json"/],
    ['a price', { 'rash.v1.json': { ...rash(), price: 350 } }, /rash\.v1\.json: \(top\): unknown field "price"/],
    ['a misspelt field', { 'rash.v1.json': (() => { const q = rash() as unknown as { questions: Record<string, unknown>[] }; q.questions[0]!.showif = { question: 'x' }; return q; })() }, /questions\[0\] \(what\): unknown field "showif"/],
    ['a text question without a length', { 'rash.v1.json': (() => { const q = rash(); delete q.questions.find((x) => x.kind === 'text')!.maxLength; return q; })() }, /rash\.v1\.json: questions\[\d+\] \(tried\)\.maxLength: a text question needs/],
    ['a screening question without English', { 'emergency-screening.v1.json': (() => { const s = structuredClone(raw('emergency-screening.v1.json')) as { questions: { label: Partial<Record<string, string>> }[] }; delete s.questions[0]!.label.en; return s; })() }, /emergency-screening\.v1\.json: questions\[0\]\.label: missing "en"/],
    ['no screening at all', { 'emergency-screening.v1.json': undefined }, /no emergency screening found/],
  ];

  it.each(broken)('refuses %s, naming the file and the problem', (_what, files, message) => {
    expect(() => loadCatalogue(dirWith(files))).toThrow(message);
  });

  it('lists every problem in every file at once', () => {
    const q = rash();
    delete (q.title as Partial<Record<string, string>>).sv;
    const dir = dirWith({ 'rash.v1.json': q, 'cough.v1.json': '[' });
    expect(() => loadCatalogue(dir)).toThrow(/cough\.v1\.json: not valid JSON[\s\S]*rash\.v1\.json: title: missing "sv"/);
  });
});
