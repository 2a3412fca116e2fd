// isoInZone's quick path writes exactly what Luxon writes, across both daylight-saving changes and in zones whose
// offsets are not whole hours.
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { isoInZone } from './domain.ts';

const ZONES = ['Europe/Oslo', 'Europe/Stockholm', 'America/St_Johns', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'UTC', 'Europe/London'];

describe('isoInZone', () => {
  it('matches Luxon minute by minute around the 2026 daylight-saving changes in Oslo', () => {
    for (const around of ['2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z']) {
      const t0 = Date.parse(around) - 2 * 3600_000;
      for (let m = 0; m <= 4 * 60; m++) {
        const d = new Date(t0 + m * 60_000 + 123);
        expect(isoInZone(d, 'Europe/Oslo')).toBe(DateTime.fromJSDate(d, { zone: 'Europe/Oslo' }).toISO());
      }
    }
    expect(isoInZone(new Date('2026-03-29T00:59:59.999Z'), 'Europe/Oslo')).toBe('2026-03-29T01:59:59.999+01:00');
    expect(isoInZone(new Date('2026-03-29T01:00:00.000Z'), 'Europe/Oslo')).toBe('2026-03-29T03:00:00.000+02:00');
  });

  it('matches Luxon at random instants over decades, in zones with odd offsets and in UTC', () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 5000; i++) {
      const d = new Date(Date.UTC(1990, 0, 1) + random() * 60 * 365 * 86400_000);
      const zone = ZONES[i % ZONES.length]!;
      expect(isoInZone(d, zone)).toBe(DateTime.fromJSDate(d, { zone }).toISO());
    }
  });
});
