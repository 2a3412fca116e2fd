// In a real browser: Ingrid says her visit is a pregnancy check-up when booking and is told before booking that it is
// free; reception sees the kind on the day list and corrects it, and is told what the visit costs now. Phone width, axe.
import { describe, expect, it } from 'vitest';
import { accessibilityViolations } from './browser.ts';
import { PHONE, useE2e } from './harness.ts';

describe('the kind of care a visit is, in the browser', () => {
  const e2e = useE2e();

  it('a pregnancy check-up is free before booking; reception sees it on the day list and corrects it', async () => {
    const page = await e2e.newPage(PHONE);
    await e2e.logIn(page, 'Ingrid Solberg');
    await page.goto(`${e2e.server.url}/timebestilling`);
    await page.getByRole('combobox', { name: 'Legekontor', exact: true }).selectOption({ label: 'Fjordbyen legekontor' });
    await page.getByRole('radio', { name: 'Oppmøte på legekontoret' }).check();
    await page.getByRole('button', { name: 'Neste uke' }).click();
    await page.getByRole('button', { name: /kl\. \d\d:\d\d hos / }).first().click();
    await page.getByRole('heading', { name: 'Valgt tid' }).waitFor();
    await page.getByText(/^Pris: /).waitFor();
    await page.getByRole('group', { name: 'Hva slags time er det?' }).getByRole('radio', { name: 'Svangerskapskontroll' }).check();
    await page.getByText('Gratis: svangerskapskontroller koster ingen egenandel.', { exact: true }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await page.getByRole('button', { name: 'Bestill', exact: true }).click();
    await page.getByRole('heading', { name: 'Timen er bestilt' }).waitFor();
    await page.context().close();

    const o = e2e.server.database.owner;
    const { day, at } = (await o.query(`SELECT to_char(starts_at AT TIME ZONE 'Europe/Oslo', 'YYYY-MM-DD') AS day, to_char(starts_at AT TIME ZONE 'Europe/Oslo', 'HH24:MI') AS at FROM appointments WHERE care_category = 'pregnancy'`)).rows[0];
    const desk = await e2e.newPage(PHONE);
    await e2e.logIn(desk, 'Tone Ås', 'staff');
    await desk.getByRole('link', { name: 'Dagsliste' }).click();
    await desk.getByRole('heading', { name: 'Dagsliste', level: 1 }).waitFor();
    await desk.getByLabel('Dato').fill(day);
    const item = desk.getByRole('listitem').filter({ has: desk.getByRole('heading', { name: new RegExp(`^${at}–\\d\\d:\\d\\d Ingrid Solberg$`) }) });
    // The kind as a tag (the select offers the same words).
    await item.locator('.nl-tags').getByText('Svangerskapskontroll', { exact: true }).waitFor();
    await item.getByLabel('Type time').selectOption({ label: 'Vanlig time' });
    await item.getByRole('button', { name: 'Lagre type time' }).click();
    await item.getByText(/^Lagret: Vanlig time\. /).waitFor();
    expect(await accessibilityViolations(desk)).toEqual([]);
    expect((await o.query(`SELECT count(*)::int AS n FROM appointments WHERE care_category = 'pregnancy'`)).rows[0].n).toBe(0);
    await desk.context().close();
  });
});
