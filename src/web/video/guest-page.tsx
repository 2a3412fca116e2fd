// "/video/guest#<token>": an interpreter or a relative opens their one-time invitation (no login), then waits like
// everyone else. A reload finds them by the guest cookie the invitation set.
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router';
import type { RoomEntry } from '../../shared/video-api.ts';
import { ApiError } from '../api.ts';
import { Loading } from '../platform/loading.tsx';
import { Page } from '../platform/page.tsx';
import { ProblemMessage } from '../platform/problem-message.tsx';
import { useT } from '../i18n/index.tsx';
import { UnsupportedBrowser, useSupport } from './device-check.tsx';
import { useLocalMedia } from './local-media.ts';
import { VideoRoom } from './room.tsx';
import { acceptInvitation, guestEnter } from './video-api.ts';
import './video.css';

export function VideoGuestPage() {
  const t = useT();
  return (
    <Page title={t('video.guest.title')}>
      <Guest />
    </Page>
  );
}

function Guest() {
  const t = useT();
  const { hash } = useLocation();
  const support = useSupport();
  const media = useLocalMedia();
  const started = useRef(false);
  const enter = useMutation({
    mutationFn: async (): Promise<RoomEntry> => {
      const token = hash.slice(1);
      if (token) {
        try {
          const entry = await acceptInvitation(token);
          // Used up: a reload must not try it again.
          window.history.replaceState(window.history.state, '', '/video/guest');
          return entry;
        } catch (err) {
          return guestEnter().catch(() => Promise.reject(err));
        }
      }
      return guestEnter().catch(() => Promise.reject(new ApiError(403, 'about:blank', t('video.guest.noInvitation'))));
    },
  });

  useEffect(() => {
    if (started.current || !support.supported) return;
    started.current = true;
    enter.mutate();
  }, [enter, support.supported]);

  if (!support.supported) return <UnsupportedBrowser />;
  if (enter.isError) return <ProblemMessage error={enter.error} loginKind="patient" />;
  if (!enter.data) return <Loading />;
  return <VideoRoom appointmentId={enter.data.appointmentId} media={media} loginKind="patient" mayAskForPhone={false} onReenter={() => enter.mutate()} />;
}
