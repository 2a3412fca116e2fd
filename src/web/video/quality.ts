// A participant's connection quality from WebRTC statistics: round-trip time and the share of packets lost. Pure.

export type Quality = 'good' | 'fair' | 'poor';

export interface StatsSample {
  /** Seconds, from the selected candidate pair; null when not known yet. */
  roundTripTime: number | null;
  packetsReceived: number;
  packetsLost: number;
}

/** Compares two samples a few seconds apart; null while there is nothing to judge yet. */
export function qualityOf(previous: StatsSample | null, current: StatsSample): Quality | null {
  const received = current.packetsReceived - (previous?.packetsReceived ?? 0);
  const lost = Math.max(0, current.packetsLost - (previous?.packetsLost ?? 0));
  if (previous && received <= 0) return 'poor';
  const loss = received + lost > 0 ? lost / (received + lost) : 0;
  const rtt = current.roundTripTime ?? 0;
  if (loss > 0.08 || rtt > 0.6) return 'poor';
  if (loss > 0.02 || rtt > 0.3) return 'fair';
  if (!previous && received <= 0) return null;
  return 'good';
}

/** Reads the numbers qualityOf needs from an RTCStatsReport (selected pair, all inbound RTP streams). */
export function sampleOf(report: RTCStatsReport): StatsSample {
  let roundTripTime: number | null = null;
  let packetsReceived = 0;
  let packetsLost = 0;
  let selectedPair: string | undefined;
  report.forEach((s: { type: string; [k: string]: unknown }) => {
    if (s.type === 'transport' && typeof s.selectedCandidatePairId === 'string') selectedPair = s.selectedCandidatePairId;
  });
  report.forEach((s: { type: string; id: string; [k: string]: unknown }) => {
    if (s.type === 'candidate-pair' && (s.id === selectedPair || (!selectedPair && s.nominated === true && s.state === 'succeeded'))) {
      if (typeof s.currentRoundTripTime === 'number') roundTripTime = s.currentRoundTripTime;
    }
    if (s.type === 'inbound-rtp') {
      packetsReceived += typeof s.packetsReceived === 'number' ? s.packetsReceived : 0;
      packetsLost += typeof s.packetsLost === 'number' ? s.packetsLost : 0;
    }
  });
  return { roundTripTime, packetsReceived, packetsLost };
}
