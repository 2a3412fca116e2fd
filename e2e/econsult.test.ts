// In a real browser: a patient sends an e-consultation with two photos and pays on the card page; a clinician takes it
// from the live queue and asks; the patient answers; the clinician closes with advice; the card is captured once.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { accessibilityViolations } from './browser.ts';
import { PHONE, useE2e } from './harness.ts';

const photo = (r: number) => sharp({ create: { width: 320, height: 240, channels: 3, background: { r, g: 90, b: 80 } } }).jpeg().toBuffer();

describe('e-consultation in the browser', () => {
  const e2e = useE2e({ RATE_LIMIT_PER_MINUTE: '100000' });

  /** From Min side to a filled-in draft at Nordlys, past the emergency screening. */
  async function startCase(page: Page, answerYes = false): Promise<void> {
    await page.goto(`${e2e.server.url}/e-konsultasjon`);
    await page.getByRole('heading', { name: 'Hvem gjelder det, og hvilket legekontor?' }).waitFor();
    await page.getByRole('combobox', { name: 'Legekontor' }).selectOption({ label: 'Nordlys nettklinikk' });
    await page.getByRole('button', { name: 'Neste' }).click();
    await page.getByRole('heading', { name: 'Først: trenger du hjelp med en gang?' }).waitFor();
    // The flow cannot go on with a question unanswered.
    await page.getByRole('button', { name: 'Gå videre' }).click();
    await page.getByRole('heading', { name: 'Svar på alle spørsmålene før du går videre' }).waitFor();
    const groups = page.getByRole('group').filter({ has: page.getByRole('radio', { name: 'Ja', exact: true }) });
    const count = await groups.count();
    expect(count).toBeGreaterThanOrEqual(8);
    for (let i = 0; i < count; i++) await groups.nth(i).getByRole('radio', { name: answerYes && i === 0 ? 'Ja' : 'Nei' }).check();
    await page.getByRole('button', { name: 'Gå videre' }).click();
  }

  it('emergency screening stops the flow with the numbers to call, and nothing is sent', async () => {
    const page = await e2e.newPage(PHONE);
    await e2e.logIn(page, 'Ingrid Solberg');
    await startCase(page, true);
    await page.getByRole('heading', { name: 'Du bør ikke vente på svar fra legen' }).waitFor();
    await page.getByRole('link', { name: /113/ }).first().waitFor();
    expect(await page.getByRole('link', { name: /113/ }).first().getAttribute('href')).toBe('tel:113');
    expect(await page.getByRole('button', { name: 'Gå videre' }).count()).toBe(0);
    const rows = await e2e.server.database.owner.query(`SELECT 1 FROM econsult_cases c JOIN persons p ON p.id = c.patient_id WHERE p.name = 'Ingrid Solberg'`);
    expect(rows.rowCount).toBe(0);
  }, 60_000);

  it('a case goes from the patient’s phone, with photos and a reserved card, to the clinician and back, charged once', async () => {
    const ola = await e2e.newPage(PHONE);
    await e2e.logIn(ola, 'Ola Hansen');
    await startCase(ola);

    await ola.getByRole('heading', { name: /Hva gjelder henvendelsen\?/ }).waitFor();
    await ola.getByRole('radio', { name: /^Noe annet/ }).first().check();
    await ola.getByRole('button', { name: 'Neste' }).click();
    await ola.getByRole('heading', { name: /Steg 2 av 4/ }).waitFor();
    await ola.getByRole('radio', { name: 'En sykdom jeg har fra før, som har blitt verre' }).check();
    await ola.getByLabel(/Beskriv hva du trenger hjelp med/).fill('Eksemen på hendene er verre igjen.');
    await ola.getByRole('group', { name: /Er du allergisk mot noen legemidler/ }).getByRole('radio', { name: 'Nei' }).check();
    await ola.getByRole('button', { name: 'Neste' }).click();
    await ola.getByRole('heading', { name: /Steg 3 av 4/ }).waitFor();
    await ola.getByLabel(/Beskriv med egne ord/).fill('Sprekker i huden, klør om natten.');
    await ola.getByLabel('Velg bilder').setInputFiles([
      { name: 'hand1.jpg', mimeType: 'image/jpeg', buffer: await photo(200) },
      { name: 'hand2.jpg', mimeType: 'image/jpeg', buffer: await photo(120) },
    ]);
    await ola.getByRole('img', { name: 'Bilde 2 av 2' }).waitFor();
    await ola.getByRole('button', { name: 'Neste' }).click();
    await ola.getByRole('heading', { name: /Steg 4 av 4/ }).waitFor();
    // The summary is what the doctor will see: the answers, the text and the re-encoded photos.
    await ola.getByText('Sprekker i huden, klør om natten.').waitFor();
    await ola.getByRole('img', { name: 'Bilde 1 av 2' }).waitFor();
    expect(await accessibilityViolations(ola)).toEqual([]);
    await ola.getByRole('button', { name: 'Send til legekontoret' }).click();

    // The card simulator's page stands in for the provider's.
    await ola.waitForURL(/\/dev-pay\/checkout\//);
    await ola.getByLabel(/Kortnummer/).fill('4242 4242 4242 4242');
    await ola.getByLabel(/Utløpsdato/).fill('12/30');
    await ola.getByLabel(/CVC/).fill('123');
    await ola.getByRole('button', { name: /^Reserver/ }).click();
    await ola.waitForURL(/\/e-konsultasjon\/[0-9a-f-]+/);
    await ola.getByRole('heading', { name: 'Henvendelsen er sendt til legekontoret' }).waitFor();
    const caseId = new URL(ola.url()).pathname.split('/').pop()!;

    const anna = await e2e.newPage();
    await e2e.logIn(anna, 'Anna Lindqvist', 'staff');
    await anna.getByRole('link', { name: 'E-konsultasjoner' }).click();
    await anna.getByText('1 sak i køen.').waitFor();
    await anna.getByRole('link', { name: /Noe annet/ }).click();
    await anna.getByRole('button', { name: 'Ta saken' }).click();
    await anna.getByRole('heading', { name: 'Skriv til pasienten' }).waitFor();
    await anna.getByText('Eksemen på hendene er verre igjen.').waitFor();
    expect(await anna.getByRole('img').count()).toBeGreaterThanOrEqual(2);
    await anna.getByRole('radio', { name: 'Spørsmål' }).check();
    await anna.getByLabel('Melding', { exact: true }).fill('Har du brukt fuktighetskrem to ganger daglig?');
    await anna.getByRole('button', { name: 'Send spørsmål' }).click();
    // The case's state, not the passing notice: a live refresh may re-render the actions (and the notice with them).
    await anna.getByText('Saken venter på svar fra pasienten. Du kan avslutte den eller gi den videre.').waitFor();

    // The patient's page follows live, without reloading.
    await ola.getByRole('heading', { name: 'Legen har et spørsmål til deg' }).waitFor();
    await ola.getByText('Har du brukt fuktighetskrem to ganger daglig?').waitFor();
    await ola.getByLabel('Ditt svar').fill('Ja, men det hjelper ikke.');
    await ola.getByRole('button', { name: 'Send svaret' }).click();
    await ola.getByRole('heading', { name: 'En lege ser på henvendelsen din' }).waitFor();

    await anna.getByText('Ja, men det hjelper ikke.').waitFor();
    await anna.getByRole('radio', { name: 'Råd' }).check();
    await anna.getByLabel('Oppsummering til pasienten').fill('Bruk hydrokortisonkrem morgen og kveld i en uke.');
    await anna.getByLabel('Journalnotat').fill('Håndeksem, forverret. Råd om gruppe I-steroid i en uke.');
    await anna.getByRole('button', { name: 'Avslutt saken' }).click();
    await anna.getByText('Saken er avsluttet. Pasienten får beskjed på SMS eller e-post.').waitFor();

    await ola.getByText('Bruk hydrokortisonkrem morgen og kveld i en uke.').waitFor();
    const db = e2e.server.database.owner;
    let captured = 0;
    for (let i = 0; i < 100 && captured === 0; i++) {
      const r = await db.query(`SELECT s.capture_count FROM econsult_cases c JOIN payments p ON p.id = c.payment_id JOIN card_simulator_checkouts s ON s.id::text = p.provider_ref WHERE c.id = $1 AND s.status = 'captured'`, [caseId]);
      captured = r.rows[0]?.capture_count ?? 0;
      if (!captured) await new Promise((r) => setTimeout(r, 100));
    }
    expect(captured).toBe(1);
    const sms = await db.query(`SELECT n.body FROM notifications n JOIN persons p ON p.id = n.person_id WHERE p.name = 'Ola Hansen' AND n.channel = 'sms' AND n.template = 'new-answer'`);
    expect(sms.rowCount).toBeGreaterThanOrEqual(2);
    for (const { body } of sms.rows as { body: string }[]) expect(body).not.toMatch(/eksem|krem|hud|hydrokortison/i);
  }, 120_000);

  it('a declined card blocks sending with a clear message', async () => {
    const page = await e2e.newPage();
    await e2e.logIn(page, 'Kari Nordmann');
    await startCase(page);
    await page.getByRole('radio', { name: /^Noe annet/ }).first().check();
    await page.getByRole('button', { name: 'Neste' }).click();
    // Each step is waited for before its "Neste": a click that lands while the step saves would go to the old one.
    await page.getByRole('heading', { name: /Steg 2 av 4/ }).waitFor();
    await page.getByRole('radio', { name: 'En ny plage' }).check();
    await page.getByLabel(/Beskriv hva du trenger hjelp med/).fill('Vondt i kneet etter fall.');
    await page.getByRole('group', { name: /Er du allergisk mot noen legemidler/ }).getByRole('radio', { name: 'Nei' }).check();
    await page.getByRole('button', { name: 'Neste' }).click();
    await page.getByRole('heading', { name: /Steg 3 av 4/ }).waitFor();
    await page.getByRole('button', { name: 'Neste' }).click();
    await page.getByRole('heading', { name: /Steg 4 av 4/ }).waitFor();
    await page.getByRole('button', { name: 'Send til legekontoret' }).click();
    // Once in CI (never locally) the checkout page had not come 15 s after the click: if it happens again, say what
    // the page shows (an error, a busy button) so the next failure explains itself.
    await page.waitForURL(/\/dev-pay\/checkout\//, { timeout: 30_000 }).catch(async (err: Error) => {
      const where = await page.evaluate(() => ({ url: location.pathname, text: document.querySelector('main')?.textContent?.slice(-600) }));
      throw new Error(`${err.message}\npage: ${JSON.stringify(where)}`);
    });
    await page.getByLabel(/Kortnummer/).fill('4000 0000 0000 0002');
    await page.getByLabel(/Utløpsdato/).fill('12/30');
    await page.getByLabel(/CVC/).fill('123');
    await page.getByRole('button', { name: /^Reserver/ }).click();
    await page.waitForURL(/\/e-konsultasjon\/[0-9a-f-]+/);
    await page.getByRole('heading', { name: 'Kortet ble avvist' }).waitFor();
    await page.getByRole('button', { name: 'Send til legekontoret' }).waitFor();
  }, 60_000);
});
