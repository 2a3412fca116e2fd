// The video pages across two server processes on one database and one Redis (the patient on one, the clinician on
// the other), the pages' accessibility from the device check to the call, and the clinician ending the call: the
// patient is told, the camera and microphone are let go, and the appointment is completed.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser as Chromium, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../test/server.ts';
import { accessibilityViolations } from './browser.ts';
import { admit, clinicianIn, logIn, patientWaiting, videoAppointment } from './video-pages.ts';
import { launchVideoChromium, localTrackStates, recordLocalTracks, startServerProcess, videoPages, waitForInbound, type ServerProcess } from './video-helpers.ts';

// As src/server/video/cross-instance.test.ts: Redis is part of this test, on the machine's Redis unless told otherwise.
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const LINK_SECRET = 'e2e-video-more-link-secret-of-at-least-32-characters';

describe('video across two server processes, its accessibility, and ending the call', () => {
  let a: TestServer;
  let b: ServerProcess;
  let chromium: Chromium;
  let seq = 0;
  const pages = videoPages(() => chromium, recordLocalTracks);

  beforeAll(async () => {
    const shared = { REDIS_URL, REDIS_PREFIX: `nettlege-video-more-${process.pid}-${Date.now()}:`, VIDEO_LINK_SECRET: LINK_SECRET, RATE_LIMIT_PER_MINUTE: '100000' };
    a = await startTestServer(shared);
    b = await startServerProcess({ ...shared, DATABASE_URL: a.databaseUrl, SEED_DEMO: 'false' });
    chromium = await launchVideoChromium();
  }, 90_000);
  afterEach(() => pages.closeAll());
  afterAll(async () => {
    await chromium?.close();
    await b?.stop();
    await a?.stop();
  });

  const appointmentFor = (patient: string) => videoAppointment(a.database.owner, patient, 2 + 6 * seq++);

  const page = () => pages.page();

  /** The patient waits on instance A, the clinician (on B) lets them in, and each decodes the other's video. */
  async function callAcross(patient: string, appointmentId: string, beforeAdmit?: (ola: Page, lise: Page) => Promise<void>): Promise<{ patient: Page; clinician: Page }> {
    const p = await page();
    await patientWaiting(p, a.url, patient, { appointmentId });
    const c = await clinicianIn(await page(), b.url, appointmentId);
    await beforeAdmit?.(p, c);
    await admit(c, new RegExp(`${patient} \\(pasient\\)`));
    await Promise.all([waitForInbound(p, 'video'), waitForInbound(c, 'video')]);
    return { patient: p, clinician: c };
  }

  it('the patient on one server process and the clinician on another: waiting, admitting and the call work across them', async () => {
    const appointmentId = await appointmentFor('Ola Hansen');
    const { patient, clinician } = await callAcross('Ola Hansen', appointmentId);
    // Two processes, two origins: neither page was served (or signalled) by the other's server.
    expect(new URL(patient.url()).origin).toBe(a.url);
    expect(new URL(clinician.url()).origin).toBe(b.url);
    expect(a.url).not.toBe(b.url);
    await patient.getByText('Alle som er til stede skal presentere seg, også de som er i rommet uten å synes på kamera.').waitFor();
    await clinician.getByLabel('Ola Hansen (pasient)').waitFor();
    await patient.getByLabel('Lise Berg (behandler)').waitFor();
  }, 90_000);

  it('the device check, the waiting room and the call (patient and clinician) have no serious WCAG 2.1 AA violations', async () => {
    const appointmentId = await appointmentFor('Ingrid Solberg');
    const check = await page();
    await logIn(check, a.url, 'Ingrid Solberg');
    await check.goto(`${a.url}/video/test`);
    await check.getByRole('button', { name: 'Gi tilgang til kamera og mikrofon' }).click();
    await check.getByLabel('Bildet fra kameraet ditt').waitFor();
    await check.getByText(/Lydnivå fra mikrofonen/).waitFor();
    expect(await accessibilityViolations(check), 'device check').toEqual([]);

    const { patient, clinician } = await callAcross('Ingrid Solberg', appointmentId, async (waiting, lise) => {
      expect(await accessibilityViolations(waiting), 'waiting room').toEqual([]);
      await lise.getByRole('heading', { name: /Ingrid Solberg \(pasient\)/ }).waitFor();
      expect(await accessibilityViolations(lise), 'clinician with someone waiting').toEqual([]);
    });
    await patient.getByText('Ingen opptak: lyd og bilde lagres ikke.').waitFor();
    expect(await accessibilityViolations(patient), 'call, patient').toEqual([]);
    await clinician.getByLabel('Ingrid Solberg (pasient)').waitFor();
    expect(await accessibilityViolations(clinician), 'call, clinician').toEqual([]);
  }, 120_000);

  it('the clinician ends the call: the patient is told, the camera and microphone are released, the appointment is completed', async () => {
    const appointmentId = await appointmentFor('Ola Hansen');
    const { patient, clinician } = await callAcross('Ola Hansen', appointmentId);
    const during = await localTrackStates(patient);
    expect(during).toContain('video:live');
    expect(during).toContain('audio:live');

    await clinician.getByRole('button', { name: 'Avslutt videotimen' }).click();
    await patient.getByText('Videotimen er avsluttet. Takk for samtalen.').waitFor();
    // Every track getUserMedia gave the page (and any copy of one) is stopped: the camera light goes off.
    await expect.poll(() => localTrackStates(patient), { timeout: 5_000 }).toEqual(during.map((s) => s.replace(/:live$/, ':ended')));
    expect(await patient.locator('video').evaluateAll((vs) => vs.filter((v) => (v as HTMLVideoElement).srcObject !== null).length)).toBe(0);
    expect(await patient.getByRole('button', { name: 'Slå av mikrofonen' }).count()).toBe(0);

    const row = await a.database.owner.query<{ status: string }>('SELECT status FROM appointments WHERE id = $1', [appointmentId]);
    expect(row.rows[0]?.status).toBe('completed');
  }, 90_000);
});
