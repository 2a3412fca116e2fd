// The checks a questionnaire or screening definition (parsed JSON) must pass before the server starts with it:
// shape, every text in all four languages, unique ids and options, and conditions that refer to earlier questions.
import { LANGS, QUESTION_KINDS, type Question } from '../../../shared/econsult/questionnaire.ts';

type Json = Record<string, unknown>;

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const QUESTIONNAIRE_KEYS = ['reasonId', 'version', 'order', 'title', 'description', 'forChildren', 'photos', 'questions'];
const QUESTION_KEYS = ['id', 'kind', 'label', 'help', 'required', 'options', 'showIf', 'flag', 'min', 'max', 'unit', 'integer', 'maxLength'];
const KIND_KEYS: Record<string, string[]> = { single: ['options'], multi: ['options'], text: ['maxLength'], number: ['min', 'max', 'unit', 'integer'], yesno: [] };

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isPositiveInteger = (v: unknown): v is number => Number.isInteger(v) && (v as number) > 0;

class Problems {
  readonly list: string[] = [];
  add(path: string, problem: string): void {
    this.list.push(`${path}: ${problem}`);
  }
}

function checkKeys(o: Json, allowed: string[], path: string, p: Problems): void {
  for (const key of Object.keys(o)) if (!allowed.includes(key)) p.add(path, `unknown field "${key}"`);
}

function checkText(v: unknown, path: string, p: Problems): void {
  if (!isObject(v)) return p.add(path, 'must be a text in nb, nn, sv and en');
  for (const lang of LANGS) if (typeof v[lang] !== 'string' || (v[lang] as string).trim() === '') p.add(path, `missing "${lang}"`);
  checkKeys(v, [...LANGS], path, p);
}

function checkId(v: unknown, path: string, p: Problems): v is string {
  if (typeof v === 'string' && ID.test(v) && v.length <= 40) return true;
  p.add(path, 'must be lower-case letters, digits and single hyphens (at most 40)');
  return false;
}

/** `earlier` holds the questions a condition may refer to, by id. */
function checkCondition(c: unknown, earlier: Map<string, Json>, path: string, p: Problems): void {
  if (!isObject(c)) return p.add(path, 'must be a condition object');
  for (const group of ['all', 'any'] as const) {
    if (!(group in c)) continue;
    checkKeys(c, [group], path, p);
    const parts = c[group];
    if (!Array.isArray(parts) || parts.length === 0) return p.add(`${path}.${group}`, 'must be a non-empty list of conditions');
    parts.forEach((part, i) => checkCondition(part, earlier, `${path}.${group}[${i}]`, p));
    return;
  }
  checkKeys(c, ['question', 'equals', 'in', 'gte', 'lte'], path, p);
  const target = typeof c.question === 'string' ? earlier.get(c.question) : undefined;
  if (!target) return p.add(`${path}.question`, `"${String(c.question)}" is not an earlier question`);
  const kind = target.kind;
  const values = Array.isArray(target.options) ? target.options.map((o) => (isObject(o) ? o.value : undefined)) : [];
  if ('equals' in c) {
    const ok = kind === 'yesno' ? typeof c.equals === 'boolean' : kind === 'number' ? typeof c.equals === 'number' : kind === 'text' ? false : values.includes(c.equals);
    if (!ok) p.add(`${path}.equals`, `${JSON.stringify(c.equals)} cannot be an answer to "${c.question}"`);
  }
  if ('in' in c) {
    const ok = (kind === 'single' || kind === 'multi') && Array.isArray(c.in) && c.in.length > 0 && c.in.every((v) => values.includes(v));
    if (!ok) p.add(`${path}.in`, `must list options of "${c.question}"`);
  }
  for (const op of ['gte', 'lte'] as const) {
    if (op in c && !(kind === 'number' && typeof c[op] === 'number')) p.add(`${path}.${op}`, `needs a number question and a number`);
  }
}

function checkOptions(v: unknown, path: string, p: Problems): void {
  if (!Array.isArray(v) || v.length < 2) return p.add(path, 'must list at least two options');
  const seen = new Set<unknown>();
  v.forEach((o, i) => {
    if (!isObject(o)) return p.add(`${path}[${i}]`, 'must be an option object');
    checkKeys(o, ['value', 'label'], `${path}[${i}]`, p);
    if (checkId(o.value, `${path}[${i}].value`, p) && seen.has(o.value)) p.add(`${path}[${i}].value`, `"${o.value}" appears twice`);
    seen.add(o.value);
    checkText(o.label, `${path}[${i}].label`, p);
  });
}

function checkQuestion(v: unknown, earlier: Map<string, Json>, path: string, p: Problems): void {
  if (!isObject(v)) return p.add(path, 'must be a question object');
  checkKeys(v, QUESTION_KEYS, path, p);
  const idOk = checkId(v.id, `${path}.id`, p);
  if (idOk && earlier.has(v.id as string)) p.add(`${path}.id`, `"${v.id}" appears twice`);
  const kind = v.kind as string;
  if (!QUESTION_KINDS.includes(kind as Question['kind'])) p.add(`${path}.kind`, `must be one of ${QUESTION_KINDS.join(', ')}`);
  else for (const key of ['options', 'min', 'max', 'unit', 'integer', 'maxLength']) if (key in v && !KIND_KEYS[kind]!.includes(key)) p.add(`${path}.${key}`, `does not belong to a ${kind} question`);
  checkText(v.label, `${path}.label`, p);
  if ('help' in v) checkText(v.help, `${path}.help`, p);
  if (typeof v.required !== 'boolean') p.add(`${path}.required`, 'must be true or false');
  if (kind === 'single' || kind === 'multi') checkOptions(v.options, `${path}.options`, p);
  if (kind === 'text' && !isPositiveInteger(v.maxLength)) p.add(`${path}.maxLength`, 'a text question needs a positive whole maxLength');
  if (kind === 'number') {
    for (const key of ['min', 'max'] as const) if (typeof v[key] !== 'number') p.add(`${path}.${key}`, 'a number question needs a min and a max');
    if ((v.min as number) > (v.max as number)) p.add(path, 'min is above max');
    if ('unit' in v) checkText(v.unit, `${path}.unit`, p);
    if ('integer' in v && typeof v.integer !== 'boolean') p.add(`${path}.integer`, 'must be true or false');
  }
  if ('showIf' in v) checkCondition(v.showIf, earlier, `${path}.showIf`, p);
  if (idOk && !earlier.has(v.id as string)) earlier.set(v.id as string, v);
  if ('flag' in v) {
    if (!isObject(v.flag)) p.add(`${path}.flag`, 'must be { when, reason }');
    else {
      checkKeys(v.flag, ['when', 'reason'], `${path}.flag`, p);
      checkCondition(v.flag.when, earlier, `${path}.flag.when`, p);
      checkText(v.flag.reason, `${path}.flag.reason`, p);
    }
  }
}

/** Problems with one questionnaire file, each as "path: what is wrong"; none means it may be served. */
export function questionnaireProblems(json: unknown, fileName: string): string[] {
  const p = new Problems();
  if (!isObject(json)) return ['(top): must be a questionnaire object'];
  checkKeys(json, QUESTIONNAIRE_KEYS, '(top)', p);
  checkId(json.reasonId, 'reasonId', p);
  if (!isPositiveInteger(json.version)) p.add('version', 'must be a positive whole number');
  if (fileName !== `${String(json.reasonId)}.v${String(json.version)}.json`) p.add('(file name)', `must be "${String(json.reasonId)}.v${String(json.version)}.json" to match reasonId and version`);
  if (typeof json.order !== 'number') p.add('order', 'must be a number');
  checkText(json.title, 'title', p);
  checkText(json.description, 'description', p);
  if ('forChildren' in json && !['only', 'never', 'any'].includes(json.forChildren as string)) p.add('forChildren', 'must be only, never or any');
  if (!['suggested', 'optional', 'none'].includes(json.photos as string)) p.add('photos', 'must be suggested, optional or none');
  if (!Array.isArray(json.questions) || json.questions.length === 0) p.add('questions', 'must be a non-empty list');
  else {
    const earlier = new Map<string, Json>();
    json.questions.forEach((q, i) => checkQuestion(q, earlier, `questions[${i}]${isObject(q) && typeof q.id === 'string' ? ` (${q.id})` : ''}`, p));
  }
  return p.list;
}

/** Problems with one emergency screening file. */
export function screeningProblems(json: unknown, fileName: string): string[] {
  const p = new Problems();
  if (!isObject(json)) return ['(top): must be a screening object'];
  checkKeys(json, ['version', 'questions'], '(top)', p);
  if (!isPositiveInteger(json.version)) p.add('version', 'must be a positive whole number');
  if (fileName !== `emergency-screening.v${String(json.version)}.json`) p.add('(file name)', `must be "emergency-screening.v${String(json.version)}.json" to match the version`);
  if (!Array.isArray(json.questions) || json.questions.length === 0) return [...p.list, 'questions: must be a non-empty list'];
  const ids = new Set<unknown>();
  json.questions.forEach((q, i) => {
    const path = `questions[${i}]`;
    if (!isObject(q)) return p.add(path, 'must be a question object');
    checkKeys(q, ['id', 'label', 'help'], path, p);
    if (checkId(q.id, `${path}.id`, p) && ids.has(q.id)) p.add(`${path}.id`, `"${q.id}" appears twice`);
    ids.add(q.id);
    checkText(q.label, `${path}.label`, p);
    if ('help' in q) checkText(q.help, `${path}.help`, p);
  });
  return p.list;
}
