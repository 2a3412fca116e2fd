// The video consultation's JSON as the server sends it and the web app reads it: routes, live topic and signaling.
//
// Signaling runs over the one WebSocket GET /api/live. After subscribing to `video:room:<appointmentId>` an admitted
// participant sends {"signal": {"room": appointmentId, "to": participantId, "data": {...}}} (SDP, ICE candidates; up to
// 64 KB) and receives a VideoSignal for each message addressed to it, in the order it was sent. Chat is the same:
// {"chat": {"room": appointmentId, "text": "..."}} reaches every admitted participant (the sender too) as a VideoChat,
// and is never stored. Who offers: of two admitted participants, the one admitted later (ties: the larger id) sends
// the offer. A refused message is answered {"type":"error","code":"forbidden"|"invalid"|"too-large","kind":"signal"|"chat"}.

export type VideoRole = 'patient' | 'clinician' | 'interpreter' | 'relative';
export type GuestRole = 'interpreter' | 'relative';
export type ParticipantState = 'invited' | 'waiting' | 'admitted' | 'left';
/** Why a participant is no longer in the room: they left, the clinician removed them, or the appointment changed. */
export type LeftReason = 'left' | 'removed' | 'cancelled' | 'moved' | 'changed' | 'ended';
export type RoomEndedReason = 'completed' | 'cancelled' | 'changed';

/** The link a patient opens: `url` is the page; `token` is what POST /api/video/join takes. */
export interface JoinLink {
  appointmentId: string;
  url: string;
  token: string;
  expiresAt: string;
}

/** What entering (joining with a link, the clinician entering, a guest accepting) answers. */
export interface RoomEntry {
  appointmentId: string;
  participantId: string;
  role: VideoRole;
  state: ParticipantState;
}

/** A one-time invitation for an interpreter or a relative; the token is shown once and only its hash is kept. */
export interface GuestInvitation {
  appointmentId: string;
  participantId: string;
  role: GuestRole;
  displayName: string;
  url: string;
  token: string;
  expiresAt: string;
}

export interface RosterEntry {
  participantId: string;
  role: VideoRole;
  displayName: string;
  state: ParticipantState;
  /** When admitted (roster), or when they started waiting (waiting list). */
  since: string | null;
}

/** One viewer's view of the room: the REST answer of GET /api/video/rooms/:id and the live `video.room` message. */
export interface RoomView {
  appointmentId: string;
  startsAt: string;
  endsAt: string;
  practitionerName: string | null;
  /** Clinician only: whom the appointment is for (the journal note after the call is written on this patient). */
  patient: { id: string; name: string | null } | null;
  /** The viewer's own place; null for the clinician before entering. */
  me: { participantId: string; role: VideoRole; state: ParticipantState; leftReason: LeftReason | null } | null;
  /** 'ended' once the call was ended or the appointment cancelled / changed; everyone has then left. */
  status: 'open' | 'ended';
  endedReason: RoomEndedReason | null;
  /** Minutes the clinician said they are running late; 0 when on time. */
  lateMinutes: number;
  /** Admitted participants (name and role), shown to admitted participants and the clinician; empty for the waiting. */
  roster: RosterEntry[];
  /** Clinician only: everyone waiting, in order of arrival, and invited guests not yet arrived. */
  waiting: RosterEntry[];
  invited: RosterEntry[];
  /** Clinician only: when the identity check was recorded. */
  identityCheckedAt: string | null;
  /** Clinician only: the patient asked to be called on the phone instead. */
  phoneRequest: { at: string; phone: string | null } | null;
}

export interface LiveRoomMessage extends RoomView {
  type: 'video.room';
  topic: string;
}

export interface VideoSignal {
  type: 'video.signal';
  room: string;
  from: string;
  data: unknown;
}

export interface VideoChat {
  type: 'video.chat';
  room: string;
  from: string;
  displayName: string;
  role: VideoRole;
  text: string;
  at: string;
}

/** RTCConfiguration.iceServers plus when the TURN credentials stop working. */
export interface IceServers {
  iceServers: Array<{ urls: string[]; username?: string; credential?: string }>;
  expiresAt: string;
  ttlSeconds: number;
}

export const MAX_CHAT_LENGTH = 2000;
export const MAX_ADMITTED = 4;

/** The live `video.waiting` message of 'video:waiting:me': who waits in the rooms of the clinician's appointments now. */
export interface WaitingRooms {
  type: 'video.waiting';
  rooms: Array<{ appointmentId: string; startsAt: string; waiting: Array<{ participantId: string; displayName: string; role: VideoRole; since: string | null }> }>;
}
