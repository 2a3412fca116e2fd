// "/video/join#<token>" (or "?time=<appointmentId>" from Min side): the patient enters the waiting room with the
// signed link, checks sound and picture while waiting, and is in the call once the clinician lets them in.
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useLocation, useSearchParams } from 'react-router';
import type { RoomEntry } from '../../shared/video-api.ts';
import { ApiError } from '../api.ts';
import { RequireSession } from '../identity/require-session.tsx';
import { Loading } from '../platform/loading.tsx';
import { Page } from '../platform/page.tsx';
import { ProblemMessage } from '../platform/problem-message.tsx';
import { useT } from '../i18n/index.tsx';
import { UnsupportedBrowser, useSupport } from './device-check.tsx';
import { useLocalMedia } from './local-media.ts';
import { VideoRoom } from './room.tsx';
import { joinLinkFor, joinWithLink } from './video-api.ts';
import './video.css';

export function VideoJoinPage() {
  const t = useT();
  return (
    <Page title={t('video.join.title')}>
      <RequireSession kind="patient">{() => <Join />}</RequireSession>
    </Page>
  );
}

function Join() {
  const t = useT();
  const { hash } = useLocation();
  const [params] = useSearchParams();
  const support = useSupport();
  const media = useLocalMedia();
  const started = useRef(false);
  const enter = useMutation({
    mutationFn: async (): Promise<RoomEntry> => {
      let token = hash.slice(1);
      const time = params.get('time');
      if (!token && time) {
        token = (await joinLinkFor(time)).token;
        // The page's own address becomes the link, so a reload enters the same way.
        window.history.replaceState(window.history.state, '', `/video/join#${token}`);
      }
      if (!token) throw new ApiError(403, 'about:blank', t('video.join.noLink'));
      return joinWithLink(token);
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
  return <VideoRoom appointmentId={enter.data.appointmentId} media={media} loginKind="patient" mayAskForPhone onReenter={() => enter.mutate()} />;
}
