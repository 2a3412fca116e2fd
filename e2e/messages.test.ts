// In a real browser: Ola Hansen asks the office a practical question from "Innboks"; Tone Ås (reception at Fjordbyen)
// answers it in the clinic's inbox; the SMS says only that there is an answer; Ola reads it and it is no longer unread.
// A health question to his GP Per Olsen: Tone sees that it exists but not what it says, and opening it is refused
// with a clear message; Ola adds a photo and a PDF (a text file is refused in his language); Per reads and answers.
// Axe on the patient inbox, a thread, the new-message page and the staff inbox; the inbox fits a 360 px phone.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { demoPerson } from '../test/people.ts';
import { accessibilityViolations } from './browser.ts';
import { DESKTOP, PHONE, useE2e } from './harness.ts';

const OLA_PHONE = '+4791000002';
const HIDDEN = 'Klinisk melding – innholdet er skjult for resepsjonen';

describe('messages in the browser', () => {
  const e2e = useE2e();

  const noPageScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  const thread = (page: Page, name: string | RegExp): Locator => page.getByRole('article').filter({ has: page.getByRole('heading', { name }) });
  const openInbox = async (page: Page) => {
    await page.getByRole('link', { name: 'Innboks', exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Innboks' }).waitFor();
  };

  it('Ola asks the office a practical question; Tone answers it; the SMS says only that there is an answer; Ola reads it', async () => {
    const ola = await e2e.newPage(PHONE);
    await e2e.logIn(ola, 'Ola Hansen');
    await openInbox(ola);
    await ola.getByRole('link', { name: 'Skriv ny melding' }).click();
    await ola.getByRole('heading', { level: 1, name: 'Ny melding' }).waitFor();
    await ola.getByText('Meldingen går til Fjordbyen legekontor.').waitFor();
    await ola.getByRole('radio', { name: /Kontakt legekontoret/ }).check();
    // What the office is for, and what it is not for: health questions and emergencies (the numbers to call).
    await ola.getByText(/Bruk den til praktiske spørsmål, for eksempel om åpningstider, ferier/).waitFor();
    await ola.getByText(/Ikke skriv om helsen din her/).waitFor();
    expect(await ola.getByRole('link', { name: '113' }).getAttribute('href')).toBe('tel:113');
    expect(await ola.getByRole('link', { name: '116 117' }).getAttribute('href')).toBe('tel:116117');
    expect(await accessibilityViolations(ola)).toEqual([]);
    expect(await noPageScroll(ola)).toBeLessThanOrEqual(0);
    await ola.screenshot({ path: '.tmp-screens/messages-new-phone.png', fullPage: true });

    // Nothing written: said at the fields, nothing sent.
    await ola.getByRole('button', { name: 'Send meldingen' }).click();
    await ola.getByText('Skriv et emne.').waitFor();
    await ola.getByLabel('Emne').fill('Ferie i juli');
    await ola.getByLabel('Melding', { exact: true }).fill('Har dere åpent i fellesferien?');
    await ola.getByRole('button', { name: 'Send meldingen' }).click();
    await ola.getByRole('heading', { level: 1, name: 'Ferie i juli' }).waitFor();
    await ola.getByText(/Meldingen er sendt\./).waitFor();
    await ola.getByText('Har dere åpent i fellesferien?').waitFor();

    const tone = await e2e.newPage(DESKTOP);
    await e2e.logIn(tone, 'Tone Ås', 'staff');
    await tone.getByRole('link', { name: 'Innboks', exact: true }).click();
    await tone.getByRole('heading', { level: 1, name: 'Innboks' }).waitFor();
    const question = thread(tone, /Ferie i juli/);
    await question.getByText('Pasient: Ola Hansen').waitFor();
    await question.getByText('Praktisk', { exact: true }).waitFor();
    await question.getByText(/Svarfrist/).waitFor();
    expect(await accessibilityViolations(tone)).toEqual([]);
    await question.getByRole('link', { name: /Ferie i juli/ }).click();
    await tone.getByText('Har dere åpent i fellesferien?').waitFor();
    await tone.getByLabel('Svaret ditt').fill('Ja, vi har åpent hele juli.');
    await tone.getByRole('button', { name: 'Send svaret' }).click();
    await tone.getByRole('status').filter({ hasText: 'Svaret er sendt til pasienten.' }).waitFor();
    await tone.getByText('Fra deg').waitFor();

    // The SMS to Ola says only that there is an answer: no subject, no text, no name.
    const owner = e2e.server.database.owner;
    const olaId = (await demoPerson(owner, 'Ola Hansen')).id;
    await expect
      .poll(async () => (await owner.query(`SELECT body FROM notifications WHERE person_id = $1 AND channel = 'sms' AND template = 'new-answer'`, [olaId])).rows.length, { timeout: 15_000 })
      .toBe(1);
    const outbox = await e2e.newPage(DESKTOP);
    await outbox.goto(`${e2e.server.url}/dev/outbox`);
    const sms = outbox.getByRole('article').filter({ has: outbox.getByRole('heading', { name: `SMS til ${OLA_PHONE}` }) });
    await sms.getByText(/Du har fått svar på henvendelsen din/).first().waitFor();
    const smsText = await sms.allInnerTexts();
    expect(smsText.join('\n')).not.toMatch(/Ferie|juli|fellesferien|Tone/);

    // Ola: unread in the list (in words too), read once opened.
    await ola.getByRole('link', { name: 'Tilbake til innboksen' }).click();
    const answered = thread(ola, /Ferie i juli/);
    await answered.getByText('Besvart', { exact: false }).waitFor();
    expect(await answered.getByRole('link', { name: 'Ferie i juli (Ulest)' }).count()).toBe(1);
    await ola.getByText(/^Du har \d+ uleste? meldinge?r?\.$/).waitFor();
    expect(await noPageScroll(ola)).toBeLessThanOrEqual(0);
    expect(await accessibilityViolations(ola)).toEqual([]);
    await answered.getByRole('link', { name: /Ferie i juli/ }).click();
    await ola.getByText('Ja, vi har åpent hele juli.').waitFor();
    await ola.getByRole('heading', { name: 'Fra Tone Ås (legekontoret)' }).waitFor();
    expect(await accessibilityViolations(ola)).toEqual([]);
    await ola.getByRole('link', { name: 'Tilbake til innboksen' }).click();
    await thread(ola, /Ferie i juli/).getByRole('link', { name: 'Ferie i juli', exact: true }).waitFor();
    expect(await thread(ola, /Ferie i juli/).getByText('Ulest').count()).toBe(0);
    await ola.screenshot({ path: '.tmp-screens/messages-inbox-phone.png', fullPage: true });
    for (const page of [ola, tone, outbox]) await page.context().close();
  }, 90_000);

  it('a health question to the GP: reception sees only that it exists and is refused its content; Per answers', async () => {
    const ola = await e2e.newPage(PHONE);
    await e2e.logIn(ola, 'Ola Hansen');
    await ola.goto(`${e2e.server.url}/innboks/ny`);
    await ola.getByRole('radio', { name: /Melding til legen min/ }).check();
    await ola.getByText(/leses bare av behandlere ved legekontoret, ikke av resepsjonen/).waitFor();
    expect(await ola.getByLabel('Til', { exact: true }).inputValue()).not.toBe('team');
    await ola.getByRole('option', { name: 'Per Olsen (fastlegen din)' }).waitFor({ state: 'attached' });
    await ola.getByLabel('Emne').fill('Hoste');
    await ola.getByLabel('Melding', { exact: true }).fill('Hosten har vart i tre uker.');
    await ola.getByRole('button', { name: 'Send meldingen' }).click();
    await ola.getByRole('heading', { level: 1, name: 'Hoste' }).waitFor();

    // Attachments: a photo and a PDF are kept; a text file is refused in Ola's language.
    const photo = await sharp({ create: { width: 320, height: 240, channels: 3, background: { r: 200, g: 90, b: 80 } } }).jpeg().toBuffer();
    await ola.getByLabel('Velg filer').setInputFiles([
      { name: 'hals.jpg', mimeType: 'image/jpeg', buffer: photo },
      { name: 'resultat.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n') },
      { name: 'notat.txt', mimeType: 'text/plain', buffer: Buffer.from('bare tekst') },
    ]);
    await ola.getByText(/notat\.txt: Filen er ikke et bilde eller en PDF/).waitFor();
    await ola.getByRole('img', { name: 'Vedlegg 1 av 2, bilde' }).waitFor();
    await ola.getByRole('link', { name: /Last ned Vedlegg 2 av 2 \(PDF/ }).waitFor();
    expect(await noPageScroll(ola)).toBeLessThanOrEqual(0);
    expect(await accessibilityViolations(ola)).toEqual([]);

    const tone = await e2e.newPage(DESKTOP);
    await e2e.logIn(tone, 'Tone Ås', 'staff');
    await tone.goto(`${e2e.server.url}/ansatt/innboks`);
    const hidden = thread(tone, HIDDEN);
    await hidden.getByText('Pasient: Ola Hansen').waitFor();
    await hidden.getByText(/Ansvarlig: Per Olsen/).waitFor();
    expect(await tone.getByRole('main').innerText()).not.toMatch(/Hoste|tre uker/);
    expect(await accessibilityViolations(tone)).toEqual([]);
    await hidden.getByRole('link', { name: new RegExp(HIDDEN) }).click();
    await tone.getByRole('heading', { name: HIDDEN }).waitFor();
    await tone.getByText('Meldinger om helse leses bare av behandlere. Send samtalen videre til en behandler.').waitFor();
    expect(await tone.getByRole('main').innerText()).not.toMatch(/Hoste|tre uker/);
    expect(await accessibilityViolations(tone)).toEqual([]);
    await tone.screenshot({ path: '.tmp-screens/messages-hidden-reception.png', fullPage: true });

    const per = await e2e.newPage(DESKTOP);
    await e2e.logIn(per, 'Per Olsen', 'staff');
    await per.getByRole('link', { name: 'Innboks', exact: true }).click();
    await thread(per, /Hoste/).getByRole('link', { name: /Hoste/ }).click();
    await per.getByText('Hosten har vart i tre uker.').waitFor();
    await per.getByRole('img', { name: 'Vedlegg 1 av 2, bilde' }).waitFor();
    await per.getByLabel('Svaret ditt').fill('Kom inn til en time, så lytter jeg på lungene.');
    await per.getByRole('button', { name: 'Send svaret' }).click();
    await per.getByRole('status').filter({ hasText: 'Svaret er sendt til pasienten.' }).waitFor();
    expect(await accessibilityViolations(per)).toEqual([]);
    await per.screenshot({ path: '.tmp-screens/messages-staff-thread.png', fullPage: true });

    await ola.reload();
    await ola.getByText('Kom inn til en time, så lytter jeg på lungene.').waitFor();
    await ola.getByRole('heading', { name: 'Fra Per Olsen (behandler)' }).waitFor();
    for (const page of [ola, tone, per]) await page.context().close();
  }, 90_000);

  it('the clinic admin chooses the services and the deadline; patients are offered only what the clinic offers', async () => {
    const per = await e2e.newPage(DESKTOP);
    await e2e.logIn(per, 'Per Olsen', 'staff');
    await per.goto(`${e2e.server.url}/ansatt/innboks`);
    const settings = per.locator('section', { has: per.getByRole('heading', { name: 'Meldingstjenester for legekontoret' }) });
    await settings.getByRole('checkbox', { name: 'Helsespørsmål til behandleren' }).uncheck();
    await settings.getByLabel('Svarfrist (virkedager)').fill('0');
    await settings.getByRole('button', { name: 'Lagre innstillingene' }).click();
    await settings.getByText('Skriv et helt antall dager fra 1 til 30.').waitFor();
    await settings.getByLabel('Svarfrist (virkedager)').fill('3');
    await settings.getByRole('button', { name: 'Lagre innstillingene' }).click();
    await settings.getByText('Innstillingene er lagret.').waitFor();
    expect(await accessibilityViolations(per)).toEqual([]);
    const row = await e2e.server.database.owner.query(`SELECT message_kinds, message_answer_days FROM clinics WHERE name = 'Fjordbyen legekontor'`);
    expect(row.rows[0]).toEqual({ message_kinds: ['admin'], message_answer_days: 3 });
    await e2e.server.database.owner.query(`UPDATE clinics SET message_kinds = '{admin,clinical}', message_answer_days = 5 WHERE name = 'Fjordbyen legekontor'`);
    await per.context().close();
  }, 60_000);
});
