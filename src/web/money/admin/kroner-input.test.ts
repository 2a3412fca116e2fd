// An amount in kroner as the admin types it becomes whole øre; anything else is refused.
import { describe, expect, it } from 'vitest';
import { parseKroner } from './kroner-input.ts';

describe('parseKroner', () => {
  it('reads whole kroner and a decimal comma or point', () => {
    expect(parseKroner('180')).toBe(18_000);
    expect(parseKroner('180,5')).toBe(18_050);
    expect(parseKroner('180.05')).toBe(18_005);
    expect(parseKroner('0')).toBe(0);
  });

  it('accepts thousands spaces (also no-break) and a trailing "kr"', () => {
    expect(parseKroner('3 278 kr')).toBe(327_800);
    expect(parseKroner('1\u00a0234,50')).toBe(123_450);
  });

  it('refuses what is not an amount', () => {
    for (const text of ['', 'kr', '-5', '1,234', '12,', 'abc', '1e3', '180,50,1']) expect(parseKroner(text)).toBeNull();
  });
});
