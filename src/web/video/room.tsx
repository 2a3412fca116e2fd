// One viewer in one video room, whoever they are: the live view of the room, then the waiting room, the call, or why
// they are out of it. Signals and chat arrive on the same socket as the room's view.
import { Alert, Button, Paragraph } from '@digdir/designsystemet-react';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { RoomView, VideoChat, VideoSignal } from '../../shared/video-api.ts';
import { LiveNotice } from '../platform/live-notice.tsx';
import { QueryState } from '../platform/query-state.tsx';
import { useT } from '../i18n/index.tsx';
import { Call } from './call.tsx';
import type { LocalMedia } from './local-media.ts';
import { phaseOf } from './room-state.ts';
import { deliver, newInbox } from './use-call.ts';
import { leaveRoom, prefetchIceServers, useRoom, useRoomChannel } from './video-api.ts';
import { WaitingRoom } from './waiting-room.tsx';

interface Props {
  appointmentId: string;
  media: LocalMedia;
  loginKind: 'patient' | 'staff';
  /** Patients may ask to be phoned instead; guests may not. */
  mayAskForPhone: boolean;
  /** Enter again after leaving (the same link or invitation); absent when the viewer cannot. */
  onReenter?: () => void;
  /** The clinician's tools, above the call; they get the call's chat (kept in this page only) for the journal note. */
  tools?: (view: RoomView, chat: VideoChat[]) => ReactNode;
}

export function VideoRoom({ appointmentId, media, loginKind, mayAskForPhone, onReenter, tools }: Props) {
  const t = useT();
  const room = useRoom(appointmentId);
  const [inbox] = useState(newInbox);
  const [chat, setChat] = useState<VideoChat[]>([]);
  const channel = useRoomChannel(appointmentId, (message) => {
    if (message.type === 'video.signal') deliver(inbox, message as unknown as VideoSignal);
    else if (message.type === 'video.chat') setChat((list) => [...list, message as unknown as VideoChat]);
  });
  const phase = room.data ? phaseOf(room.data) : null;
  const out = phase?.kind === 'out';
  const outRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (phase?.kind === 'waiting') prefetchIceServers(appointmentId);
  }, [phase?.kind, appointmentId]);

  useEffect(() => {
    // Out of the room: the camera goes off, and the reason takes the focus.
    if (!out) return;
    media.stop();
    outRef.current?.focus();
  }, [out, media.stop]);

  async function leave() {
    media.stop();
    await leaveRoom(appointmentId).catch(() => undefined);
    await room.refetch();
  }

  return (
    <QueryState query={room} loginKind={loginKind}>
      {(view) => {
        const p = phaseOf(view);
        return (
          <>
            <LiveNotice status={channel.status} />
            {tools?.(view, chat)}
            {p.kind === 'waiting' && <WaitingRoom view={view} media={media} mayAskForPhone={mayAskForPhone} />}
            {p.kind === 'call' && <Call view={view} media={media} send={channel.send} status={channel.status} inbox={inbox} chat={chat} onLeave={tools ? undefined : () => void leave()} />}
            {p.kind === 'out' && !(tools && view.status === 'ended') && (
              <div ref={outRef} tabIndex={-1}>
                <Alert data-color={p.mayReturn ? 'info' : 'warning'}>
                  <Paragraph>{t(p.message)}</Paragraph>
                  {p.mayReturn && onReenter && (
                    <Button variant="secondary" onClick={onReenter}>
                      {t('video.out.reenter')}
                    </Button>
                  )}
                </Alert>
              </div>
            )}
          </>
        );
      }}
    </QueryState>
  );
}
