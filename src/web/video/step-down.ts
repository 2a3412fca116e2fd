// On a poor network the video we send steps down, and the sound keeps going. Pure: the quality samples of quality.ts
// (every few seconds) move a level with hysteresis, and each level is a set of RTP encoding parameters for the senders.
// Down is quick (one poor sample reduces the video, three in a row pause it); up is slow (three good samples in a row
// for each level), so a connection on the edge does not flap. 'fair' holds the level.
import type { Quality } from './quality.ts';

/** 0: full video; 1: reduced (lower bitrate and resolution); 2: video paused, sound only. */
export type VideoLevel = 0 | 1 | 2;

export interface StepState {
  level: VideoLevel;
  /** Consecutive poor samples, and consecutive good ones; any other sample ends a streak. */
  poor: number;
  good: number;
}

export const FULL_VIDEO: StepState = { level: 0, poor: 0, good: 0 };

/** Poor samples in a row that pause the video (the first one already reduces it). */
export const POOR_TO_PAUSE = 3;
/** Good samples in a row that bring the video one level back up. */
export const GOOD_TO_CLIMB = 3;
export const REDUCED_MAX_BITRATE = 250_000;
export const REDUCED_SCALE_DOWN = 2;

/** The level after one more quality sample; null (nothing to judge yet) changes nothing. */
export function nextStep(step: StepState, quality: Quality | null): StepState {
  if (quality === null) return step;
  if (quality === 'poor') {
    const poor = Math.min(step.poor + 1, POOR_TO_PAUSE);
    return { level: poor >= POOR_TO_PAUSE || step.level === 2 ? 2 : 1, poor, good: 0 };
  }
  if (quality === 'fair') return { level: step.level, poor: 0, good: 0 };
  const good = step.good + 1;
  if (good >= GOOD_TO_CLIMB && step.level > 0) return { level: step.level === 2 ? 1 : 0, poor: 0, good: 0 };
  return { level: step.level, poor: 0, good: Math.min(good, GOOD_TO_CLIMB) };
}

/**
 * One encoding of a sender at a level. Sound always goes first when bandwidth is short: audio is 'high' priority and
 * never limited, video 'low'. A paused video keeps the reduced limits, so it comes back reduced.
 */
export function encodingFor(kind: 'audio' | 'video', level: VideoLevel, current: RTCRtpEncodingParameters): RTCRtpEncodingParameters {
  if (kind === 'audio') return { ...current, priority: 'high', networkPriority: 'high' };
  const next: RTCRtpEncodingParameters = { ...current, priority: 'low', networkPriority: 'low', active: level < 2 };
  if (level === 0) {
    delete next.maxBitrate;
    next.scaleResolutionDownBy = 1;
  } else {
    next.maxBitrate = REDUCED_MAX_BITRATE;
    next.scaleResolutionDownBy = REDUCED_SCALE_DOWN;
  }
  return next;
}

const KEYS = ['active', 'maxBitrate', 'scaleResolutionDownBy', 'priority', 'networkPriority'] as const;

/**
 * A sender's encodings at a level, or null when there is nothing to set: they are so already, or there are none
 * yet (before negotiation).
 */
export function encodingsFor(
  kind: 'audio' | 'video',
  level: VideoLevel,
  encodings: readonly RTCRtpEncodingParameters[],
): RTCRtpEncodingParameters[] | null {
  const next = encodings.map((e) => encodingFor(kind, level, e));
  const same = next.every((e, i) => KEYS.every((k) => e[k] === encodings[i]?.[k]));
  return next.length === 0 || same ? null : next;
}
