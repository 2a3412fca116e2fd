// "/ansatt/video/:appointmentId": the clinician enters their video appointment's room (admitted at once), lets people
// in from the waiting room, and holds the call.
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useParams } from 'react-router';
import { Loading } from '../platform/loading.tsx';
import { ProblemMessage } from '../platform/problem-message.tsx';
import { StaffPage } from '../staff/staff-page.tsx';
import { useT } from '../i18n/index.tsx';
import { ClinicianTools } from './clinician-tools.tsx';
import { UnsupportedBrowser, useSupport } from './device-check.tsx';
import { useLocalMedia } from './local-media.ts';
import { VideoRoom } from './room.tsx';
import { clinicianEnter } from './video-api.ts';
import './video.css';

export function ClinicianVideoPage() {
  const t = useT();
  const { appointmentId = '' } = useParams();
  return <StaffPage title={t('video.clinician.title')}>{() => <ClinicianRoom key={appointmentId} appointmentId={appointmentId} />}</StaffPage>;
}

function ClinicianRoom({ appointmentId }: { appointmentId: string }) {
  const support = useSupport();
  const media = useLocalMedia();
  const started = useRef(false);
  const enter = useMutation({ mutationFn: () => clinicianEnter(appointmentId) });

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    enter.mutate();
  }, [enter]);

  if (enter.isError) return <ProblemMessage error={enter.error} loginKind="staff" />;
  if (!enter.data) return <Loading />;
  return (
    <>
      {!support.supported && <UnsupportedBrowser />}
      <VideoRoom appointmentId={appointmentId} media={media} loginKind="staff" mayAskForPhone={false} tools={(view, chat) => <ClinicianTools view={view} chat={chat} onEnded={media.stop} />} />
    </>
  );
}
