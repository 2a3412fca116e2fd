// The questionnaires and the emergency screening, read from the JSON files beside this one when the server starts.
// A malformed file stops the start with a message naming the file and what is wrong: better than a broken form later.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Questionnaire, ReasonSummary, Screening } from '../../../shared/econsult/questionnaire.ts';
import { questionnaireProblems, screeningProblems } from './check.ts';

export interface Catalogue {
  /** The latest version of every reason, in display order. */
  reasons(): ReasonSummary[];
  /** One version of a reason's questionnaire; the latest when no version is given. */
  questionnaire(reasonId: string, version?: number): Questionnaire | undefined;
  /** The latest emergency screening. */
  screening(): Screening;
}

const FILE = /^([a-z0-9]+(?:-[a-z0-9]+)*)\.v([1-9][0-9]*)\.json$/;
const SCREENING_ID = 'emergency-screening';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/** Reads and checks every `*.json` in `dir`; throws one error listing every problem in every file. */
export function loadCatalogue(dir: string): Catalogue {
  const problems: string[] = [];
  const byReason = new Map<string, Map<number, Questionnaire>>();
  const screenings = new Map<number, Screening>();

  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const name = FILE.exec(file);
    if (!name) {
      problems.push(`${file}: the file name must be <reasonId>.v<version>.json`);
      continue;
    }
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
    } catch (e) {
      problems.push(`${file}: not valid JSON (${(e as Error).message})`);
      continue;
    }
    const isScreening = name[1] === SCREENING_ID;
    const found = isScreening ? screeningProblems(json, file) : questionnaireProblems(json, file);
    if (found.length > 0) {
      problems.push(...found.map((problem) => `${file}: ${problem}`));
      continue;
    }
    if (isScreening) {
      const s = deepFreeze(json as Screening);
      screenings.set(s.version, s);
    } else {
      const q = deepFreeze(json as Questionnaire);
      const versions = byReason.get(q.reasonId) ?? new Map<number, Questionnaire>();
      versions.set(q.version, q);
      byReason.set(q.reasonId, versions);
    }
  }
  if (screenings.size === 0 && problems.length === 0) problems.push(`${SCREENING_ID}.v<version>.json: no emergency screening found`);
  if (problems.length > 0) throw new Error(`The e-consultation questionnaires in ${dir} are not valid:\n  ${problems.join('\n  ')}`);

  const latest = <T>(versions: Map<number, T>): T => versions.get(Math.max(...versions.keys()))!;
  const summaries: ReasonSummary[] = deepFreeze(
    [...byReason.values()]
      .map(latest)
      .map((q) => ({ reasonId: q.reasonId, version: q.version, order: q.order, title: q.title, description: q.description, forChildren: q.forChildren ?? 'any', photos: q.photos }))
      .sort((a, b) => a.order - b.order || a.reasonId.localeCompare(b.reasonId)),
  );
  const currentScreening = latest(screenings);

  return {
    reasons: () => summaries,
    questionnaire: (reasonId, version) => {
      const versions = byReason.get(reasonId);
      if (!versions) return undefined;
      return version === undefined ? latest(versions) : versions.get(version);
    },
    screening: () => currentScreening,
  };
}

/** The catalogue the server runs with: loaded once, when this module is first imported. */
export const catalogue: Catalogue = loadCatalogue(import.meta.dirname);
export const { reasons, questionnaire, screening } = catalogue;
