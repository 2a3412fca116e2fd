// The pure rules of clinic statistics: buckets, percentiles from merged buckets, ISO weeks and the weekly figures.
import { describe, expect, it } from 'vitest';
import { ANSWER_BUCKETS_HOURS, METRICS, OVER, WAIT_BUCKETS_MINUTES, bucketOf, isoWeek, percentileFromBuckets, weeklyStats, type DailyCount } from './domain.ts';

describe('statistics domain', () => {
  it('puts a wait in the smallest bucket that holds it, and a very long one in the overflow', () => {
    expect(bucketOf(0, WAIT_BUCKETS_MINUTES)).toBe('5');
    expect(bucketOf(5, WAIT_BUCKETS_MINUTES)).toBe('5');
    expect(bucketOf(5.01, WAIT_BUCKETS_MINUTES)).toBe('10');
    expect(bucketOf(481, WAIT_BUCKETS_MINUTES)).toBe(OVER);
  });

  it('reads p50 and p90 from merged buckets as the upper bound of the bucket holding that rank', () => {
    const buckets = { '5': 1, '10': 1, '15': 1, '30': 1, '240': 1 };
    expect(percentileFromBuckets(buckets, WAIT_BUCKETS_MINUTES, 0.5)).toBe(15);
    expect(percentileFromBuckets(buckets, WAIT_BUCKETS_MINUTES, 0.9)).toBe(240);
    expect(percentileFromBuckets({ '10': 9, '60': 1 }, WAIT_BUCKETS_MINUTES, 0.9)).toBe(10);
    expect(percentileFromBuckets({ '10': 9, '60': 2 }, WAIT_BUCKETS_MINUTES, 0.9)).toBe(60);
    expect(percentileFromBuckets({ [OVER]: 3 }, WAIT_BUCKETS_MINUTES, 0.5)).toBe(480);
    expect(percentileFromBuckets({}, ANSWER_BUCKETS_HOURS, 0.5)).toBeNull();
  });

  it('names ISO weeks across a year end, Monday first', () => {
    expect(isoWeek('2026-11-10')).toEqual({ week: '2026-W46', monday: '2026-11-09' });
    expect(isoWeek('2026-11-15')).toEqual({ week: '2026-W46', monday: '2026-11-09' });
    expect(isoWeek('2026-11-16')).toEqual({ week: '2026-W47', monday: '2026-11-16' });
    expect(isoWeek('2027-01-01')).toEqual({ week: '2026-W53', monday: '2026-12-28' });
    expect(isoWeek('2025-12-29')).toEqual({ week: '2026-W01', monday: '2025-12-29' });
  });

  it('merges days into weeks: bookings, the no-show rate, waits over both days, and an empty week', () => {
    const rows: DailyCount[] = [
      { day: '2026-11-10', metric: METRICS.appointments, dimension: 'clinic:completed', value: 3 },
      { day: '2026-11-11', metric: METRICS.appointments, dimension: 'clinic:no_show', value: 1 },
      { day: '2026-11-11', metric: METRICS.appointments, dimension: 'video:cancelled', value: 2 },
      { day: '2026-11-10', metric: METRICS.dropinWait, dimension: '10', value: 1 },
      { day: '2026-11-12', metric: METRICS.dropinWait, dimension: '60', value: 1 },
      { day: '2026-11-12', metric: METRICS.econsultSubmitted, dimension: 'before_cutoff', value: 2 },
      { day: '2026-11-12', metric: METRICS.econsultSubmitted, dimension: 'after_cutoff', value: 1 },
      { day: '2026-11-12', metric: METRICS.econsultSameDay, dimension: '', value: 1 },
      { day: '2026-11-12', metric: METRICS.messageAnswer, dimension: '8', value: 3 },
    ];
    const [w46, w47] = weeklyStats(rows, '2026-11-09', '2026-11-22');
    expect(w46).toMatchObject({
      week: '2026-W46',
      bookings: { clinic: 4, video: 0, phone: 0 },
      cancelled: 2,
      noShows: 1,
      noShowRate: 0.25,
      dropinTaken: 2,
      dropinWaitP50: 10,
      dropinWaitP90: 60,
      econsultSubmitted: 3,
      econsultDueSameDay: 2,
      econsultAnsweredSameDay: 1,
      messagesAnswered: 3,
      messageAnswerMedianHours: 8,
    });
    expect(w47).toMatchObject({ week: '2026-W47', bookings: { clinic: 0, video: 0, phone: 0 }, noShowRate: null, dropinWaitP50: null });
  });
});
