// Seasonal vaccination as the HTTP API shows it. Shapes only; the web imports them as types.
import type { TargetGroup } from './domain.ts';

export type { TargetGroup } from './domain.ts';

export interface CampaignView {
  id: string;
  clinicId: string;
  clinicName: string;
  timeZone: string;
  vaccine: string;
  /** YYYY-MM-DD, inclusive. */
  startsOn: string;
  endsOn: string;
  dayStart: string;
  dayEnd: string;
  slotMinutes: number;
  capacityPerSlot: number;
  /** The target groups and each one's price (0: free). */
  groups: Array<{ group: TargetGroup; priceOre: number }>;
}

/** A time slot: its start (ISO 8601 with the clinic's offset) and how many places are left. */
export interface SlotView {
  start: string;
  free: number;
  capacity: number;
}

export interface VaccinationBooking {
  id: string;
  campaignId: string;
  vaccine: string;
  clinicId: string;
  clinicName: string;
  patientId: string;
  patientName: string | null;
  start: string;
  targetGroup: TargetGroup;
  priceOre: number;
  status: 'booked' | 'cancelled' | 'given';
  givenAt: string | null;
  /** Booked and not yet begun: the patient may move or cancel it. */
  mayChange: boolean;
}

/** What a clinic admin gives to publish a campaign (POST /api/admin/vaccination/campaigns). */
export type NewCampaign = Pick<CampaignView, 'vaccine' | 'startsOn' | 'endsOn' | 'dayStart' | 'dayEnd' | 'slotMinutes' | 'capacityPerSlot' | 'groups'>;
