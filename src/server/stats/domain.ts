// The rules of clinic statistics, pure: the metrics kept per day, the fixed wait buckets, percentiles from merged
// buckets, and the grouping of daily counts into ISO weeks.

/** Upper bounds (minutes) of the drop-in wait buckets; a wait longer than the last lands in OVER. */
export const WAIT_BUCKETS_MINUTES = [5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 240, 480] as const;
/** Upper bounds (hours) of the buckets of the time to a message thread's first answer from the clinic. */
export const ANSWER_BUCKETS_HOURS = [1, 2, 4, 8, 24, 48, 72, 120, 168, 336] as const;
export const OVER = 'over';

export const METRICS = {
  appointments: 'appointments',
  dropinWait: 'dropin.wait',
  econsultSubmitted: 'econsult.submitted',
  econsultSameDay: 'econsult.same_day',
  videoStarted: 'video.started',
  videoCompleted: 'video.completed',
  messageAnswer: 'messages.answer',
  /** One row per rolled-up day, so a day without activity is not taken for a missing one. */
  done: 'rollup.done',
} as const;

export const VISIT_TYPES = ['clinic', 'video', 'phone'] as const;
export type StatsVisitType = (typeof VISIT_TYPES)[number];

export interface DailyCount {
  day: string;
  metric: string;
  dimension: string;
  value: number;
}

/** The bucket (its upper bound as text, or OVER) a value falls in. */
export function bucketOf(value: number, bounds: readonly number[]): string {
  for (const b of bounds) if (value <= b) return String(b);
  return OVER;
}

/**
 * The p-th percentile (0 < p ≤ 1) from a histogram: the upper bound of the bucket holding the value of rank ⌈p·n⌉, so
 * it never understates a wait. Null without counts; the last bound when the rank is in the overflow bucket.
 */
export function percentileFromBuckets(buckets: Record<string, number>, bounds: readonly number[], p: number): number | null {
  const total = Object.values(buckets).reduce((s, n) => s + n, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (const b of bounds) {
    seen += buckets[String(b)] ?? 0;
    if (seen >= rank) return b;
  }
  return bounds[bounds.length - 1]!;
}

/** The ISO week (e.g. 2026-W48) of a YYYY-MM-DD day, and the Monday it starts on. */
export function isoWeek(day: string): { week: string; monday: string } {
  const d = new Date(`${day}T00:00:00Z`);
  const weekday = (d.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const monday = new Date(d.getTime() - weekday * 86_400_000);
  const thursday = new Date(monday.getTime() + 3 * 86_400_000);
  const year = thursday.getUTCFullYear();
  const jan1 = Date.UTC(year, 0, 1);
  const week = Math.floor((thursday.getTime() - jan1) / 86_400_000 / 7) + 1;
  return { week: `${year}-W${String(week).padStart(2, '0')}`, monday: monday.toISOString().slice(0, 10) };
}

/** The days from `from` to `to`, both included (YYYY-MM-DD). */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

export interface WeekStats {
  week: string;
  monday: string;
  /** Appointments not cancelled, per visit type. */
  bookings: Record<StatsVisitType, number>;
  cancelled: number;
  noShows: number;
  /** No-shows of the appointments not cancelled; null without any. */
  noShowRate: number | null;
  dropinTaken: number;
  dropinWaitP50: number | null;
  dropinWaitP90: number | null;
  econsultSubmitted: number;
  /** Cases in before the clinic's cut-off (20:00 by default), which are due the same day. */
  econsultDueSameDay: number;
  econsultAnsweredSameDay: number;
  videoStarted: number;
  videoCompleted: number;
  messagesAnswered: number;
  messageAnswerMedianHours: number | null;
}

function emptyWeek(week: string, monday: string): WeekStats & { waits: Record<string, number>; answers: Record<string, number> } {
  return {
    week,
    monday,
    bookings: { clinic: 0, video: 0, phone: 0 },
    cancelled: 0,
    noShows: 0,
    noShowRate: null,
    dropinTaken: 0,
    dropinWaitP50: null,
    dropinWaitP90: null,
    econsultSubmitted: 0,
    econsultDueSameDay: 0,
    econsultAnsweredSameDay: 0,
    videoStarted: 0,
    videoCompleted: 0,
    messagesAnswered: 0,
    messageAnswerMedianHours: null,
    waits: {},
    answers: {},
  };
}

/** Daily counts merged into ISO weeks, every week of the period present (empty ones too), oldest first. */
export function weeklyStats(rows: readonly DailyCount[], from: string, to: string): WeekStats[] {
  const weeks = new Map<string, ReturnType<typeof emptyWeek>>();
  for (const day of daysBetween(from, to)) {
    const { week, monday } = isoWeek(day);
    if (!weeks.has(week)) weeks.set(week, emptyWeek(week, monday));
  }
  for (const r of rows) {
    const w = weeks.get(isoWeek(r.day).week);
    if (!w) continue;
    switch (r.metric) {
      case METRICS.appointments: {
        const [type, status] = r.dimension.split(':') as [StatsVisitType, string];
        if (status === 'cancelled') w.cancelled += r.value;
        else if (type in w.bookings) w.bookings[type] += r.value;
        if (status === 'no_show') w.noShows += r.value;
        break;
      }
      case METRICS.dropinWait:
        w.waits[r.dimension] = (w.waits[r.dimension] ?? 0) + r.value;
        w.dropinTaken += r.value;
        break;
      case METRICS.econsultSubmitted:
        w.econsultSubmitted += r.value;
        if (r.dimension === 'before_cutoff') w.econsultDueSameDay += r.value;
        break;
      case METRICS.econsultSameDay:
        w.econsultAnsweredSameDay += r.value;
        break;
      case METRICS.videoStarted:
        w.videoStarted += r.value;
        break;
      case METRICS.videoCompleted:
        w.videoCompleted += r.value;
        break;
      case METRICS.messageAnswer:
        w.answers[r.dimension] = (w.answers[r.dimension] ?? 0) + r.value;
        w.messagesAnswered += r.value;
        break;
    }
  }
  return [...weeks.values()].map(({ waits, answers, ...w }) => {
    const held = w.bookings.clinic + w.bookings.video + w.bookings.phone;
    return {
      ...w,
      noShowRate: held > 0 ? w.noShows / held : null,
      dropinWaitP50: percentileFromBuckets(waits, WAIT_BUCKETS_MINUTES, 0.5),
      dropinWaitP90: percentileFromBuckets(waits, WAIT_BUCKETS_MINUTES, 0.9),
      messageAnswerMedianHours: percentileFromBuckets(answers, ANSWER_BUCKETS_HOURS, 0.5),
    };
  });
}
