// In a real browser: Ola sees his GP, finds Nora Lien in Oslo (her list is full), chooses her and is put on her waiting
// list with a number, which "Fastlegen din" then shows too; Kari moves up that list live when Ingrid leaves it; Amir
// switches office and asks for his journal, which Fjordbyen's reception marks sent; the clinic admin sees the office's
// lists with their size and ceiling and raises one. Phone width, axe, no page scroll.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { accessibilityViolations } from './browser.ts';
import { PHONE, useE2e } from './harness.ts';

const noPageScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** Chooses the GP on /fastlege/bytt (searching Oslo) and returns the outcome the page tells, which takes the focus. */
async function chooseGp(page: Page, url: string, name: string): Promise<string> {
  await page.goto(`${url}/fastlege/bytt`);
  await page.getByRole('combobox', { name: 'Kommune' }).selectOption({ label: 'Oslo' });
  await page.getByRole('button', { name: 'Søk', exact: true }).click();
  const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name, level: 3 }) });
  await card.getByRole('button', { name: `Velg ${name}` }).click();
  await card.getByRole('button', { name: 'Bytt fastlege', exact: true }).click();
  const told = page.locator('h2:focus');
  await told.waitFor();
  return (await told.textContent()) ?? '';
}

/** Chooses Nora Lien (full list) and returns the waiting-list position the page tells. */
async function joinNoraLien(page: Page, url: string): Promise<number> {
  const told = await chooseGp(page, url, 'Nora Lien');
  expect(told).toMatch(/^Listen er full\. Du står som nummer \d+ på ventelisten\.$/);
  return Number(/nummer (\d+)/.exec(told)?.[1]);
}

describe('the GP list, in the browser', () => {
  const e2e = useE2e();

  it('Ola sees his GP, chooses a GP whose list is full and sees his place on the waiting list', async () => {
    const page = await e2e.newPage(PHONE);
    await e2e.logIn(page, 'Ola Hansen');
    await page.getByRole('link', { name: 'Mer om fastlegen og bytte' }).click();
    await page.waitForURL(/\/fastlege$/);
    await page.getByRole('heading', { name: 'Fastlegen din', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Per Olsen', level: 2 }).waitFor();
    await page.getByText('Fjordbyen legekontor', { exact: true }).first().waitFor();
    await page.getByText(/^Du har [0-2] av 2 bytter igjen i \d{4}\.$/).waitFor();
    await page.getByText('Du står ikke på ventelisten til noen fastlege.').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(await noPageScroll(page)).toBeLessThanOrEqual(0);

    await page.getByRole('link', { name: 'Bytt fastlege' }).click();
    await page.waitForURL(/\/fastlege\/bytt$/);
    await page.getByRole('heading', { name: 'Finn og bytt fastlege', level: 1 }).waitFor();
    // The first search has no filters and finds every GP, Per Olsen too.
    await page.getByRole('heading', { name: 'Per Olsen', level: 3 }).waitFor();
    await page.getByRole('combobox', { name: 'Kommune' }).selectOption({ label: 'Oslo' });
    await page.getByRole('button', { name: 'Søk', exact: true }).click();
    await page.getByRole('heading', { name: 'Per Olsen', level: 3 }).waitFor({ state: 'detached' });
    const nora = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Nora Lien', level: 3 }) });
    await nora.getByText('Elvebakken legesenter', { exact: true }).waitFor();
    await nora.getByText(/^Full liste – \d+ på venteliste$/).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(await noPageScroll(page)).toBeLessThanOrEqual(0);

    // "Avbryt" closes the confirmation and gives the focus back to the button that opened it.
    const choose = nora.getByRole('button', { name: 'Velg Nora Lien' });
    await choose.click();
    await nora.getByRole('button', { name: 'Avbryt' }).click();
    await expect.poll(() => choose.evaluate((el) => el === document.activeElement)).toBe(true);
    await choose.click();
    await nora.getByText(/^Listen til Nora Lien er full\. Valget gir plass på ventelisten, som nummer \d+/).waitFor();
    await nora.getByRole('textbox', { name: /Grunn til byttet/ }).fill('Jeg har flyttet til Oslo.');
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(await noPageScroll(page)).toBeLessThanOrEqual(0);
    await nora.getByRole('button', { name: 'Bytt fastlege', exact: true }).click();

    const told = page.getByRole('heading', { name: /^Listen er full\. Du står som nummer \d+ på ventelisten\.$/ });
    await told.waitFor();
    // The outcome takes the focus, so a screen reader says it at once.
    await expect.poll(() => told.evaluate((el) => el === document.activeElement)).toBe(true);
    const position = /nummer (\d+)/.exec((await told.textContent()) ?? '')?.[1];
    expect(Number(position)).toBeGreaterThan(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(await noPageScroll(page)).toBeLessThanOrEqual(0);

    await page.getByRole('link', { name: 'Se fastlegen din' }).click();
    await page.waitForURL(/\/fastlege$/);
    await page.getByText(`Du står som nummer ${position} på ventelisten til Nora Lien ved Elvebakken legesenter.`, { exact: true }).waitFor();
    // Still Per Olsen's patient until a place on Nora Lien's list is free.
    await page.getByRole('heading', { name: 'Per Olsen', level: 2 }).waitFor();
    await page.getByRole('button', { name: 'Forlat ventelisten' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(await noPageScroll(page)).toBeLessThanOrEqual(0);
    await page.context().close();
  });

  it('Kari moves up the waiting list live when Ingrid, ahead of her, leaves it', async () => {
    const ingrid = await e2e.newPage(PHONE);
    await e2e.logIn(ingrid, 'Ingrid Solberg');
    const kari = await e2e.newPage(PHONE);
    await e2e.logIn(kari, 'Kari Nordmann');
    const ahead = await joinNoraLien(ingrid, e2e.server.url);
    // Kari's children under 16 may move along; she leaves them where they are.
    const position = await joinNoraLien(kari, e2e.server.url);
    expect(position).toBe(ahead + 1);

    await kari.goto(`${e2e.server.url}/fastlege`);
    const sentence = (n: number) => `Du står som nummer ${n} på ventelisten til Nora Lien ved Elvebakken legesenter.`;
    await kari.getByText(sentence(position), { exact: true }).waitFor();
    await ingrid.goto(`${e2e.server.url}/fastlege`);
    await ingrid.getByRole('button', { name: 'Forlat ventelisten' }).click();
    await ingrid.getByText('Plassen på ventelisten til Nora Lien er sagt opp.').waitFor();
    await ingrid.getByText('Du står ikke på ventelisten til noen fastlege.').waitFor();
    // No reload: the socket brings Kari's new position, read out from the live region that holds the sentence.
    const region = kari.locator('[aria-live="polite"]').filter({ hasText: sentence(position - 1) });
    await region.waitFor();
    expect(await accessibilityViolations(kari)).toEqual([]);
    await ingrid.context().close();
    await kari.context().close();
  });

  it('Amir switches to a GP at another office and asks for his journal; Fjordbyen’s reception marks it sent', async () => {
    const amir = await e2e.newPage(PHONE);
    await e2e.logIn(amir, 'Amir Haddad');
    expect(await chooseGp(amir, e2e.server.url, 'Sander Bakke')).toBe('Du har fått Sander Bakke som fastlege.');
    await amir.getByRole('link', { name: 'Se fastlegen din' }).click();
    await amir.getByRole('heading', { name: 'Sander Bakke', level: 2 }).waitFor();
    await amir.getByRole('button', { name: 'Be om at journalen sendes til det nye legekontoret' }).click();
    await amir.getByText('Vi har bedt Fjordbyen legekontor om å sende journalen til Elvebakken legesenter.').waitFor();
    await amir.getByText('Fra Fjordbyen legekontor til Elvebakken legesenter').waitFor();
    await amir.getByText('Bedt om', { exact: true }).waitFor();
    expect(await accessibilityViolations(amir)).toEqual([]);

    const tone = await e2e.newPage(PHONE);
    await e2e.logIn(tone, 'Tone Ås', 'staff');
    await tone.getByRole('link', { name: 'Journaloverføringer' }).click();
    await tone.waitForURL(/\/ansatt\/journaloverforing$/);
    const outgoing = tone.getByRole('region', { name: 'Journaler som skal sendes herfra' });
    const row = outgoing.getByRole('row').filter({ has: tone.getByRole('rowheader', { name: 'Amir Haddad' }) });
    await row.getByRole('cell', { name: 'Fra Fjordbyen legekontor til Elvebakken legesenter' }).waitFor();
    expect(await accessibilityViolations(tone)).toEqual([]);
    expect(await noPageScroll(tone)).toBeLessThanOrEqual(0);
    await row.getByRole('button', { name: 'Marker som sendt' }).click();
    await tone.getByText('Journalen til Amir Haddad er markert som sendt til Elvebakken legesenter.').waitFor();
    await row.getByText(/^Sendt /).waitFor();
    expect(await row.getByRole('button', { name: 'Marker som sendt' }).count()).toBe(0);

    await amir.reload();
    await amir.getByText('Sendt', { exact: true }).waitFor();
    await amir.context().close();
    await tone.context().close();
  });

  it('Per Olsen, clinic admin, sees the office’s GP lists with their size and ceiling', async () => {
    const o = e2e.server.database.owner;
    const lists = (
      await o.query(
        `SELECT p.name, l.ceiling, (SELECT count(*)::int FROM gp_list_entries e WHERE e.practitioner_id = l.practitioner_id) AS size
           FROM gp_lists l JOIN practitioners pr ON pr.id = l.practitioner_id JOIN persons p ON p.id = pr.person_id
           JOIN clinics c ON c.id = l.clinic_id WHERE c.name = 'Fjordbyen legekontor' ORDER BY p.name`,
      )
    ).rows as Array<{ name: string; ceiling: number; size: number }>;
    expect(lists.map((l) => l.name)).toEqual(expect.arrayContaining(['Lise Berg', 'Per Olsen']));

    const page = await e2e.newPage(PHONE);
    await e2e.logIn(page, 'Per Olsen', 'staff');
    await page.getByRole('link', { name: 'Fastlegelister' }).click();
    await page.waitForURL(/\/ansatt\/fastlegeliste$/);
    await page.getByRole('heading', { name: 'Fastlegelister', level: 1 }).waitFor();
    const number = (n: number) => new Intl.NumberFormat('nb-NO').format(n);
    for (const list of lists) {
      const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: list.name }) });
      const cells = row.getByRole('cell');
      await cells.first().waitFor();
      expect(await cells.allTextContents()).toEqual([number(list.size), number(list.ceiling), expect.stringMatching(/^\d+$/)]);
    }
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(await noPageScroll(page)).toBeLessThanOrEqual(0);

    // The ceiling is checked in words before it is sent, then the answer is said.
    const per = page.getByRole('region', { name: 'Listen til Per Olsen' });
    const ceiling = per.getByRole('textbox', { name: 'Listetak' });
    await ceiling.fill('mange');
    await per.getByRole('button', { name: 'Lagre listetak' }).click();
    await per.getByText('Skriv listetaket som et helt tall, 0 eller mer.').waitFor();
    await expect.poll(() => ceiling.evaluate((el) => el === document.activeElement)).toBe(true);
    const raised = lists.find((l) => l.name === 'Per Olsen')!.ceiling + 10;
    await ceiling.fill(String(raised));
    await per.getByRole('button', { name: 'Lagre listetak' }).click();
    await per.getByText(`Listetaket er ${number(raised)}.`, { exact: true }).waitFor();
    const perRow = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Per Olsen' }) });
    await perRow.getByRole('cell', { name: number(raised), exact: true }).waitFor();

    await per.getByRole('button', { name: 'Vis liste' }).click();
    await per.getByRole('heading', { name: /^Pasienter på listen \(\d+\)$/ }).waitFor();
    await per.getByRole('heading', { name: /^Venteliste \(\d+\)$/ }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(await noPageScroll(page)).toBeLessThanOrEqual(0);

    // Lise Berg leaves: asked once more, then her list closes and everyone on it is given an extra switch.
    const lise = page.getByRole('region', { name: 'Listen til Lise Berg' });
    await lise.getByRole('button', { name: 'Fastlegen slutter' }).click();
    await lise.getByText(/^Lukke listen til Lise Berg\?/).waitFor();
    await lise.getByRole('button', { name: 'Ja, lukk listen' }).click();
    await lise.getByText(/^Listen til Lise Berg er lukket\. \d+ pasienter har fått et ekstra bytte og et varsel\.$/).waitFor();

    expect((await o.query(`SELECT l.status FROM gp_lists l JOIN practitioners pr ON pr.id = l.practitioner_id JOIN persons p ON p.id = pr.person_id WHERE p.name = 'Lise Berg'`)).rows).toEqual([{ status: 'quit' }]);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.context().close();
  });
});
