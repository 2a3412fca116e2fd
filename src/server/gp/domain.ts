// The rules of the GP list, pure (DOMAIN.md "GP list"): who may choose, which right a switch uses, when it lands on
// the waiting list, the calendar year a switch counts in, and the right to the former GP after moving back.
import { DateTime } from 'luxon';
import type { ExtraSwitchReason, SwitchKind } from './api.ts';

export const ORDINARY_SWITCHES_PER_YEAR = 2;
/** From this age the young person chooses their GP alone; a parent chooses for a younger child. */
export const CHOOSES_ALONE_FROM = 16;
/** Moving back to the former municipality within this many years gives the right to the former GP back. */
export const RETURN_WITHIN_YEARS = 3;
/** How long after moving back the right to the former GP can be used (our choice: the rules set no limit). */
export const RETURN_RIGHT_YEARS = 1;

export type SwitchProblem = 'gp-same' | 'gp-list-closed' | 'gp-no-switches-left';

export interface SwitchFacts {
  /** The GP the patient is listed with now; null: on no list (the first choice is no switch). */
  currentPractitionerId: string | null;
  target: { practitionerId: string; status: 'active' | 'quit'; full: boolean };
  /** Ordinary switches made in the calendar year of the switch. */
  ordinaryUsed: number;
  /** Extra switches not used yet, oldest first. */
  extraUnused: ReadonlyArray<{ id: string; reason: ExtraSwitchReason }>;
  /** An unused, unexpired right to go back to the target (the former GP). */
  returnRight: boolean;
}

export type SwitchDecision =
  | { ok: true; kind: SwitchKind; ordinal: number | null; extraSwitchId: string | null; waiting: boolean }
  | { ok: false; problem: SwitchProblem };

/**
 * Which right a switch uses: none for a first choice; the right to the former GP (a place even on a full list); an
 * extra switch before an ordinary one, so the patient keeps the ordinary ones; an ordinary one while fewer than 2 were
 * used this calendar year. A full list means the waiting list (the switch is counted when asked for).
 */
export function decideSwitch(f: SwitchFacts): SwitchDecision {
  if (f.target.status !== 'active') return { ok: false, problem: 'gp-list-closed' };
  if (f.currentPractitionerId === f.target.practitionerId) return { ok: false, problem: 'gp-same' };
  if (f.currentPractitionerId === null) return { ok: true, kind: 'first', ordinal: null, extraSwitchId: null, waiting: f.target.full };
  if (f.returnRight) return { ok: true, kind: 'return', ordinal: null, extraSwitchId: null, waiting: false };
  const extra = f.extraUnused[0];
  if (extra) return { ok: true, kind: 'extra', ordinal: null, extraSwitchId: extra.id, waiting: f.target.full };
  if (f.ordinaryUsed < ORDINARY_SWITCHES_PER_YEAR) return { ok: true, kind: 'ordinary', ordinal: f.ordinaryUsed + 1, extraSwitchId: null, waiting: f.target.full };
  return { ok: false, problem: 'gp-no-switches-left' };
}

/** The calendar year a switch at `at` counts in: the year in Norway, so 31 December 23:30 is still that year. */
export function switchYear(at: Date, timeZone = 'Europe/Oslo'): number {
  return DateTime.fromJSDate(at, { zone: timeZone }).year;
}

/** A parent may choose for a child under 16; from 16 the young person chooses alone. */
export function mayChooseFor(relation: 'self' | 'guardian', ageYears: number): boolean {
  return relation === 'self' || ageYears < CHOOSES_ALONE_FROM;
}

export interface Move {
  from: string | null;
  to: string;
  /** YYYY-MM-DD. */
  movedOn: string;
}

export interface ListedPeriod {
  practitionerId: string;
  /** The GP office's municipality. */
  municipality: string | null;
  /** YYYY-MM-DD, inclusive. */
  from: string;
  until: string;
}

/**
 * The right to the former GP on moving back: the patient moved away from `move.to` at most 3 years before moving back,
 * and had a GP there when they left (one they are no longer listed with). Null when there is no such right.
 */
export function returnRight(move: Move, earlierMoves: readonly Move[], history: readonly ListedPeriod[], currentPractitionerId: string | null): { practitionerId: string; until: string } | null {
  const away = earlierMoves.filter((m) => m.from === move.to && m.movedOn < move.movedOn).sort((a, b) => b.movedOn.localeCompare(a.movedOn))[0];
  if (!away) return null;
  const back = DateTime.fromISO(move.movedOn);
  if (DateTime.fromISO(away.movedOn).plus({ years: RETURN_WITHIN_YEARS }) < back) return null;
  const former = history.find((h) => h.municipality === move.to && h.from <= away.movedOn && h.until >= away.movedOn);
  if (!former || former.practitionerId === currentPractitionerId) return null;
  return { practitionerId: former.practitionerId, until: back.plus({ years: RETURN_RIGHT_YEARS }).toISODate()! };
}
