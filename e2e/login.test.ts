// In a real browser: a patient and a staff member log in through the real OIDC redirect flow; axe checks the pages.
import { describe, expect, it } from 'vitest';
import { accessibilityViolations } from './browser.ts';
import { DESKTOP, PHONE, useE2e } from './harness.ts';

describe('logging in with the browser', () => {
  const e2e = useE2e();
  const newPage = e2e.newPage;

  it('the start page has no serious accessibility violations, on a phone and on a desktop, and no horizontal scroll', async () => {
    for (const viewport of [PHONE, DESKTOP]) {
      const page = await newPage(viewport);
      await page.goto(e2e.server.url);
      await expect.poll(() => page.getByRole('link', { name: 'Logg inn', exact: true }).count(), { timeout: 15_000 }).toBe(1);
      expect(await accessibilityViolations(page)).toEqual([]);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.context().close();
    }
  });

  it('a refused staff login is explained on the start page', async () => {
    const page = await newPage();
    await page.goto(`${e2e.server.url}/?login=not-staff`);
    await page.getByRole('alert').filter({ hasText: 'ikke registrert som ansatt' }).waitFor();
    await page.context().close();
  });

  it('a patient logs in, sees Min side, acts for a child, and logs out', async () => {
    const page = await newPage(PHONE);
    await page.goto(e2e.server.url);
    await page.getByRole('link', { name: 'Logg inn', exact: true }).click();
    await page.waitForURL(/\/dev-idp\/interaction\//);
    expect(await page.getByRole('note').textContent()).toContain('TESTMILJØ');
    await page.getByRole('button', { name: /Kari Nordmann/ }).click();

    await page.waitForURL(/\/min-side$/);
    await page.getByRole('heading', { name: 'Min side', level: 1 }).waitFor();
    await page.getByText('Lise Berg').first().waitFor();
    await page.getByText('Fjordbyen legekontor').first().waitFor();
    await page.screenshot({ path: '.tmp-screens/min-side-phone.png', fullPage: true });
    const body = await page.locator('body').innerText();
    expect(body).not.toMatch(/\d{11}/);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.setViewportSize(DESKTOP);
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByRole('button', { name: /Handle på vegne av Emma/ }).click();
    await page.getByText(/Du handler på vegne av Emma Nordmann/).first().waitFor();
    await page.reload();
    await page.getByText(/Du handler på vegne av Emma Nordmann/).first().waitFor();

    await page.getByRole('button', { name: 'Logg ut' }).click();
    await page.getByRole('link', { name: 'Logg inn', exact: true }).waitFor();
    const session = await page.evaluate(() => fetch('/api/session').then((r) => r.json()));
    expect(session.authenticated).toBe(false);
    await page.context().close();
  });

  it('a clinician logs in as staff and lands on the clinic\'s staff page', async () => {
    const page = await newPage();
    await page.goto(e2e.server.url);
    await page.getByRole('link', { name: 'Logg inn som helsepersonell' }).click();
    await page.waitForURL(/\/dev-idp\/interaction\//);
    await page.getByRole('button', { name: /Lise Berg/ }).click();
    await page.waitForURL(/\/ansatt$/);
    await page.getByRole('heading', { name: /Fjordbyen legekontor/, level: 1 }).waitFor();
    await page.getByText('1000001').first().waitFor();
    await page.screenshot({ path: '.tmp-screens/staff.png', fullPage: true });
    await page.getByRole('link', { name: /Ola Hansen/ }).click();
    await page.getByRole('heading', { name: /Ola Hansen/ }).waitFor();
    await page.getByRole('button', { name: 'Logg ut' }).click();
    await page.getByRole('link', { name: 'Logg inn', exact: true }).waitFor();
    await page.context().close();
  });

  it('the language can be switched to English, Swedish and nynorsk', async () => {
    const page = await newPage();
    await page.goto(e2e.server.url);
    const select = page.getByLabel(/Språk|Language|Språk/).first();
    await select.selectOption('en');
    await page.getByRole('link', { name: 'Log in', exact: true }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await select.selectOption('sv');
    await page.getByRole('link', { name: 'Logga in', exact: true }).waitFor();
    await select.selectOption('nn');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('nn');
    await page.context().close();
  });
});
