// Call set-up time for bench:video, in Chromium with its fake camera and microphone and coturn on loopback:
// - the product: the patient waits in the real waiting room, the clinician presses "Slipp inn"; from that click to the
//   first decoded remote video frame on both sides (the later of the two), directly and with both pages relay-only;
// - bare: two pages with the same browser, ICE servers and coturn and no application (offer, answer and trickled
//   candidates handed across by the bench), from createOffer to the first decoded frame on both sides.
// Each page polls its own WebRTC statistics every 10 ms and stamps the first decoded frame, so the figure is not
// rounded to a test's polling. Median of `runs`.
import http from 'node:http';
import pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { turnCredentials } from '../src/server/video/domain.ts';
import { freePort } from '../test/global-setup.ts';
import { closePeerConnections, launchVideoChromium, startCoturn, videoContext } from '../e2e/video-helpers.ts';
import { admit, clinicianIn, patientWaiting, videoAppointment } from '../e2e/video-pages.ts';
import { startProduct, stop } from './video-server.ts';

export interface CallFigures {
  admitToFrameMs: number;
  admitToFrameTurnMs: number;
  bareMs: number;
  bareTurnMs: number;
}

type Stamped = Window & { __pcs?: RTCPeerConnection[]; __firstFrameAt?: number; __admitAt?: number; __pcAt?: number };

/** Stamps the click on "Slipp inn" and the first decoded remote video frame in the page. */
function probe(): void {
  const w = window as Stamped;
  document.addEventListener(
    'click',
    (e) => {
      const b = (e.target as Element | null)?.closest?.('button');
      if (b && b.textContent?.trim() === 'Slipp inn' && !w.__admitAt) w.__admitAt = Date.now();
    },
    true,
  );
  const poll = async () => {
    if (!w.__pcAt && w.__pcs?.length) w.__pcAt = Date.now();
    for (const pc of w.__pcs ?? []) {
      if (w.__firstFrameAt || pc.connectionState === 'closed') continue;
      (await pc.getStats()).forEach((s: { type: string; kind?: string; framesDecoded?: number }) => {
        if (s.type === 'inbound-rtp' && s.kind === 'video' && (s.framesDecoded ?? 0) > 0) w.__firstFrameAt ??= Date.now();
      });
    }
    if (!w.__firstFrameAt) setTimeout(poll, 10);
  };
  void poll();
}

async function stamp(page: Page, name: '__firstFrameAt' | '__admitAt' | '__pcAt'): Promise<number> {
  const handle = await page.waitForFunction((n) => (window as unknown as Record<string, number | undefined>)[n], name, { timeout: 30_000, polling: 10 });
  return (await handle.jsonValue()) as number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return Number(((s[(s.length - 1) >> 1]! + s[s.length >> 1]!) / 2).toFixed(1));
};

async function contextFor(chromium: Browser, relay: boolean): Promise<BrowserContext> {
  const context = await videoContext(chromium, { relay });
  await context.addInitScript(probe);
  return context;
}

async function closeAll(contexts: BrowserContext[]): Promise<void> {
  for (const c of contexts) {
    for (const p of c.pages()) await closePeerConnections(p);
    await c.close();
  }
}

/** One call through the product's pages: admit → first frame on both sides, in ms. */
async function productCall(chromium: Browser, baseUrl: string, owner: pg.Pool, relay: boolean, index: number): Promise<number> {
  const contexts = [await contextFor(chromium, relay), await contextFor(chromium, relay)];
  try {
    const appointmentId = await videoAppointment(owner, 'Ola Hansen', 2 + 6 * index);
    const [ola, lise] = await Promise.all(contexts.map((c) => c.newPage()));
    for (const p of [ola!, lise!]) p.setDefaultTimeout(30_000);
    await patientWaiting(ola!, baseUrl, 'Ola Hansen', { appointmentId });
    await clinicianIn(lise!, baseUrl, appointmentId);
    await admit(lise!, /Ola Hansen \(pasient\)/);
    const [admitAt, olaFrame, liseFrame] = await Promise.all([stamp(lise!, '__admitAt'), stamp(ola!, '__firstFrameAt'), stamp(lise!, '__firstFrameAt')]);
    const [olaPc, lisePc] = await Promise.all([stamp(ola!, '__pcAt'), stamp(lise!, '__pcAt')]);
    console.error(`bench:video:   product${relay ? ' (relay)' : ''}: after the click, the patient's connection at ${olaPc - admitAt} ms, the clinician's at ${lisePc - admitAt} ms, frames at ${olaFrame - admitAt} / ${liseFrame - admitAt} ms`);
    return Math.max(olaFrame, liseFrame) - admitAt;
  } finally {
    await closeAll(contexts);
  }
}

/** One bare call between two pages: createOffer → first frame on both sides, in ms. */
async function bareCall(chromium: Browser, pageUrl: string, iceServers: RTCIceServer[], relay: boolean): Promise<number> {
  const contexts = [await contextFor(chromium, relay), await contextFor(chromium, relay)];
  try {
    const [a, b] = await Promise.all(contexts.map((c) => c.newPage()));
    const pages = [a!, b!];
    // Trickle ICE, as the product does: each candidate handed to the other page as soon as it is found.
    await a!.exposeFunction('__signal', (c: string) => b!.evaluate((c) => (window as unknown as { __candidate(c: string): void }).__candidate(c), c));
    await b!.exposeFunction('__signal', (c: string) => a!.evaluate((c) => (window as unknown as { __candidate(c: string): void }).__candidate(c), c));
    for (const p of pages) {
      await p.goto(pageUrl);
      await p.evaluate(async (iceServers) => {
        const w = window as unknown as { __pc: RTCPeerConnection; __candidate(c: string): void; __signal(c: string): Promise<void>; __pending: RTCIceCandidateInit[] };
        // The camera as the product asks for it (720p ideal), so both calls encode the same pictures.
        const media = await navigator.mediaDevices.getUserMedia({ video: { width: { ideal: 1280 }, height: { ideal: 720 } }, audio: true });
        const pc = new RTCPeerConnection({ iceServers });
        media.getTracks().forEach((t) => pc.addTrack(t, media));
        pc.onicecandidate = (e) => void (e.candidate && w.__signal(JSON.stringify(e.candidate)));
        w.__pc = pc;
        w.__pending = [];
        w.__candidate = (c) => void (pc.remoteDescription ? pc.addIceCandidate(JSON.parse(c)) : w.__pending.push(JSON.parse(c)));
      }, iceServers);
    }
    type Side = { __pc: RTCPeerConnection; __pending: RTCIceCandidateInit[]; __startAt: number };
    const offer = await a!.evaluate(async () => {
      const w = window as unknown as Side;
      w.__startAt = Date.now();
      await w.__pc.setLocalDescription(await w.__pc.createOffer());
      return w.__pc.localDescription!.toJSON();
    });
    const answer = await b!.evaluate(async (offer) => {
      const w = window as unknown as Side;
      await w.__pc.setRemoteDescription(offer);
      for (const c of w.__pending.splice(0)) await w.__pc.addIceCandidate(c);
      await w.__pc.setLocalDescription(await w.__pc.createAnswer());
      return w.__pc.localDescription!.toJSON();
    }, offer);
    await a!.evaluate(async (answer) => {
      const w = window as unknown as Side;
      await w.__pc.setRemoteDescription(answer);
      for (const c of w.__pending.splice(0)) await w.__pc.addIceCandidate(c);
    }, answer);
    const startAt = await a!.evaluate(() => (window as unknown as Side).__startAt);
    const frames = await Promise.all(pages.map((p) => stamp(p, '__firstFrameAt')));
    return Math.max(...frames) - startAt;
  } finally {
    await closeAll(contexts);
  }
}

/** The four medians, on a product started on `dbUrl` (a fresh database of its own) with coturn for STUN and TURN. */
export async function measureCalls(dbUrl: string, runs: number): Promise<CallFigures> {
  const coturn = await startCoturn();
  const stunUrl = coturn.url.replace(/^turn:/, 'stun:').replace(/\?.*$/, '');
  const product = await startProduct(dbUrl, { STUN_URLS: stunUrl, TURN_URLS: coturn.url, TURN_SECRET: coturn.secret, VIDEO_LINK_SECRET: 'bench-video-link-secret-of-at-least-32-characters' });
  const owner = new pg.Pool({ connectionString: dbUrl, max: 2 });
  // The bare pages need a secure context for the camera: a blank page on loopback is one.
  const port = await freePort();
  const blank = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>bare call</title>'));
  await new Promise<void>((r) => blank.listen(port, '127.0.0.1', r));
  const chromium = await launchVideoChromium();
  try {
    const turn = turnCredentials(coturn.secret, 'bench', 600, new Date());
    const iceServers: RTCIceServer[] = [{ urls: stunUrl }, { urls: coturn.url, username: turn.username, credential: turn.credential }];
    const figures = { admitToFrameMs: [] as number[], admitToFrameTurnMs: [] as number[], bareMs: [] as number[], bareTurnMs: [] as number[] };
    // Interleaved, so a slow moment of the machine falls on all four alike.
    for (let i = 0; i < runs; i++) {
      figures.admitToFrameMs.push(await productCall(chromium, product.url, owner, false, 2 * i));
      figures.admitToFrameTurnMs.push(await productCall(chromium, product.url, owner, true, 2 * i + 1));
      figures.bareMs.push(await bareCall(chromium, `http://127.0.0.1:${port}/`, iceServers, false));
      figures.bareTurnMs.push(await bareCall(chromium, `http://127.0.0.1:${port}/`, iceServers, true));
      console.error(`bench:video: call ${i + 1}/${runs}: ${JSON.stringify(Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, v.at(-1)])))}`);
    }
    return { admitToFrameMs: median(figures.admitToFrameMs), admitToFrameTurnMs: median(figures.admitToFrameTurnMs), bareMs: median(figures.bareMs), bareTurnMs: median(figures.bareTurnMs) };
  } finally {
    await chromium.close();
    blank.close();
    await owner.end();
    await stop(product.process);
    await coturn.stop();
  }
}
