// On a poor network the video steps down quickly and comes back slowly; the sound is never limited and goes first.
import { describe, expect, it } from 'vitest';
import type { Quality } from './quality.ts';
import { encodingFor, encodingsFor, FULL_VIDEO, nextStep, REDUCED_MAX_BITRATE, type StepState, type VideoLevel } from './step-down.ts';

/** The levels after each sample, starting from `from`. */
const levels = (samples: (Quality | null)[], from: StepState = FULL_VIDEO): VideoLevel[] => {
  let step = from;
  return samples.map((q) => (step = nextStep(step, q)).level);
};
const paused = (): StepState => ({ level: 2, poor: 0, good: 0 });

describe('the video level of a connection', () => {
  it('reduces the video on the first poor sample and pauses it after two more in a row', () => {
    expect(levels(['poor', 'poor', 'poor'])).toEqual([1, 1, 2]);
  });

  it('does not pause on poor samples that are not in a row', () => {
    expect(levels(['poor', 'poor', 'fair', 'poor', 'poor', 'good', 'poor'])).toEqual([1, 1, 1, 1, 1, 1, 1]);
  });

  it('holds on fair samples, up or down', () => {
    expect(levels(['fair', 'fair', 'fair', 'fair'])).toEqual([0, 0, 0, 0]);
    expect(levels(['fair', 'fair', 'fair', 'fair'], paused())).toEqual([2, 2, 2, 2]);
  });

  it('climbs back one level after each three good samples in a row', () => {
    expect(levels(['good', 'good', 'good', 'good', 'good', 'good'], paused())).toEqual([2, 2, 1, 1, 1, 0]);
  });

  it('starts counting good samples again after a fair or poor one', () => {
    expect(levels(['good', 'good', 'fair', 'good', 'good', 'good'], paused())).toEqual([2, 2, 2, 2, 2, 1]);
    expect(levels(['good', 'good', 'poor', 'good', 'good', 'good'], paused())).toEqual([2, 2, 2, 2, 2, 1]);
  });

  it('after climbing from paused, needs three poor samples in a row to pause again', () => {
    const reduced: StepState = { level: 1, poor: 0, good: 0 };
    expect(levels(['poor', 'poor', 'poor'], reduced)).toEqual([1, 1, 2]);
  });

  it('never goes past full or paused', () => {
    expect(levels(Array<Quality>(20).fill('good'))).toEqual(Array(20).fill(0));
    expect(levels(Array<Quality>(20).fill('poor')).slice(2)).toEqual(Array(18).fill(2));
  });

  it('is unchanged while there is nothing to judge', () => {
    const step: StepState = { level: 1, poor: 1, good: 0 };
    expect(nextStep(step, null)).toBe(step);
  });
});

describe('the encoding parameters of a level', () => {
  const chrome: RTCRtpEncodingParameters = { active: true, priority: 'low', networkPriority: 'low', scaleResolutionDownBy: 1 };

  it('sends full video without limits', () => {
    const full = encodingFor('video', 0, { ...chrome, maxBitrate: REDUCED_MAX_BITRATE, scaleResolutionDownBy: 2, active: false });
    expect(full).toEqual({ active: true, scaleResolutionDownBy: 1, priority: 'low', networkPriority: 'low' });
    expect('maxBitrate' in full).toBe(false);
  });

  it('reduces the video to 250 kbit/s and half the resolution', () => {
    expect(encodingFor('video', 1, chrome)).toEqual({ active: true, maxBitrate: 250_000, scaleResolutionDownBy: 2, priority: 'low', networkPriority: 'low' });
  });

  it('stops sending video when paused, keeping the reduced limits for when it comes back', () => {
    expect(encodingFor('video', 2, chrome)).toMatchObject({ active: false, maxBitrate: 250_000, scaleResolutionDownBy: 2 });
  });

  it('leaves the sound unlimited and first at every level', () => {
    for (const level of [0, 1, 2] as const) {
      expect(encodingFor('audio', level, { active: true, rid: 'a' })).toEqual({ active: true, rid: 'a', priority: 'high', networkPriority: 'high' });
    }
  });

  it('keeps what it does not set', () => {
    expect(encodingFor('video', 1, { ...chrome, rid: 'r0', maxFramerate: 30 })).toMatchObject({ rid: 'r0', maxFramerate: 30 });
  });

  it('has nothing to set before negotiation, or when the sender is at the level already', () => {
    expect(encodingsFor('video', 1, [])).toBeNull();
    const reduced = encodingsFor('video', 1, [chrome]);
    expect(reduced).toEqual([encodingFor('video', 1, chrome)]);
    expect(encodingsFor('video', 1, reduced ?? [])).toBeNull();
    expect(encodingsFor('video', 2, reduced ?? [])).toEqual([{ ...reduced?.[0], active: false }]);
    expect(encodingsFor('audio', 2, [{ active: true, priority: 'high', networkPriority: 'high' }])).toBeNull();
  });
});
