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
  });
});
