// The connection test before a call: can the page reach our live socket, and which ways to the other side (direct,
// through a STUN-found address, relayed by TURN) the browser finds with the servers the call would use.
import { Alert, Button, Paragraph } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { liveUrl } from '../platform/live-connection.ts';
import { problemText } from '../platform/problem-message.tsx';
import { useT } from '../i18n/index.tsx';
import { connectionTestServers } from './video-api.ts';

export interface ConnectionResult {
  socket: boolean;
  candidates: Set<string>;
  turnConfigured: boolean;
}

const GATHER_MS = 6000;

function socketReaches(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    const done = (ok: boolean) => {
      clearTimeout(timer);
      ws.onopen = ws.onerror = null;
      ws.close();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), 5000);
    ws.onopen = () => done(true);
    ws.onerror = () => done(false);
  });
}

/** Gathers candidates with the given servers and tells which kinds were found (host, srflx, relay). */
export async function gatherCandidateTypes(iceServers: RTCIceServer[]): Promise<Set<string>> {
  const pc = new RTCPeerConnection({ iceServers, bundlePolicy: 'max-bundle' });
  const types = new Set<string>();
  try {
    pc.createDataChannel('check');
    const complete = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, GATHER_MS);
      pc.onicecandidate = (event) => {
        if (event.candidate?.type) types.add(event.candidate.type);
        if (!event.candidate) {
          clearTimeout(timer);
          resolve();
        }
      };
    });
    await pc.setLocalDescription();
    await complete;
  } finally {
    pc.close();
  }
  return types;
}

export function ConnectionTest() {
  const t = useT();
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<ConnectionResult | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function run() {
    setRunning(true);
    setError(null);
    setResult(null);
    try {
      const socket = await socketReaches(liveUrl(window.location.origin));
      const servers = await connectionTestServers();
      const candidates = await gatherCandidateTypes(servers.iceServers);
      setResult({ socket, candidates, turnConfigured: servers.iceServers.some((s) => s.urls.some((u) => u.startsWith('turn'))) });
    } catch (err) {
      setError(err);
    } finally {
      setRunning(false);
    }
  }

  return (
    <>
      <Paragraph>{t('video.connection.intro')}</Paragraph>
      <div>
        <Button variant="secondary" loading={running} onClick={() => !running && void run()}>
          {t('video.connection.run')}
        </Button>
      </div>
      <div aria-live="polite" className="nl-form__status">
        {error !== null && (
          <Alert data-color="danger">
            <Paragraph>{problemText(error, t)}</Paragraph>
          </Alert>
        )}
        {result && (
          <Alert data-color={result.socket && (result.candidates.has('relay') || !result.turnConfigured) ? 'success' : 'warning'}>
            <Paragraph>{t(result.socket ? 'video.connection.socketOk' : 'video.connection.socketFailed')}</Paragraph>
            <Paragraph>
              {result.candidates.has('relay')
                ? t('video.connection.relayOk')
                : result.turnConfigured
                  ? t('video.connection.relayMissing')
                  : result.candidates.size > 0
                    ? t('video.connection.directOnly')
                    : t('video.connection.none')}
            </Paragraph>
          </Alert>
        )}
      </div>
    </>
  );
}
