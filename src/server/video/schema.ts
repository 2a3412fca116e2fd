// The video capability's tables, as Kysely sees them; the store adds them to the database type with `withTables`.
import type { Generated } from 'kysely';
import type { Timestamp } from '../platform/db/schema.ts';
import type { LeftReason, ParticipantState, RoomEndedReason, VideoRole } from '../../shared/video-api.ts';

export interface VideoRoomTable {
  appointment_id: string;
  clinic_id: string;
  appointment_version: number;
  late_minutes: Generated<number>;
  late_set_at: Timestamp | null;
  identity_checked_at: Timestamp | null;
  identity_checked_by: string | null;
  phone_requested_at: Timestamp | null;
  phone_requested_by: string | null;
  phone_number: string | null;
  started_at: Timestamp | null;
  ended_at: Timestamp | null;
  ended_reason: RoomEndedReason | null;
  admitted_count: Generated<number>;
  created_at: Generated<Date>;
}

export interface VideoParticipantTable {
  id: Generated<string>;
  appointment_id: string;
  role: VideoRole;
  person_id: string | null;
  joined_by: string | null;
  display_name: string;
  state: ParticipantState;
  left_reason: LeftReason | null;
  guest_token_hash: string | null;
  created_at: Generated<Date>;
  waiting_since: Timestamp | null;
  admitted_at: Timestamp | null;
  left_at: Timestamp | null;
}

export interface VideoInvitationTable {
  id: Generated<string>;
  participant_id: string;
  token_hash: string;
  created_by: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  consumed_at: Timestamp | null;
}

// A type, not an interface: `withTables` wants a record type.
export type VideoTables = {
  video_rooms: VideoRoomTable;
  video_participants: VideoParticipantTable;
  video_invitations: VideoInvitationTable;
};
