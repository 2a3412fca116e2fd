// In a real browser: Ola Hansen's inbox lists his health contacts (his GP Per Olsen and, from the demo data, his care
// coordinator Lise Berg), not every clinician of the clinic. Per Olsen (clinician and clinic admin at Fjordbyen) assigns
// Mari Dahl as Ola's contact person on the staff's patient page (an empty form and a second assignment are refused in
// words); reception sees the list only. Ola sees Mari with her role, follows "Skriv til Mari Dahl" and lands on a new
// message to her. Per ends the assignment and Mari leaves Ola's list. Axe on each page; both fit a 360 px phone.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoPerson, demoPractitionerId } from '../test/people.ts';
import { accessibilityViolations } from './browser.ts';
import { DESKTOP, PHONE, useE2e } from './harness.ts';

describe('health contacts in the browser', () => {
  const e2e = useE2e();

  const noPageScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  const contactsOf = (page: Page) => page.locator('section', { has: page.getByRole('heading', { level: 2, name: 'Helsekontaktene dine' }) });
  const contact = (page: Page, name: string) => contactsOf(page).getByRole('listitem').filter({ has: page.getByText(name, { exact: true }) });
  const openInbox = async (page: Page) => {
    await page.getByRole('link', { name: 'Innboks', exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Innboks' }).waitFor();
  };
  const staffSection = (page: Page) => page.locator('section', { has: page.getByRole('heading', { level: 2, name: 'Helsekontakter' }) });

  it('Per assigns a contact person; Ola sees them with his GP and care coordinator and writes to them; ended, they are gone', async () => {
    const owner = e2e.server.database.owner;
    const olaId = (await demoPerson(owner, 'Ola Hansen')).id;
    const mari = await demoPractitionerId(owner, 'Mari Dahl');

    // Before: the GP and the care coordinator from the demo data, not every clinician of the clinic.
    const ola = await e2e.newPage(PHONE);
    await e2e.logIn(ola, 'Ola Hansen');
    await openInbox(ola);
    await contact(ola, 'Per Olsen').getByText('Fastlegen din', { exact: true }).waitFor();
    await contact(ola, 'Lise Berg').getByText('Forløpskoordinator', { exact: true }).waitFor();
    await contact(ola, 'Lise Berg').getByText('Lege ved Fjordbyen legekontor').waitFor();
    await contact(ola, 'Lise Berg').getByRole('link', { name: 'Skriv til Lise Berg' }).waitFor();
    expect(await contactsOf(ola).getByText('Mari Dahl').count()).toBe(0);

    const per = await e2e.newPage(DESKTOP);
    await e2e.logIn(per, 'Per Olsen', 'staff');
    await per.getByRole('link', { name: 'Ola Hansen', exact: true }).click();
    await per.getByRole('heading', { level: 1, name: 'Ola Hansen' }).waitFor();
    const section = staffSection(per);
    const lise = section.getByRole('listitem').filter({ hasText: 'Lise Berg' });
    await lise.getByText('Forløpskoordinator · Lege').waitFor();
    await lise.getByText(/^Siden .+, tildelt av Per Olsen$/).waitFor();

    // Nothing chosen: said at each field, nothing sent.
    await section.getByRole('button', { name: 'Tildel', exact: true }).click();
    await section.getByText('Velg en behandler.').waitFor();
    await section.getByText('Velg en rolle.').waitFor();
    expect(await per.evaluate(() => document.activeElement?.tagName)).toBe('SELECT');
    expect(await accessibilityViolations(per)).toEqual([]);

    await section.getByLabel('Behandler', { exact: true }).selectOption({ label: 'Mari Dahl, sykepleier' });
    await section.getByRole('radio', { name: /^Kontaktperson/ }).check();
    await section.getByRole('button', { name: 'Tildel', exact: true }).click();
    await per.getByRole('status').filter({ hasText: 'Mari Dahl er nå kontaktperson for pasienten.' }).waitFor();
    await section.getByRole('listitem').filter({ hasText: 'Mari Dahl' }).getByText('Kontaktperson · Sykepleier').waitFor();
    expect(await section.getByLabel('Behandler', { exact: true }).inputValue()).toBe('');

    // The same again is refused by the database and said in words.
    await section.getByLabel('Behandler', { exact: true }).selectOption({ label: 'Mari Dahl, sykepleier' });
    await section.getByRole('radio', { name: /^Kontaktperson/ }).check();
    await section.getByRole('button', { name: 'Tildel', exact: true }).click();
    await section.getByText('Behandleren har allerede denne rollen for pasienten.').waitFor();
    expect((await owner.query(`SELECT 1 FROM health_contacts WHERE patient_id = $1 AND ended_at IS NULL`, [olaId])).rowCount).toBe(2);
    expect(await accessibilityViolations(per)).toEqual([]);
    await per.setViewportSize(PHONE);
    expect(await noPageScroll(per)).toBeLessThanOrEqual(0);
    await per.screenshot({ path: '.tmp-screens/health-contacts-staff-phone.png', fullPage: true });

    // Reception sees the list, and no way to change it.
    const tone = await e2e.newPage(DESKTOP);
    await e2e.logIn(tone, 'Tone Ås', 'staff');
    await tone.goto(`${e2e.server.url}/ansatt/pasient/${olaId}`);
    await staffSection(tone).getByText('Mari Dahl', { exact: true }).waitFor();
    await staffSection(tone).getByText(/^Bare behandlere og administratorer/).waitFor();
    expect(await staffSection(tone).getByRole('button').count()).toBe(0);
    expect(await accessibilityViolations(tone)).toEqual([]);

    // Ola sees Mari with her role, and "Skriv til" opens a new message to her.
    await ola.reload();
    const mariItem = contact(ola, 'Mari Dahl');
    await mariItem.getByText('Kontaktperson', { exact: true }).waitFor();
    await mariItem.getByText('Sykepleier ved Fjordbyen legekontor').waitFor();
    await contact(ola, 'Lise Berg').getByText('Forløpskoordinator', { exact: true }).waitFor();
    expect(await accessibilityViolations(ola)).toEqual([]);
    expect(await noPageScroll(ola)).toBeLessThanOrEqual(0);
    await ola.screenshot({ path: '.tmp-screens/health-contacts-inbox-phone.png', fullPage: true });
    await mariItem.getByRole('link', { name: 'Skriv til Mari Dahl' }).click();
    await ola.getByRole('heading', { level: 1, name: 'Ny melding' }).waitFor();
    expect(await ola.getByRole('radio', { name: /Melding til legen min/ }).isChecked()).toBe(true);
    const to = ola.getByLabel('Til', { exact: true });
    expect(await to.inputValue()).toBe(mari);
    expect(await to.evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.text)).toMatch(/Mari Dahl/);

    // Per ends it: the contact leaves the list (the outcome is said), and Ola's list.
    await per.setViewportSize(DESKTOP);
    await section.getByRole('button', { name: 'Avslutt Mari Dahl som kontaktperson' }).click();
    await per.getByRole('status').filter({ hasText: 'Mari Dahl er ikke lenger kontaktperson for pasienten.' }).waitFor();
    await section.getByRole('listitem').filter({ hasText: 'Mari Dahl' }).waitFor({ state: 'detached' });
    // A fresh load: the inbox keeps what it fetched for a few minutes while one moves within the app.
    await ola.goto(`${e2e.server.url}/innboks`);
    await contact(ola, 'Lise Berg').waitFor();
    expect(await contactsOf(ola).getByText('Mari Dahl').count()).toBe(0);
    for (const page of [ola, per, tone]) await page.context().close();
  }, 120_000);
});
