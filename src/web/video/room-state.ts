// What the viewer's place in the room means on screen: waiting, in the call, or out of it and why. Pure.
import type { RoomView } from '../../shared/video-api.ts';
import type { MessageKey } from '../i18n/index.tsx';

export type Phase = { kind: 'waiting' } | { kind: 'call' } | { kind: 'out'; message: MessageKey; mayReturn: boolean };

export function phaseOf(view: RoomView): Phase {
  if (view.status === 'ended') {
    const reason = view.endedReason ?? view.me?.leftReason;
    if (reason === 'completed' || reason === 'ended') return { kind: 'out', message: 'video.out.ended', mayReturn: false };
    if (reason === 'changed') return { kind: 'out', message: 'video.out.changed', mayReturn: false };
    return { kind: 'out', message: 'video.out.cancelled', mayReturn: false };
  }
  const me = view.me;
  if (!me) return { kind: 'out', message: 'video.out.notIn', mayReturn: true };
  if (me.state === 'admitted') return { kind: 'call' };
  if (me.state === 'waiting' || me.state === 'invited') return { kind: 'waiting' };
  switch (me.leftReason) {
    case 'removed':
      return { kind: 'out', message: 'video.out.removed', mayReturn: false };
    case 'moved':
      return { kind: 'out', message: 'video.out.moved', mayReturn: false };
    case 'cancelled':
      return { kind: 'out', message: 'video.out.cancelled', mayReturn: false };
    case 'changed':
      return { kind: 'out', message: 'video.out.changed', mayReturn: false };
    case 'ended':
      return { kind: 'out', message: 'video.out.ended', mayReturn: false };
    default:
      return { kind: 'out', message: 'video.out.left', mayReturn: true };
  }
}
