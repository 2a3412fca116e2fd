// The call itself: everyone's video with name and role, the roster with connection quality, the introductions prompt,
// mute / camera off / devices, chat, and leaving. The same for patient, guest and clinician.
import { Alert, Button, Paragraph, Tag } from '@digdir/designsystemet-react';
import type { RosterEntry, RoomView, VideoChat } from '../../shared/video-api.ts';
import type { LiveStatus } from '../platform/live.ts';
import { Section } from '../platform/section.tsx';
import { useT } from '../i18n/index.tsx';
import { Chat } from './chat.tsx';
import { DeviceChoice } from './device-check.tsx';
import type { LocalMedia } from './local-media.ts';
import { StreamVideo } from './media-parts.tsx';
import { qualityText, roleText } from './names.ts';
import { useCall, type SignalInbox } from './use-call.ts';

interface Props {
  view: RoomView;
  media: LocalMedia;
  send: (message: object) => boolean;
  status: LiveStatus;
  inbox: SignalInbox;
  chat: VideoChat[];
  onLeave?: () => void;
}

export function Call({ view, media, send, status, inbox, chat, onLeave }: Props) {
  const t = useT();
  const me: RosterEntry | undefined = view.roster.find((r) => r.participantId === view.me?.participantId);
  if (!me) return null;
  return <InCall me={me} view={view} media={media} send={send} status={status} inbox={inbox} chat={chat} onLeave={onLeave} t={t} />;
}

function InCall({ me, view, media, send, status, inbox, chat, onLeave, t }: Props & { me: RosterEntry; t: ReturnType<typeof useT> }) {
  const peers = useCall({ appointmentId: view.appointmentId, me, roster: view.roster, stream: media.stream, send, status, inbox });
  const others = view.roster.filter((r) => r.participantId !== me.participantId);
  const peerOf = (id: string) => peers.find((p) => p.participantId === id);
  const hasAudio = Boolean(media.stream?.getAudioTracks().length);
  const hasVideo = Boolean(media.stream?.getVideoTracks().length);

  return (
    <div className="nl-stack">
      <Alert data-color="info">
        <Paragraph>{t('video.call.introduce')}</Paragraph>
      </Alert>
      <Paragraph data-size="sm">{t('video.noRecording')}</Paragraph>
      <ul className="nl-video-grid" aria-label={t('video.call.videos')}>
        {others.map((o) => {
          const peer = peerOf(o.participantId);
          const label = `${o.displayName} (${roleText(o.role, t)})`;
          return (
            <li key={o.participantId} className="nl-video">
              <StreamVideo stream={peer?.stream ?? null} muted={false} label={label} />
              <span className="nl-video__name">{label}</span>
            </li>
          );
        })}
        <li className="nl-video nl-video--me">
          {hasVideo && !media.cameraOff ? <StreamVideo stream={media.stream} muted mirrored label={t('video.call.you')} /> : <span className="nl-video__off">{t('video.call.cameraIsOff')}</span>}
          <span className="nl-video__name">{t('video.call.you')}</span>
        </li>
      </ul>
      {others.length === 0 && <Paragraph>{t('video.call.alone')}</Paragraph>}
      <div className="nl-actions">
        {media.status === 'ready' ? (
          <>
            <Button variant="secondary" aria-pressed={media.muted} disabled={!hasAudio} onClick={() => media.setMuted(!media.muted)}>
              {t(media.muted ? 'video.call.unmute' : 'video.call.mute')}
            </Button>
            <Button variant="secondary" aria-pressed={media.cameraOff} disabled={!hasVideo} onClick={() => media.setCameraOff(!media.cameraOff)}>
              {t(media.cameraOff ? 'video.call.cameraOn' : 'video.call.cameraOff')}
            </Button>
          </>
        ) : (
          <Button loading={media.status === 'asking'} onClick={() => media.status !== 'asking' && void media.request()}>
            {t('video.permission.ask')}
          </Button>
        )}
        {onLeave && (
          <Button variant="secondary" data-color="danger" onClick={onLeave}>
            {t('video.call.leave')}
          </Button>
        )}
      </div>
      {media.status === 'ready' && media.cameraMissing && <Paragraph>{t('video.call.soundOnly')}</Paragraph>}
      {media.status === 'ready' && <DeviceChoice media={media} />}
      <Section title={t('video.roster.heading')} level={3}>
        <ul className="nl-video-roster">
          {view.roster.map((r) => {
            const peer = peerOf(r.participantId);
            return (
              <li key={r.participantId}>
                <span>
                  {r.displayName} <Tag data-color="neutral">{roleText(r.role, t)}</Tag>
                  {r.participantId === me.participantId && ` (${t('video.call.you')})`}
                </span>
                {peer && (
                  <span className="nl-video-roster__quality">
                    {t('video.quality.label')}: {peer.state === 'connected' ? qualityText(peer.quality, t) : t(peer.state === 'failed' ? 'video.quality.failed' : 'video.quality.connecting')}
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      </Section>
      <Chat messages={chat} onSend={(text) => send({ chat: { room: view.appointmentId, text } })} />
    </div>
  );
}
