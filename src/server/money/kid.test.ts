import { describe, expect, it } from 'vitest';
import { isValidKid, kid, mod10, mod11 } from './kid.ts';

describe('KID check digits', () => {
  it.each([
    ['1234567890', '3'],
    ['0', '0'],
    ['18', '2'],
    ['7992739871', '3'],
  ])('MOD10 (Luhn) of %s is %s', (base, digit) => {
    expect(mod10(base)).toBe(digit);
  });

  it.each([
    // 0·2 + 9·3 + 8·4 + 7·5 + 6·6 + 5·7 + 4·2 + 3·3 + 2·4 + 1·5 = 195; 195 mod 11 = 8; 11 − 8 = 3.
    ['1234567890', '3'],
    // 1·2 = 2; 11 − 2 = 9.
    ['1', '9'],
    // 0: sum 0, 11 − 0 = 11 → 0.
    ['0', '0'],
  ])('MOD11 of %s is %s', (base, digit) => {
    expect(mod11(base)).toBe(digit);
  });

  it('gives no MOD11 KID where the check digit would be 10', () => {
    // '6': 6·2 = 12; 12 mod 11 = 1; 11 − 1 = 10.
    expect(mod11('6')).toBeNull();
    expect(kid('6', 'mod11')).toBeNull();
  });

  it('validates what it makes, and refuses a changed digit or a swap of neighbours (MOD11)', () => {
    for (const method of ['mod10', 'mod11'] as const) {
      for (let n = 1000; n < 1200; n++) {
        const k = kid(String(n), method);
        if (k === null) continue;
        expect(isValidKid(k, method)).toBe(true);
        const changed = k.slice(0, 1) + String((Number(k[1]) + 1) % 10) + k.slice(2);
        expect(isValidKid(changed, method)).toBe(false);
      }
    }
    expect(isValidKid('12345678903', 'mod11')).toBe(true);
    expect(isValidKid('21345678903', 'mod11')).toBe(false);
    expect(isValidKid('12 34', 'mod10')).toBe(false);
    expect(() => mod10('12a')).toThrow();
  });
});
