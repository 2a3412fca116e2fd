// In a real browser: two patients queue for drop-in at Nordlys and follow their places live; a clinician takes the next one.
import { describe, expect, it } from 'vitest';
import type { Page, WebSocketRoute } from 'playwright-core';
import { accessibilityViolations } from './browser.ts';
import { PHONE, useE2e } from './harness.ts';

describe('drop-in in the browser', () => {
  const e2e = useE2e();
  const newPage = e2e.newPage;

  const logIn = e2e.logIn;

  async function joinQueue(page: Page, visitType: 'Video' | 'Telefon'): Promise<void> {
    await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Drop-in' }).click();
    await page.getByRole('heading', { name: 'Drop-in', level: 1 }).waitFor();
    await page.getByText('Køen gjelder Nordlys nettklinikk.').waitFor();
    await page.getByRole('radio', { name: visitType }).check();
    await page.getByRole('button', { name: 'Still meg i kø' }).click();
  }

  /** A flag that only survives as long as the page is not reloaded. */
  const markPage = (page: Page) => page.evaluate(() => Object.assign(window, { notReloaded: true }));
  const stillSamePage = (page: Page) => page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded === true);

  it('Ingrid moves up live when Ola leaves, and is told it is her turn when Anna takes her', async () => {
    const ola = await newPage();
    await logIn(ola, 'Ola Hansen', 'patient');
    await joinQueue(ola, 'Video');
    await ola.getByRole('heading', { name: 'Du er nummer 1 i køen', level: 2 }).waitFor();
    await ola.getByText('Beregnet ventetid: ca. 15 min').waitFor();

    const ingrid = await newPage(PHONE);
    await logIn(ingrid, 'Ingrid Solberg', 'patient');
    await joinQueue(ingrid, 'Telefon');
    await ingrid.getByRole('heading', { name: 'Du er nummer 2 i køen' }).waitFor();
    await ingrid.getByText('Beregnet ventetid: ca. 30 min').waitFor();
    await markPage(ingrid);
    // The place is announced politely from a live region that holds only the sentence.
    const region = ingrid.locator('[aria-live="polite"]').filter({ has: ingrid.getByRole('heading', { name: /i køen$/ }) });
    expect(await region.count()).toBe(1);

    await ola.getByRole('button', { name: 'Forlat køen' }).click();
    await ola.getByRole('heading', { name: 'Du har forlatt køen' }).waitFor();
    expect(await ola.getByRole('button', { name: 'Forlat køen' }).count()).toBe(0);

    await ingrid.getByRole('heading', { name: 'Du er nummer 1 i køen' }).waitFor();
    await ingrid.getByText('Beregnet ventetid: ca. 15 min').waitFor();
    expect(await stillSamePage(ingrid)).toBe(true);

    const anna = await newPage();
    await logIn(anna, 'Anna Lindqvist', 'staff');
    await anna.getByRole('link', { name: 'Drop-in' }).click();
    await anna.getByRole('heading', { name: 'Drop-in-kø', level: 1 }).waitFor();
    const waiting = anna.getByRole('listitem').filter({ hasText: 'Ingrid Solberg' });
    await waiting.waitFor();
    expect(await waiting.innerText()).toContain('Telefon');
    await anna.getByText('1 pasient venter.').waitFor();
    await anna.getByRole('button', { name: 'Ta neste pasient' }).click();
    await anna.getByRole('heading', { name: 'Du har tatt Ingrid Solberg' }).waitFor();
    await anna.getByText('Ring pasienten nå.').waitFor();
    // The list follows without a reload.
    await anna.getByText('Ingen venter i køen.').first().waitFor();

    await ingrid.getByRole('heading', { name: 'Det er din tur: Anna Lindqvist tar kontakt nå' }).waitFor();
    await ingrid.getByText('Behandleren ringer deg nå. Ha telefonen klar.').waitFor();
    expect(await stillSamePage(ingrid)).toBe(true);

    // Nobody is left: the refusal is the server's own words.
    await anna.getByRole('button', { name: 'Ta neste pasient' }).click();
    await expect.poll(() => anna.getByText('Ingen venter i køen.', { exact: true }).count(), { timeout: 15_000 }).toBe(2);
    expect(await anna.getByText('Du har tatt Ingrid Solberg').count()).toBe(0);
    for (const page of [ola, ingrid, anna]) await page.context().close();
  });

  it('says it is not live while the socket is down, and catches up when it is back', async () => {
    const page = await newPage(PHONE);
    let accept = true;
    let socket: WebSocketRoute | undefined;
    await page.routeWebSocket(/\/api\/live$/, (ws) => {
      socket = ws;
      if (accept) ws.connectToServer();
      else void ws.close();
    });
    await logIn(page, 'Ola Hansen', 'patient');
    await joinQueue(page, 'Video');
    await page.getByRole('heading', { name: 'Du er nummer 1 i køen' }).waitFor();
    const notice = page.getByRole('status').filter({ hasText: 'Ikke live – prøver å koble til igjen' });
    expect(await notice.count()).toBe(0);

    accept = false;
    await socket!.close();
    await notice.waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);

    // Meanwhile Ola's place changes elsewhere (another tab): the page catches up once the socket is back.
    const left = await page.evaluate(async (url) => {
      const session = await fetch('/api/session').then((r) => r.json());
      const clinics = await fetch('/api/clinics').then((r) => r.json());
      const nordlys = clinics.clinics.find((c: { name: string }) => c.name === 'Nordlys nettklinikk').id;
      const r = await fetch(`${url}/api/dropin/${nordlys}/me`, { method: 'DELETE', headers: { 'X-CSRF-Token': session.csrfToken } });
      return r.status;
    }, e2e.server.url);
    expect(left).toBe(200);
    accept = true;
    await page.getByRole('heading', { name: 'Du har forlatt køen' }).waitFor({ timeout: 15_000 });
    await expect.poll(() => notice.count(), { timeout: 10_000 }).toBe(0);
    await page.context().close();
  });

  it('the drop-in pages have no serious accessibility violations on a 360 px phone, and no horizontal scroll', async () => {
    const noOverflow = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    const page = await newPage(PHONE);
    await logIn(page, 'Kari Nordmann', 'patient');
    await page.goto(`${e2e.server.url}/drop-in`);
    await page.getByRole('button', { name: 'Still meg i kø' }).waitFor();
    // Kari may queue for herself or a child.
    await page.getByRole('radio', { name: 'Emma Nordmann' }).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
    expect(await accessibilityViolations(page)).toEqual([]);
    await noOverflow(page);

    await page.getByRole('radio', { name: 'Emma Nordmann' }).check();
    await page.getByRole('button', { name: 'Still meg i kø' }).click();
    await page.getByRole('heading', { name: 'Du er nummer 1 i køen' }).waitFor();
    expect(await page.getByRole('main').innerText()).toContain('Emma Nordmann');
    expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
    expect(await accessibilityViolations(page)).toEqual([]);
    await noOverflow(page);
    await page.screenshot({ path: '.tmp-screens/dropin-phone.png', fullPage: true });

    // A reload comes back to the same place.
    await page.goto(`${e2e.server.url}/drop-in`);
    await page.getByRole('heading', { name: 'Du er nummer 1 i køen' }).waitFor();

    const staff = await newPage(PHONE);
    await logIn(staff, 'Anna Lindqvist', 'staff');
    await staff.goto(`${e2e.server.url}/ansatt/drop-in`);
    await staff.getByRole('listitem').filter({ hasText: 'Emma Nordmann' }).waitFor();
    expect(await staff.getByRole('heading', { level: 1 }).count()).toBe(1);
    expect(await accessibilityViolations(staff)).toEqual([]);
    await noOverflow(staff);
    await staff.screenshot({ path: '.tmp-screens/dropin-staff-phone.png', fullPage: true });
    for (const p of [page, staff]) await p.context().close();
  });
});
