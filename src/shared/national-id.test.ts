// National ID numbers of every kind: valid and invalid, checked against the domain rules and two reference validators.
import { describe, expect, it } from 'vitest';
import { fnr, dnr } from '@navikt/fnrvalidator';
import personnummer from 'personnummer';
import { ageOn, maskNationalId, parseNationalId, parseNorwegian, parseSwedish } from './national-id.ts';
import { syntheticNationalId } from '../server/demo/synthetic-ids.ts';

const today = new Date('2026-11-23T12:00:00Z');
// The package's CommonJS default export is its class, whose types do not say so.
const Personnummer = personnummer as unknown as { valid(n: string): boolean };

describe('Norwegian numbers', () => {
  it.each([
    ['15839012362', 'synthetic', '1990-03-15'],
    ['55039012390', 'dnr', '1990-03-15'],
    ['15439012460', 'hnr', '1990-03-15'],
  ])('accepts %s as %s born %s', (n, kind, birth) => {
    const id = parseNorwegian(n);
    expect(id?.kind).toBe(kind);
    expect(id?.birthDate).toBe(birth);
  });

  it.each([
    ['31029012302', 'the 31st of February'],
    ['15039012489', 'a wrong control digit'],
    ['1583901236', 'ten digits'],
    ['158390123620', 'twelve digits'],
    ['1583901236a', 'a letter'],
    ['00000000000', 'day zero'],
  ])('rejects %s (%s)', (n) => {
    expect(parseNorwegian(n)).toBeUndefined();
  });

  it('agrees with @navikt/fnrvalidator on fødselsnummer and D-numbers', () => {
    for (let i = 0; i < 200; i++) {
      const birth = `19${String(50 + (i % 49)).padStart(2, '0')}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
      const real = syntheticNationalId(birth, i % 3).replace(/^(\d{2})(\d{2})/, (_, d: string, m: string) => d + String(Number(m) - 80).padStart(2, '0'));
      // Removing the +80 breaks the control digits, so compare validity, not acceptance of this very number.
      expect(parseNorwegian(real) !== undefined).toBe(fnr(real).status === 'valid' || dnr(real).status === 'valid');
    }
  });

  it('reads the century from the individual number', () => {
    const born2015 = syntheticNationalId('2015-06-01');
    expect(parseNorwegian(born2015)?.birthDate).toBe('2015-06-01');
    const born1955 = syntheticNationalId('1955-06-01');
    expect(parseNorwegian(born1955)?.birthDate).toBe('1955-06-01');
  });

  it('a synthetic D-number is a D-number and synthetic', () => {
    const n = syntheticNationalId('1992-07-08', 0, { dNumber: true });
    expect(parseNorwegian(n)).toMatchObject({ kind: 'dnr', synthetic: true, birthDate: '1992-07-08' });
  });
});

describe('Swedish numbers', () => {
  it.each(['19811218-9876', '811218-9876', '198112189876', '8112189876'])('accepts personnummer %s', (n) => {
    const id = parseSwedish(n, today);
    expect(id).toMatchObject({ kind: 'personnummer', value: '198112189876', birthDate: '1981-12-18' });
    expect(Personnummer.valid(n)).toBe(true);
  });

  it('accepts a samordningsnummer (day + 60)', () => {
    expect(Personnummer.valid('701063-2391')).toBe(true);
    expect(parseSwedish('701063-2391', today)).toMatchObject({ kind: 'samordningsnummer', birthDate: '1970-10-03' });
  });

  it('reads + as a person over 100', () => {
    expect(parseSwedish('121212+1212', today)?.birthDate).toBe('1912-12-12');
    expect(parseSwedish('121212-1212', today)?.birthDate).toBe('2012-12-12');
  });

  it.each(['811218-9875', '811318-9876', '19811218-987', 'abcdef-1234'])('rejects %s', (n) => {
    expect(parseSwedish(n, today)).toBeUndefined();
    expect(Personnummer.valid(n)).toBe(false);
  });

  it('rejects a Norwegian number as Swedish and tries Norwegian first', () => {
    expect(parseSwedish('15839012362', today)).toBeUndefined();
    expect(parseNationalId('15839012362', today)?.country).toBe('NO');
  });
});

describe('age and masking', () => {
  it('counts whole years, the birthday included', () => {
    expect(ageOn('2010-11-23', '2026-11-23')).toBe(16);
    expect(ageOn('2010-11-24', '2026-11-23')).toBe(15);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
  });

  it('masks all but the birth date', () => {
    expect(maskNationalId('15839012362')).toBe('158390 *****');
    expect(maskNationalId('198112189876')).toBe('19811218-****');
  });
});
