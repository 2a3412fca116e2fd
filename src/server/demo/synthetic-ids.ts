// Makes valid synthetic national ID numbers (month + 80, as in Skatteetaten's Tenor test data) for demo people.
import { parseNorwegian } from '../../shared/national-id.ts';

/** The n-th valid synthetic number for a birth date (YYYY-MM-DD); `dNumber` adds 40 to the day. */
export function syntheticNationalId(birthDate: string, n = 0, opts: { dNumber?: boolean; female?: boolean } = {}): string {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  const dd = String(d + (opts.dNumber ? 40 : 0)).padStart(2, '0');
  const mm = String(m + 80).padStart(2, '0');
  const yy = String(y % 100).padStart(2, '0');
  const [from, to] = y >= 2000 ? [500, 999] : [0, 499];
  let found = 0;
  for (let individual = from; individual <= to; individual++) {
    if (opts.female !== undefined && (individual % 2 === 0) !== opts.female) continue;
    const base = `${dd}${mm}${yy}${String(individual).padStart(3, '0')}`;
    for (let k = 0; k < 100; k++) {
      const candidate = base + String(k).padStart(2, '0');
      const parsed = parseNorwegian(candidate);
      if (parsed && parsed.birthDate === birthDate) {
        if (found === n) return candidate;
        found++;
        break;
      }
    }
  }
  throw new Error(`no synthetic number left for ${birthDate}`);
}
