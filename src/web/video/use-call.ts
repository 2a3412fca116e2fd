// Runs the mesh for one admitted viewer: ICE servers first (and again before their credentials expire), then a
// connection per other admitted participant, the local tracks, incoming signals, and closing everything on leave.
import { useEffect, useReducer, useRef } from 'react';
import type { RosterEntry, VideoSignal } from '../../shared/video-api.ts';
import type { LiveStatus } from '../platform/live.ts';
import { Mesh, type Peer } from './mesh.ts';
import { parseSignal } from './signaling.ts';
import { takeIceServers } from './video-api.ts';

const REFRESH_BEFORE_MS = 60_000;
const RETRY_MS = 5_000;

export interface SignalInbox {
  /** Where signals go once the mesh is up; until then they wait in `pending`. */
  sink: ((signal: VideoSignal) => void) | null;
  pending: VideoSignal[];
}

export function newInbox(): SignalInbox {
  return { sink: null, pending: [] };
}

export function deliver(inbox: SignalInbox, signal: VideoSignal): void {
  if (inbox.sink) inbox.sink(signal);
  else inbox.pending.push(signal);
}

interface CallInput {
  appointmentId: string;
  me: RosterEntry;
  roster: RosterEntry[];
  stream: MediaStream | null;
  send: (message: object) => boolean;
  status: LiveStatus;
  inbox: SignalInbox;
}

export function useCall({ appointmentId, me, roster, stream, send, status, inbox }: CallInput): Peer[] {
  const [, changed] = useReducer((n: number) => n + 1, 0);
  const mesh = useRef<Mesh | null>(null);
  const ready = useRef(false);
  const others = roster.filter((r) => r.participantId !== me.participantId && r.state === 'admitted');
  const othersRef = useRef(others);
  othersRef.current = others;
  const streamRef = useRef(stream);
  streamRef.current = stream;
  const sendRef = useRef(send);
  sendRef.current = send;

  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const m = new Mesh({
      me: { participantId: me.participantId, since: me.since },
      send: (to, data) => sendRef.current({ signal: { room: appointmentId, to, data } }),
      onChange: changed,
    });
    mesh.current = m;
    const s = streamRef.current;
    m.setTracks(s?.getAudioTracks()[0] ?? null, s?.getVideoTracks()[0] ?? null);

    async function loadIce(): Promise<void> {
      try {
        const servers = await takeIceServers(appointmentId, REFRESH_BEFORE_MS);
        if (cancelled) return;
        m.setIceServers(servers.iceServers);
        if (!ready.current) {
          ready.current = true;
          m.sync(othersRef.current);
          inbox.sink = (signal) => {
            const data = parseSignal(signal.data);
            if (data) m.receive(signal.from, data);
          };
          for (const signal of inbox.pending.splice(0)) inbox.sink(signal);
        }
        timer = setTimeout(() => void loadIce(), Math.max(RETRY_MS, Date.parse(servers.expiresAt) - Date.now() - REFRESH_BEFORE_MS));
      } catch {
        if (!cancelled) timer = setTimeout(() => void loadIce(), RETRY_MS);
      }
    }
    void loadIce();
    // Leaving the page closes the connections, so TURN allocations are freed at once.
    const unload = () => m.close();
    window.addEventListener('pagehide', unload);
    return () => {
      cancelled = true;
      clearTimeout(timer);
      window.removeEventListener('pagehide', unload);
      inbox.sink = null;
      ready.current = false;
      m.close();
      mesh.current = null;
    };
  }, [appointmentId, me.participantId, me.since, inbox]);

  const rosterKey = others.map((o) => `${o.participantId}@${o.since}`).join(',');
  useEffect(() => {
    if (ready.current) mesh.current?.sync(othersRef.current);
  }, [rosterKey]);

  useEffect(() => {
    mesh.current?.setTracks(stream?.getAudioTracks()[0] ?? null, stream?.getVideoTracks()[0] ?? null);
  }, [stream]);

  const wasLive = useRef(status === 'live');
  useEffect(() => {
    if (status === 'live' && !wasLive.current && ready.current) mesh.current?.resume();
    wasLive.current = status === 'live';
  }, [status]);

  return mesh.current ? [...mesh.current.peers.values()] : [];
}
