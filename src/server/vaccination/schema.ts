// Seasonal vaccination's tables as Kysely sees them (migration 0021).
import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from '../platform/db/schema.ts';
import type { TargetGroup } from './domain.ts';

type DateOnly = ColumnType<string, string, string>;

export interface VaccinationCampaignTable {
  id: Generated<string>;
  clinic_id: string;
  vaccine: string;
  starts_on: DateOnly;
  ends_on: DateOnly;
  day_start: string;
  day_end: string;
  slot_minutes: number;
  capacity_per_slot: number;
  created_by: string;
  created_at: Generated<Date>;
}

export interface VaccinationGroupTable {
  campaign_id: string;
  target_group: TargetGroup;
  price_ore: number;
}

export interface VaccinationSlotTable {
  campaign_id: string;
  starts_at: Timestamp;
  capacity: number;
  booked: Generated<number>;
}

export interface VaccinationBookingTable {
  id: Generated<string>;
  campaign_id: string;
  starts_at: Timestamp;
  patient_id: string;
  target_group: TargetGroup;
  price_ore: number;
  booked_by: string;
  status: Generated<'booked' | 'cancelled' | 'given'>;
  created_at: Generated<Date>;
  cancelled_at: Timestamp | null;
  given_at: Timestamp | null;
  given_by: string | null;
}

export interface VaccinationTables {
  vaccination_campaigns: VaccinationCampaignTable;
  vaccination_groups: VaccinationGroupTable;
  vaccination_slots: VaccinationSlotTable;
  vaccination_bookings: VaccinationBookingTable;
}
