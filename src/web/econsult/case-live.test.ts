// A live case is fetched again once per new version, never for the version on screen, and a closed case reads by its end.
import { describe, expect, it } from 'vitest';
import { versionToFetch } from './case-live.ts';
import { isFinal, isLive, outcomeOf } from './case-state.ts';

describe('a case kept live', () => {
  it('is fetched again for a new version, once, and not for the one shown', () => {
    expect(versionToFetch({ type: 'econsult.case', version: 4 }, 3, null)).toBe(4);
    expect(versionToFetch({ type: 'econsult.case', version: 4 }, 3, 4)).toBeNull();
    expect(versionToFetch({ type: 'econsult.case', version: 3 }, 3, null)).toBeNull();
    expect(versionToFetch({ type: 'econsult.queue', version: 9 }, 3, null)).toBeNull();
  });

  it('is with the clinic while open, held or waiting, and over once closed, rejected or expired', () => {
    expect(isLive('waiting_for_patient')).toBe(true);
    expect(isLive('awaiting_payment')).toBe(false);
    expect(isFinal('expired')).toBe(true);
    expect(outcomeOf({ status: 'expired', outcome: null })).toBe('expired');
    expect(outcomeOf({ status: 'closed', outcome: 'in-person' })).toBe('in-person');
  });
});
