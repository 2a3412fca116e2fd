// In a real browser with Chromium's fake camera and microphone: the device check, the waiting room, admitting, and
// calls whose decoded frames are read from WebRTC statistics on every side; an interpreter; sound only;
// a cancelled appointment emptying the waiting room; links that are not the patient's or have expired.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser as Chromium, Page } from 'playwright-core';
import { Browser, startTestServer, type TestServer } from '../test/server.ts';
import { accessibilityViolations } from './browser.ts';
import { demoPerson } from '../test/people.ts';
import { signLink } from '../src/server/video/domain.ts';
import { admit, clinicianIn as clinicianInRoom, logIn as logInAs, patientWaiting as patientInRoom, videoAppointment } from './video-pages.ts';
import { launchVideoChromium, pollUntil, refuseCamera, selectedPairs, startCoturn, videoPages, waitForInbound, type Coturn } from './video-helpers.ts';

const LINK_SECRET = 'e2e-video-link-secret-of-at-least-32-characters';

describe('video consultation in the browser', () => {
  let server: TestServer;
  let chromium: Chromium;
  let coturn: Coturn;
  let seq = 0;
  const pages = videoPages(() => chromium);
  const page = pages.page;

  beforeAll(async () => {
    coturn = await startCoturn();
    server = await startTestServer({ RATE_LIMIT_PER_MINUTE: '100000', VIDEO_LINK_SECRET: LINK_SECRET, TURN_URLS: coturn.url, TURN_SECRET: coturn.secret, TURN_TTL_SECONDS: '600' });
    chromium = await launchVideoChromium();
  }, 60_000);
  afterEach(() => pages.closeAll());
  afterAll(async () => {
    await chromium?.close();
    await server?.stop();
    await coturn?.stop();
  });

  /** A video appointment with Lise Berg a few minutes from now, each test its own time. */
  const appointmentFor = (patient: string) => videoAppointment(server.database.owner, patient, 2 + 6 * seq++);

  const logIn = (p: Page, name: string) => logInAs(p, server.url, name);
  const clinicianIn = async (appointmentId: string) => clinicianInRoom(await page(), server.url, appointmentId);
  const patientWaiting = (p: Page, name: string, loggedIn = false, appointmentId?: string) => patientInRoom(p, server.url, name, { loggedIn, appointmentId });

  it('the patient checks the devices, waits, is let in, and both sides decode the other\'s video', async () => {
    const appointmentId = await appointmentFor('Ola Hansen');
    const ola = await page();
    await logIn(ola, 'Ola Hansen');
    await ola.goto(`${server.url}/video/test`);
    await ola.getByRole('button', { name: 'Gi tilgang til kamera og mikrofon' }).click();
    await ola.getByLabel('Bildet fra kameraet ditt').waitFor();
    await ola.getByRole('button', { name: 'Test forbindelsen' }).click();
    await ola.getByText('Samtalen kan gå gjennom vår mellomtjener (TURN), så den virker også på strenge nettverk.').waitFor();
    await patientWaiting(ola, 'Ola Hansen', true);
    const lise = await clinicianIn(appointmentId);
    await admit(lise, /Ola Hansen \(pasient\)/);
    await ola.getByText('Alle som er til stede skal presentere seg, også de som er i rommet uten å synes på kamera.').waitFor();
    await ola.getByText('Ingen opptak: lyd og bilde lagres ikke.').waitFor();
    await Promise.all([waitForInbound(ola, 'video'), waitForInbound(lise, 'video')]);
    await lise.getByLabel('Ola Hansen (pasient)').waitFor();
  }, 90_000);

  it('the same call goes through the TURN relay when nothing else is allowed (iceTransportPolicy relay)', async () => {
    const appointmentId = await appointmentFor('Ola Hansen');
    const ola = await page({ relay: true });
    await patientWaiting(ola, 'Ola Hansen', false, appointmentId);
    const lise = await clinicianIn(appointmentId);
    await admit(lise, /Ola Hansen \(pasient\)/);
    await Promise.all([waitForInbound(ola, 'video'), waitForInbound(lise, 'video')]);
    // The patient's page may only use relay candidates: its connected call runs through coturn (polled, since a
    // loaded machine can make ICE restart once).
    const pairs = await pollUntil(() => selectedPairs(ola), (p) => p.length > 0 && p.every((x) => x.startsWith('relay/')), 20_000, (p) => `selected pairs: ${JSON.stringify(p)}`);
    expect(pairs.length).toBeGreaterThan(0);
    expect((await selectedPairs(ola)).every((p) => p.startsWith('relay/'))).toBe(true);
  }, 90_000);

  it('an interpreter invited by link waits, is let in, and is seen by both', async () => {
    const appointmentId = await appointmentFor('Ingrid Solberg');
    const ingrid = await page();
    await patientWaiting(ingrid, 'Ingrid Solberg');
    const lise = await clinicianIn(appointmentId);
    await admit(lise, /Ingrid Solberg \(pasient\)/);
    await Promise.all([waitForInbound(ingrid, 'video'), waitForInbound(lise, 'video')]);

    await lise.getByLabel('Navn', { exact: true }).fill('Amir Tolk');
    await lise.getByRole('button', { name: 'Lag lenke' }).click();
    const url = await lise.getByLabel('Engangslenke for Amir Tolk').inputValue();
    expect(url).toMatch(/\/video\/guest#/);

    const amir = await page();
    await amir.goto(url);
    await amir.getByText('Behandleren er varslet om at du er her.').waitFor();
    await amir.getByRole('button', { name: 'Gi tilgang til kamera og mikrofon' }).click();
    await admit(lise, /Amir Tolk \(tolk\)/);
    await waitForInbound(amir, 'video', 2);
    await Promise.all([waitForInbound(ingrid, 'video', 2), waitForInbound(lise, 'video', 2)]);
  }, 90_000);

  it('the clinician ends the call and is taken to write its journal note, with the call\'s chat offered for copying', async () => {
    const appointmentId = await appointmentFor('Ingrid Solberg');
    const ingrid = await page();
    await patientWaiting(ingrid, 'Ingrid Solberg', false, appointmentId);
    const lise = await clinicianIn(appointmentId);
    await admit(lise, /Ingrid Solberg \(pasient\)/);
    await Promise.all([waitForInbound(ingrid, 'video'), waitForInbound(lise, 'video')]);
    await ingrid.getByLabel('Melding', { exact: true }).fill('Utslettet klør mest om kvelden');
    await ingrid.getByRole('button', { name: 'Send', exact: true }).click();
    await lise.getByText('Utslettet klør mest om kvelden').waitFor();

    await lise.getByRole('button', { name: 'Avslutt videotimen' }).click();
    await lise.waitForURL(new RegExp(`/ansatt/timer/${appointmentId}/journal$`));
    await lise.getByRole('button', { name: /Sett inn chatten fra samtalen/ }).click();
    const note = lise.getByLabel('Notat', { exact: true });
    expect(await note.inputValue()).toContain('Utslettet klør mest om kvelden');
    await note.fill(`${await note.inputValue()}\nRåd: fuktighetskrem morgen og kveld.`);
    await lise.getByRole('button', { name: 'Lagre journalnotatet' }).click();
    await lise.getByRole('heading', { name: 'Videokonsultasjon' }).waitFor();
    expect(await accessibilityViolations(lise)).toEqual([]);
    const rows = (await server.database.owner.query(`SELECT n.title, n.body, a.status FROM journal_notes n JOIN appointments a ON a.id = n.source_id WHERE n.source_kind = 'appointment' AND n.source_id = $1`, [appointmentId])).rows;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ title: 'Videokonsultasjon', status: 'completed' });
    expect(rows[0].body).toContain('fuktighetskrem');

    // A correction is a new version; the patient reads both in their journal.
    await lise.getByRole('button', { name: 'Rett notatet' }).click();
    const corrected = lise.getByLabel('Notat', { exact: true });
    await corrected.fill(`${await corrected.inputValue()} Kontroll om to uker.`);
    await lise.getByRole('button', { name: 'Lagre rettelsen' }).click();
    await lise.getByText(/\(versjon 2\)/).waitFor();
    await ingrid.goto(`${server.url}/min-side/journal`);
    await ingrid.getByRole('heading', { name: 'Videokonsultasjon' }).waitFor();
    await ingrid.getByText(/Kontroll om to uker\./).waitFor();
    await ingrid.getByText('Tidligere versjoner (1)').click();
    expect(await ingrid.getByText(/fuktighetskrem/).count()).toBe(2);
    expect(await accessibilityViolations(ingrid)).toEqual([]);
  }, 120_000);

  it('the clinician\'s day list announces each patient arriving in the waiting room, without reloading', async () => {
    const appointmentId = await appointmentFor('Ola Hansen');
    const lise = await page();
    await logInAs(lise, server.url, 'Lise Berg', 'staff');
    await lise.goto(`${server.url}/ansatt/dagsliste`);
    await lise.getByRole('heading', { name: 'Dagsliste' }).first().waitFor();
    const ola = await page();
    await patientWaiting(ola, 'Ola Hansen', false, appointmentId);
    // The summary does not depend on the day shown (a test near midnight may book into tomorrow).
    await lise.getByRole('status').filter({ hasText: '1 venter i videorommet nå: Ola Hansen.' }).waitFor();
    expect(await accessibilityViolations(lise)).toEqual([]);
  }, 60_000);

  it('a patient whose camera is refused joins with sound only and the clinician receives the sound', async () => {
    const appointmentId = await appointmentFor('Ola Hansen');
    const anna = await page({ camera: false });
    await refuseCamera(anna, server.url);
    await logIn(anna, 'Ola Hansen');
    await anna.goto(`${server.url}/video/join?time=${appointmentId}`);
    await anna.getByText('Behandleren er varslet om at du er her.').waitFor();
    await anna.getByRole('button', { name: 'Gi tilgang til kamera og mikrofon' }).click();
    await anna.getByText(/Du blir med bare med lyd/).waitFor();
    const lise = await clinicianIn(appointmentId);
    await admit(lise, /Ola Hansen \(pasient\)/);
    await anna.getByText('Du er med bare med lyd.').waitFor();
    await waitForInbound(lise, 'audio');
  }, 90_000);

  it('cancelling the appointment empties the waiting room and tells the patient', async () => {
    const appointmentId = await appointmentFor('Ingrid Solberg');
    const kari = await page();
    await patientWaiting(kari, 'Ingrid Solberg', false, appointmentId);
    const staff = new Browser(server.url);
    const lise = await demoPerson(server.database.owner, 'Lise Berg');
    await staff.login(lise.nationalId, 'staff', { hpr: lise.hpr! });
    expect((await staff.fetch(`/api/appointments/${appointmentId}/cancel`, { method: 'POST' })).status).toBe(200);
    await kari.getByText('Timen er avlyst. Du har gått ut av venterommet.').waitFor();
    expect(await kari.getByRole('button', { name: 'Gi tilgang til kamera og mikrofon' }).count()).toBe(0);
  }, 60_000);

  it('another patient\'s link and an expired link give a clear message and no call', async () => {
    const appointmentId = await appointmentFor('Ola Hansen');
    const owner = new Browser(server.url);
    const ola = await demoPerson(server.database.owner, 'Ola Hansen');
    await owner.login(ola.nationalId);
    const link = (await (await owner.fetch(`/api/video/appointments/${appointmentId}/link`)).json()) as { token: string };

    const ingrid = await page();
    await logIn(ingrid, 'Ingrid Solberg');
    await ingrid.goto(`${server.url}/video/join#${link.token}`);
    await ingrid.getByRole('alert').filter({ hasText: /lenke|Lenke/ }).waitFor();
    expect(await ingrid.getByText('Behandleren er varslet om at du er her.').count()).toBe(0);

    const expired = signLink(LINK_SECRET, { appointmentId, role: 'patient', personId: ola.id, version: 1, expiresAt: new Date(Date.now() - 60_000) });
    const olaPage = await page();
    await logIn(olaPage, 'Ola Hansen');
    await olaPage.goto(`${server.url}/video/join#${expired}`);
    await olaPage.getByText('Videolenken er ugyldig eller utløpt. Åpne timen på Min side for å få en ny lenke.').waitFor();
    expect(await olaPage.evaluate(() => (window as unknown as { __pcs?: unknown[] }).__pcs?.length ?? 0)).toBe(0);
  }, 60_000);
});
