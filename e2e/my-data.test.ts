// In a real browser: Ola asks for all his data on "Mine data", sees it being built and then ready, downloads the PDF
// and opens it (its text read back), and the page then says the PDF has been downloaded. Axe, phone width.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { pdfText } from '../test/pdf-text.ts';
import { accessibilityViolations } from './browser.ts';
import { PHONE, useE2e } from './harness.ts';

describe('download my data, in the browser', () => {
  const e2e = useE2e();

  it('Ola downloads his data as a PDF once', async () => {
    const page = await e2e.newPage(PHONE);
    await e2e.logIn(page, 'Ola Hansen');
    await page.getByRole('link', { name: 'Last ned mine data' }).click();
    await page.getByRole('heading', { name: 'Mine data', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Be om dataene mine' }).click();
    await page.getByText(/^Klare\. Lastes ned innen /).waitFor({ timeout: 30_000 });
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Last ned som PDF' }).click()]);
    const text = pdfText(await readFile((await download.path())!));
    expect(text).toContain('Dine data');
    expect(text).toContain('Om deg (1)');
    expect(text).toContain('Ola Hansen');
    await page.getByText('PDF-en er lastet ned.').waitFor();
    await page.getByRole('link', { name: 'Last ned som JSON' }).waitFor();
    await page.context().close();
  }, 60_000);
});

describe('delete my account, in the browser', () => {
  const e2e = useE2e();

  it('Amir reads what goes and what stays, confirms, and his account is deleted and he is logged out', async () => {
    const page = await e2e.newPage(PHONE);
    await e2e.logIn(page, 'Amir Haddad');
    await page.getByRole('link', { name: 'Slett kontoen min' }).click();
    await page.getByRole('heading', { name: 'Slett kontoen min', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Dette slettes' }).waitFor();
    await page.getByText('Journalen, timer, e-konsultasjoner, resepter og vaksiner').waitFor();
    const remove = page.getByRole('button', { name: 'Slett kontoen min' });
    expect(await remove.isDisabled()).toBe(true);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('checkbox', { name: /Jeg forstår hva som slettes/ }).check();
    await remove.click();
    await page.getByText('Kontoen din er slettet, og du er logget ut.').waitFor();
    const row = await e2e.server.database.owner.query(`SELECT phone, account_deleted_at IS NOT NULL AS deleted FROM persons WHERE name = 'Amir Haddad'`);
    expect(row.rows).toEqual([{ phone: null, deleted: true }]);
    await page.goto(`${e2e.server.url}/min-side`);
    await page.getByRole('link', { name: 'Logg inn', exact: true }).first().waitFor();
    await page.context().close();
  });
});
