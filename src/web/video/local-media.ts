// The viewer's own camera and microphone: asked for from a click (what makes iOS Safari ask at all), with sound only
// when the camera is refused or missing, the devices to choose from, mute and camera off.
import { useCallback, useEffect, useRef, useState } from 'react';

export type MediaStatus = 'idle' | 'asking' | 'ready' | 'denied' | 'none' | 'failed';

export interface LocalMediaState {
  status: MediaStatus;
  stream: MediaStream | null;
  /** The camera was refused or is missing while the microphone works: the call goes on with sound only. */
  cameraMissing: boolean;
  /** No working microphone: the phone fallback is offered. */
  microphoneMissing: boolean;
  devices: MediaDeviceInfo[];
  muted: boolean;
  cameraOff: boolean;
}

export interface LocalMedia extends LocalMediaState {
  /** Call from a click or key press only. */
  request(): Promise<void>;
  select(kind: 'audioinput' | 'videoinput', deviceId: string): Promise<void>;
  setMuted(muted: boolean): void;
  setCameraOff(off: boolean): void;
  stop(): void;
}

const INITIAL: LocalMediaState = { status: 'idle', stream: null, cameraMissing: false, microphoneMissing: false, devices: [], muted: false, cameraOff: false };

async function tryMedia(constraints: MediaStreamConstraints): Promise<MediaStream | Error> {
  try {
    return await navigator.mediaDevices.getUserMedia(constraints);
  } catch (err) {
    return err instanceof Error ? err : new Error(String(err));
  }
}

export function useLocalMedia(): LocalMedia {
  const [state, setState] = useState<LocalMediaState>(INITIAL);
  const streamRef = useRef<MediaStream | null>(null);

  const keep = useCallback((stream: MediaStream | null, patch: Partial<LocalMediaState>) => {
    streamRef.current = stream;
    setState((s) => {
      stream?.getAudioTracks().forEach((t) => (t.enabled = !s.muted));
      stream?.getVideoTracks().forEach((t) => (t.enabled = !s.cameraOff));
      return { ...s, ...patch, stream };
    });
  }, []);

  const listDevices = useCallback(async () => {
    const devices = await navigator.mediaDevices.enumerateDevices().catch(() => []);
    setState((s) => ({ ...s, devices: devices.filter((d) => d.kind !== 'audiooutput' && d.deviceId) }));
  }, []);

  const request = useCallback(async () => {
    streamRef.current?.getTracks().forEach((t) => t.stop());
    setState((s) => ({ ...s, status: 'asking' }));
    const both = await tryMedia({ audio: true, video: { width: { ideal: 1280 }, height: { ideal: 720 } } });
    if (both instanceof MediaStream) {
      keep(both, { status: 'ready', cameraMissing: false, microphoneMissing: false });
    } else {
      const audio = await tryMedia({ audio: true });
      if (audio instanceof MediaStream) keep(audio, { status: 'ready', cameraMissing: true, microphoneMissing: false });
      else {
        const video = await tryMedia({ video: true });
        if (video instanceof MediaStream) keep(video, { status: 'ready', cameraMissing: false, microphoneMissing: true });
        else {
          const status: MediaStatus = both.name === 'NotAllowedError' || both.name === 'SecurityError' ? 'denied' : both.name === 'NotFoundError' || both.name === 'OverconstrainedError' ? 'none' : 'failed';
          keep(null, { status, cameraMissing: true, microphoneMissing: true });
        }
      }
    }
    await listDevices();
  }, [keep, listDevices]);

  const select = useCallback(
    async (kind: 'audioinput' | 'videoinput', deviceId: string) => {
      const audio = kind === 'audioinput';
      const got = await tryMedia(audio ? { audio: { deviceId: { exact: deviceId } } } : { video: { deviceId: { exact: deviceId } } });
      if (!(got instanceof MediaStream)) return;
      const old = streamRef.current;
      const keepTracks = (old?.getTracks() ?? []).filter((t) => (audio ? t.kind === 'video' : t.kind === 'audio'));
      (old?.getTracks() ?? []).filter((t) => !keepTracks.includes(t)).forEach((t) => t.stop());
      keep(new MediaStream([...keepTracks, ...got.getTracks()]), audio ? { microphoneMissing: false } : { cameraMissing: false });
    },
    [keep],
  );

  const setMuted = useCallback((muted: boolean) => {
    streamRef.current?.getAudioTracks().forEach((t) => (t.enabled = !muted));
    setState((s) => ({ ...s, muted }));
  }, []);

  const setCameraOff = useCallback((cameraOff: boolean) => {
    streamRef.current?.getVideoTracks().forEach((t) => (t.enabled = !cameraOff));
    setState((s) => ({ ...s, cameraOff }));
  }, []);

  const stop = useCallback(() => {
    streamRef.current?.getTracks().forEach((t) => t.stop());
    keep(null, { status: 'idle' });
  }, [keep]);

  // The camera light goes off when the page goes.
  useEffect(() => () => streamRef.current?.getTracks().forEach((t) => t.stop()), []);

  return { ...state, request, select, setMuted, setCameraOff, stop };
}

/** The id of the device a track comes from, for the choice lists. */
export const deviceOf = (stream: MediaStream | null, kind: 'audio' | 'video') =>
  (kind === 'audio' ? stream?.getAudioTracks() : stream?.getVideoTracks())?.[0]?.getSettings().deviceId ?? '';
