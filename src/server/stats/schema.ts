// The statistics capability's tables (migration 0014), as Kysely sees them; the store adds them with `withTables`.
import type { ColumnType } from 'kysely';
import type { Timestamp } from '../platform/db/schema.ts';

type DateOnly = ColumnType<string, string, string>;
/** bigint: read as text (the pool's INT8 parser), written as a number. */
type Count = ColumnType<string, number, number>;

export interface ClinicDailyStatsTable {
  clinic_id: string;
  day: DateOnly;
  metric: string;
  dimension: ColumnType<string, string | undefined, string>;
  value: Count;
  rolled_up_at: Timestamp;
}

export interface StatsRollupRunTable {
  run_date: DateOnly;
  ran_at: Timestamp;
}

// A type, not an interface: `withTables` wants a record type.
export type StatsTables = {
  clinic_daily_stats: ClinicDailyStatsTable;
  stats_rollup_runs: StatsRollupRunTable;
};
