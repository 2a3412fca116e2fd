// The call's signaling messages (sent as the `data` of a live-socket signal) and who offers to whom. Pure.

/**
 * `session` is the sender's page load, so a reloaded page is told apart from the one before it; `gen` names one peer
 * connection (made by its offerer), so messages of a replaced connection are dropped.
 */
export type SignalData =
  | { kind: 'hello'; session: string }
  | { kind: 'offer'; session: string; gen: string; sdp: RTCSessionDescriptionInit }
  | { kind: 'answer'; session: string; gen: string; sdp: RTCSessionDescriptionInit }
  | { kind: 'candidate'; session: string; gen: string; candidate: RTCIceCandidateInit }
  | { kind: 'restart'; session: string; gen: string };

export interface Admitted {
  participantId: string;
  since: string | null;
}

/** The server's rule: of two admitted participants, the one admitted later (ties: the larger id) sends the offer. */
export function isOfferer(me: Admitted, other: Admitted): boolean {
  const mine = me.since ? Date.parse(me.since) : 0;
  const theirs = other.since ? Date.parse(other.since) : 0;
  if (mine !== theirs) return mine > theirs;
  return me.participantId > other.participantId;
}

export function parseSignal(data: unknown): SignalData | null {
  if (!data || typeof data !== 'object') return null;
  const d = data as Record<string, unknown>;
  if (typeof d.session !== 'string') return null;
  if (d.kind === 'hello') return d as SignalData;
  if (typeof d.gen !== 'string') return null;
  if ((d.kind === 'offer' || d.kind === 'answer') && d.sdp && typeof d.sdp === 'object') return d as SignalData;
  if (d.kind === 'candidate' && d.candidate && typeof d.candidate === 'object') return d as SignalData;
  if (d.kind === 'restart') return d as SignalData;
  return null;
}
