// The clinician's waiting list across their video appointments, live ('video:waiting:me'): who waits in which room.
// The day list marks each appointment and announces arrivals politely to screen readers.
import { Paragraph, Tag } from '@digdir/designsystemet-react';
import { useState } from 'react';
import type { WaitingRooms } from '../../shared/video-api.ts';
import { useLiveTopic } from '../platform/live.ts';
import type { LiveStatus } from '../platform/live-connection.ts';
import { useT } from '../i18n/index.tsx';
import { roleText } from './names.ts';

export type WaitingRoom = WaitingRooms['rooms'][number];

/**
 * Rooms with someone waiting, by appointment id; empty while not subscribed (`enabled` false: not a clinician), and
 * whether the list is live (for the page's notice when it is not).
 */
export function useWaitingRooms(enabled: boolean): { rooms: Map<string, WaitingRoom>; live: LiveStatus } {
  const [rooms, setRooms] = useState<WaitingRoom[]>([]);
  const live = useLiveTopic(enabled ? 'video:waiting:me' : null, (m) => {
    if (m.type === 'video.waiting') setRooms((m as unknown as WaitingRooms).rooms);
  });
  return { rooms: new Map(rooms.map((r) => [r.appointmentId, r])), live };
}

/** Who waits in one appointment's room, as a tag and names. */
export function WaitingTag({ room }: { room: WaitingRoom | undefined }) {
  const t = useT();
  if (!room || room.waiting.length === 0) return null;
  return <Tag data-color="success">{t('video.dayList.waiting', { names: room.waiting.map((w) => `${w.displayName} (${roleText(w.role, t)})`).join(', ') })}</Tag>;
}

/** One polite announcement of everyone waiting now, for screen readers (and shown), above the list. */
export function WaitingSummary({ rooms }: { rooms: Map<string, WaitingRoom> }) {
  const t = useT();
  const names = [...rooms.values()].flatMap((r) => r.waiting.map((w) => w.displayName));
  return (
    <div aria-live="polite" role="status">
      {names.length > 0 && <Paragraph>{t('video.dayList.waitingNow', { count: names.length, names: names.join(', ') })}</Paragraph>}
    </div>
  );
}
