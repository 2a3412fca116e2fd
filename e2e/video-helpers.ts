// Browser-test helpers for video: Chromium with a fake camera and microphone, a recorder of every RTCPeerConnection
// a page makes (optionally forced to relay through TURN), WebRTC statistics read in the page, and coturn on loopback.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { freePort } from '../test/global-setup.ts';
import { launchChromium } from './browser.ts';

/** PLATFORM.md's WebRTC flags; permissions are granted (or refused) per context instead of by the fake UI. */
export const launchVideoChromium = (): Promise<Browser> => launchChromium(['--use-fake-device-for-media-stream', '--allow-loopback-in-peer-connection']);

/**
 * A context whose pages record their peer connections in window.__pcs; `relay` makes every one relay-only, which is
 * what `iceTransportPolicy: 'relay'` in the app would do, without a switch in the product for it.
 */
export async function videoContext(chromium: Browser, opts: { camera?: boolean; relay?: boolean; viewport?: { width: number; height: number } } = {}): Promise<BrowserContext> {
  const context = await chromium.newContext({ viewport: opts.viewport ?? { width: 1280, height: 900 }, locale: 'nb-NO', permissions: opts.camera === false ? ['microphone'] : ['camera', 'microphone'] });
  await context.addInitScript((relay: boolean) => {
    const Original = window.RTCPeerConnection;
    const pcs: RTCPeerConnection[] = [];
    (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs = pcs;
    window.RTCPeerConnection = class extends Original {
      constructor(config: RTCConfiguration = {}) {
        super(relay ? { ...config, iceTransportPolicy: 'relay' } : config);
        pcs.push(this);
      }
    } as typeof RTCPeerConnection;
  }, opts.relay ?? false);
  return context;
}

export async function refuseCamera(page: Page, origin: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Browser.setPermission', { permission: { name: 'camera' }, setting: 'denied', origin });
}

/** How many open peer connections of the page have an inbound stream of `kind` with frames decoded (video) or packets received (audio). */
export function inboundCount(page: Page, kind: 'video' | 'audio'): Promise<number> {
  return page.evaluate(async (kind) => {
    let seen = 0;
    for (const pc of ((window as unknown as { __pcs?: RTCPeerConnection[] }).__pcs ?? []).filter((p) => p.connectionState !== 'closed')) {
      let ok = false;
      (await pc.getStats()).forEach((s: { type: string; kind?: string; framesDecoded?: number; packetsReceived?: number }) => {
        if (s.type === 'inbound-rtp' && s.kind === kind && ((kind === 'video' ? s.framesDecoded : s.packetsReceived) ?? 0) > 0) ok = true;
      });
      if (ok) seen++;
    }
    return seen;
  }, kind);
}

/**
 * Waits until `count` open peer connections of the page receive `kind` (video frames decoded, audio packets), polled
 * from here: Playwright's waitForFunction does not await a predicate's Promise (a Promise is truthy), so an async
 * predicate there would be satisfied at once, with peer connections or none.
 */
export async function waitForInbound(page: Page, kind: 'video' | 'audio', count = 1, timeout = 20_000): Promise<void> {
  await pollUntil(() => inboundCount(page, kind), (seen) => seen >= count, timeout, (seen) => `expected ${count} inbound ${kind} stream(s) on ${page.url()}, ${seen} after ${timeout} ms`);
}

/** Calls `read` every 250 ms until `done` says so; fails after `timeout` with `message` of the last value. */
export async function pollUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, timeout: number, message: (last: T) => string): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(message(value));
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The candidate types of the selected pair of each open connection, e.g. ['relay/relay']. */
export async function selectedPairs(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const out: string[] = [];
    for (const pc of ((window as unknown as { __pcs?: RTCPeerConnection[] }).__pcs ?? []).filter((p) => p.connectionState !== 'closed')) {
      const stats = await pc.getStats();
      const byId = new Map<string, { type: string; [k: string]: unknown }>();
      stats.forEach((s: { id: string; type: string }) => byId.set(s.id, s));
      const selected = [...byId.values()].filter((s) => s.type === 'transport' && typeof s.selectedCandidatePairId === 'string').map((s) => s.selectedCandidatePairId as string);
      const pairs = selected.length ? selected.map((id) => byId.get(id)!) : [...byId.values()].filter((s) => s.type === 'candidate-pair' && s.nominated === true && s.state === 'succeeded');
      for (const pair of pairs) out.push(`${byId.get(pair.localCandidateId as string)?.candidateType}/${byId.get(pair.remoteCandidateId as string)?.candidateType}`);
    }
    return out;
  });
}

export async function closePeerConnections(page: Page): Promise<void> {
  await page.evaluate(() => ((window as unknown as { __pcs?: RTCPeerConnection[] }).__pcs ?? []).forEach((pc) => pc.close())).catch(() => undefined);
}

export interface Coturn {
  url: string;
  secret: string;
  stop(): Promise<void>;
}

/** coturn on loopback with the command line from PLATFORM.md, on a free port and its own relay range. */
export async function startCoturn(): Promise<Coturn> {
  const port = await freePort();
  const secret = `turn-secret-${port}`;
  const dir = mkdtempSync(path.join(tmpdir(), 'coturn-'));
  const minPort = 40000 + (port % 200) * 100;
  const child: ChildProcess = spawn('turnserver', ['-n', '--listening-ip=127.0.0.1', `--listening-port=${port}`, '--relay-ip=127.0.0.1', `--min-port=${minPort}`, `--max-port=${minPort + 99}`, '--realm=nettlege.test', '--use-auth-secret', `--static-auth-secret=${secret}`, '--fingerprint', '--no-tls', '--no-dtls', '--no-cli', '--allow-loopback-peers', '--log-file=stdout', '--simple-log', `--pidfile=${dir}/turnserver.pid`], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 300));
  return {
    url: `turn:127.0.0.1:${port}?transport=udp`,
    secret,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 100));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Records every track the context's pages get from getUserMedia (and clones of them) in window.__localTracks, so a
 * test can tell whether the camera and microphone were let go.
 */
export async function recordLocalTracks(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const tracks: MediaStreamTrack[] = [];
    (window as unknown as { __localTracks: MediaStreamTrack[] }).__localTracks = tracks;
    const devices = navigator.mediaDevices;
    if (!devices) return;
    const getUserMedia = devices.getUserMedia.bind(devices);
    devices.getUserMedia = async (constraints) => {
      const stream = await getUserMedia(constraints);
      tracks.push(...stream.getTracks());
      return stream;
    };
    const clone = MediaStreamTrack.prototype.clone;
    MediaStreamTrack.prototype.clone = function (this: MediaStreamTrack) {
      const copy = clone.call(this);
      if (tracks.includes(this)) tracks.push(copy);
      return copy;
    };
  });
}

/** The recorded local tracks as `kind:readyState`, e.g. ['audio:ended', 'video:live']. */
export function localTrackStates(page: Page): Promise<string[]> {
  return page.evaluate(() => ((window as unknown as { __localTracks?: MediaStreamTrack[] }).__localTracks ?? []).map((t) => `${t.kind}:${t.readyState}`));
}

export interface ServerProcess {
  url: string;
  stop(): Promise<void>;
}

/**
 * The product in a process of its own (node src/server/main.ts), as a second instance runs in production: `env` on
 * top of this process's environment; resolves once /readyz answers 200.
 */
export async function startServerProcess(env: Record<string, string>, timeoutMs = 60_000): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const root = path.resolve(import.meta.dirname, '..');
  const child = spawn(process.execPath, ['src/server/main.ts'], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'test', HOST: '127.0.0.1', PORT: String(port), PUBLIC_URL: url, LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (d: Buffer) => (output = (output + d.toString()).slice(-4000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(force);
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server process exited with ${child.exitCode}: ${output}`);
    try {
      if ((await fetch(`${url}/readyz`)).status === 200) return { url, stop };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the server process was not ready within ${timeoutMs} ms: ${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The pages of a video test file: each in a context of its own (videoContext), closed with their peer connections
 * after each test, so TURN allocations and cameras are let go before the next one.
 */
export function videoPages(chromium: () => Browser, prepare?: (context: BrowserContext) => Promise<void>) {
  const contexts: BrowserContext[] = [];
  return {
    async page(opts: Parameters<typeof videoContext>[1] = {}): Promise<Page> {
      const context = await videoContext(chromium(), opts);
      await prepare?.(context);
      contexts.push(context);
      const p = await context.newPage();
      p.setDefaultTimeout(20_000);
      return p;
    },
    async closeAll(): Promise<void> {
      for (const c of contexts.splice(0)) {
        for (const p of c.pages()) await closePeerConnections(p);
        await c.close();
      }
    },
  };
}
