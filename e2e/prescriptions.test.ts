// In a real browser: Ola Hansen sees his prescriptions (valid apart from expired, the type in words, zopiclone said to
// need a visit), locks one and gets its reference number, asks for renewals; his GP Per Olsen approves one (an
// antibiotic only with the confirmation ticked) and declines one with a reason on "Reseptfornyelser"; Ola then sees
// the new prescription valid a year on and the reason. A parent acting for a 14-year-old is refused. Axe on both pages,
// and the patient's page has no page-level horizontal scroll on a 360 px phone.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seedPrescriptionsDemo } from '../src/server/demo/seed-prescriptions.ts';
import { localDate } from '../src/shared/time.ts';
import { demoPerson, demoPractitionerId } from '../test/people.ts';
import { accessibilityViolations } from './browser.ts';
import { DESKTOP, PHONE, useE2e } from './harness.ts';

const REFERENCE = /^[0-9A-Z]{4}-[0-9A-Z]{4}$/;

describe('prescriptions in the browser', () => {
  const e2e = useE2e();

  beforeAll(async () => {
    const o = e2e.server.database.owner;
    // The demo's prescriptions for Ola (metformin, an expired atorvastatin, zopiclone), unless the demo seed made them.
    await seedPrescriptionsDemo(e2e.server.database.db);
    const [ola, per] = await Promise.all([demoPerson(o, 'Ola Hansen'), demoPractitionerId(o, 'Per Olsen')]);
    // An antibiotic from Per too, so that approving it needs the clinician's confirmation.
    await o.query(
      `INSERT INTO prescriptions (patient_id, clinic_id, prescriber_practitioner_id, drug_id, strength, dosage_text, type, issued_on, valid_until, withdrawals_prescribed, withdrawals_left)
       SELECT $1, s.clinic_id, $2, 'amoxicillin-500mg-capsule', '500 mg', '1 kapsel 3 ganger daglig i 7 dager', 'white', current_date - 20, current_date + 345, 1, 1
       FROM practitioners pr JOIN staff_roles s ON s.person_id = pr.person_id AND s.role = 'clinician' WHERE pr.id = $2 LIMIT 1`,
      [ola.id, per],
    );
  });

  const card = (page: Page, name: RegExp) => page.getByRole('article').filter({ has: page.getByRole('heading', { name }) });
  const noPageScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  const nbDate = (day: string) => new Intl.DateTimeFormat('nb-NO', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));

  it('Ola sees valid and expired prescriptions, a B-class one needing a visit, locks one, and asks for renewals on a phone', async () => {
    const page = await e2e.newPage(PHONE);
    await e2e.logIn(page, 'Ola Hansen');
    await page.getByRole('link', { name: 'Mine resepter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mine resepter' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Gyldige resepter' }).waitFor();

    const valid = page.locator('section').filter({ has: page.getByRole('heading', { level: 2, name: 'Gyldige resepter' }) });
    const expired = page.locator('section').filter({ has: page.getByRole('heading', { level: 2, name: 'Utløpte og oppbrukte resepter' }) });
    await valid.getByRole('heading', { name: 'Metformin (Glucophage), 500 mg' }).waitFor();
    expect(await valid.getByRole('heading', { name: /Zopiclone/ }).count()).toBe(1);
    expect(await expired.getByRole('heading', { name: /Atorvastatin/ }).count()).toBe(1);
    expect(await expired.getByRole('heading', { name: /Metformin/ }).count()).toBe(0);

    const metformin = card(page, /^Metformin/);
    await metformin.getByText('Blå resept', { exact: true }).waitFor();
    await metformin.getByText('1 tablett 2 ganger daglig til måltid').waitFor();
    await metformin.getByText('tablett', { exact: true }).waitFor();
    await metformin.getByText('Kan fornyes digitalt.', { exact: false }).waitFor();

    // Zopiclone (B) cannot be renewed online: said plainly, with the way to book, and not offered in the form.
    const zopiclone = card(page, /^Zopiclone/);
    await zopiclone.getByText(/kan ikke fornyes digitalt/).waitFor();
    expect(await zopiclone.getByRole('link', { name: 'Bestill time hos legen' }).getAttribute('href')).toBe('/timebestilling');
    const form = page.getByRole('form', { name: 'Be om fornyelse' });
    expect(await form.getByRole('checkbox', { name: /Zopiclone/ }).count()).toBe(0);

    expect(await noPageScroll(page)).toBeLessThanOrEqual(0);
    expect(await accessibilityViolations(page)).toEqual([]);

    // Locking zopiclone: what it means is said, and then its reference number.
    await zopiclone.getByText(/bare et apotek som får referansenummeret/).waitFor();
    await zopiclone.getByRole('button', { name: 'Lås resepten' }).click();
    await zopiclone.getByRole('status').filter({ hasText: /Resepten er låst\. Referansenummeret er/ }).waitFor();
    await zopiclone.getByText('Resepten er låst. Bare et apotek som får dette nummeret av deg, kan se den.').waitFor();
    const reference = (await zopiclone.locator('dt', { hasText: 'Referansenummer' }).locator('xpath=following-sibling::dd').innerText()).trim();
    expect(reference).toMatch(REFERENCE);
    const stored = await e2e.server.database.owner.query(`SELECT reference_number, locked FROM prescriptions WHERE drug_id = 'zopiclone-7-5mg-tablet'`);
    expect(stored.rows[0]).toEqual({ reference_number: reference, locked: true });
    expect(await zopiclone.getByRole('button', { name: 'Lås resepten' }).count()).toBe(0);

    // At the pharmacy (the dev stand-in): the locked one is found by its reference number only.
    const pharmacy = await e2e.newPage();
    await pharmacy.goto(`${e2e.server.url}/dev/pharmacy`);
    await pharmacy.getByLabel(/Referansenummer/).fill(reference);
    await pharmacy.getByRole('button', { name: /Søk på referansenummer/ }).click();
    await pharmacy.getByRole('table').getByText(/zopiclone/i).first().waitFor();
    await pharmacy.goto(`${e2e.server.url}/dev/pharmacy`);
    await pharmacy.getByLabel(/Fødselsnummer/).fill((await demoPerson(e2e.server.database.owner, 'Ola Hansen')).nationalId);
    await pharmacy.getByRole('button', { name: /Søk på fødselsnummer/ }).click();
    await pharmacy.getByRole('table').getByText(/Metformin/i).first().waitFor();
    expect(await pharmacy.getByRole('table').getByText(/zopiclone/i).count()).toBe(0);
    expect(pharmacy.url()).not.toMatch(/\d{11}/);

    // Nothing chosen: said at the choice, nothing sent.
    await form.getByRole('button', { name: 'Send forespørselen' }).click();
    await form.getByText('Velg minst én resept du vil ha fornyet.').waitFor();

    // Metformin with a note, then atorvastatin and amoxicillin in a second request.
    await form.getByRole('checkbox', { name: /^Metformin/ }).check();
    await form.getByLabel('Melding til legen (valgfritt)').fill('Blodsukkeret er stabilt.');
    await form.getByRole('button', { name: 'Send forespørselen' }).click();
    await page.getByRole('status').filter({ hasText: 'Forespørselen er sendt. Legekontoret svarer deg her.' }).waitFor();
    await metformin.getByText('Du har bedt om fornyelse. Legekontoret har ikke svart ennå.').waitFor();
    expect(await form.getByRole('checkbox', { name: /^Metformin/ }).count()).toBe(0);

    for (const drug of [/^Atorvastatin/, /^Amoxicillin/]) {
      await form.getByRole('checkbox', { name: drug }).check();
      await form.getByRole('button', { name: 'Send forespørselen' }).click();
      await card(page, drug).getByText('Du har bedt om fornyelse. Legekontoret har ikke svart ennå.').waitFor();
    }

    const requests = page.locator('section').filter({ has: page.getByRole('heading', { level: 2, name: 'Forespørslene dine' }) });
    await requests.getByText('Din melding: Blodsukkeret er stabilt.').waitFor();
    expect(await requests.getByText('Venter på svar fra legekontoret.').count()).toBe(3);
    const sent = await e2e.server.database.owner.query(`SELECT count(*)::int AS n FROM prescription_renewal_requests`);
    expect(sent.rows[0].n).toBe(3);

    expect(await noPageScroll(page)).toBeLessThanOrEqual(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: '.tmp-screens/prescriptions-phone.png', fullPage: true });
    await page.context().close();
  });

  it('Per Olsen approves two requests (the antibiotic only when confirmed) and declines one with a reason', async () => {
    const page = await e2e.newPage(DESKTOP);
    await e2e.logIn(page, 'Per Olsen', 'staff');
    await page.getByRole('link', { name: 'Reseptfornyelser' }).click();
    await page.getByRole('heading', { level: 1, name: 'Reseptfornyelser' }).waitFor();
    await page.getByText('3 forespørsler venter.').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);

    const requests = page.getByRole('article').filter({ has: page.getByRole('heading', { level: 2, name: 'Ola Hansen' }) });
    expect(await requests.count()).toBe(3);
    const first = requests.filter({ has: page.getByRole('heading', { name: /^Metformin/ }) });
    await first.getByText('Blodsukkeret er stabilt.').waitFor();
    await first.getByText('Reseptgruppe C').waitFor();
    expect(await first.getByRole('checkbox', { name: /antibiotikaen/ }).count()).toBe(0);
    await first.getByRole('button', { name: 'Godkjenn fornyelsen' }).click();
    await page.getByRole('status').filter({ hasText: 'Fornyelsen for Ola Hansen er godkjent' }).waitFor();
    await page.getByText('2 forespørsler venter.').waitFor();

    // The antibiotic needs the confirmation; without it nothing is sent.
    const antibiotic = requests.filter({ has: page.getByRole('heading', { name: /^Amoxicillin/ }) });
    await antibiotic.getByText('Antibiotika', { exact: true }).waitFor();
    await antibiotic.getByRole('button', { name: 'Godkjenn fornyelsen' }).click();
    await antibiotic.getByText('Bekreft at antibiotikaen skal fornyes, eller avslå forespørselen.').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await antibiotic.getByRole('checkbox', { name: 'Jeg bekrefter at antibiotikaen skal fornyes uten konsultasjon' }).check();
    await antibiotic.getByRole('button', { name: 'Godkjenn fornyelsen' }).click();
    await page.getByText('1 forespørsel venter.').waitFor();

    const second = requests.filter({ has: page.getByRole('heading', { name: /^Atorvastatin/ }) });
    await second.getByText('Reseptgruppe C').waitFor();
    // Declining needs a reason the patient can read.
    await second.getByRole('button', { name: 'Avslå forespørselen' }).click();
    await second.getByText('Skriv en begrunnelse pasienten kan lese.').waitFor();
    await second.getByLabel('Begrunnelse til pasienten').fill('Vi må se deg før vi fornyer disse. Bestill time.');
    await second.getByRole('button', { name: 'Avslå forespørselen' }).click();
    await page.getByRole('status').filter({ hasText: 'Forespørselen fra Ola Hansen er avslått.' }).waitFor();
    await page.getByText('Ingen forespørsler venter.').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('Ola sees the new prescription valid a year on, and the reason for the declined one', async () => {
    const page = await e2e.newPage(PHONE);
    await e2e.logIn(page, 'Ola Hansen');
    await page.goto(`${e2e.server.url}/min-side/resepter`);
    const today = localDate(new Date());
    const nextYear = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`.replace(/-02-29$/, '-02-28');

    const requests = page.locator('section').filter({ has: page.getByRole('heading', { level: 2, name: 'Forespørslene dine' }) });
    const metforminItem = requests.getByRole('listitem').filter({ hasText: /^Metformin/ }).filter({ hasText: 'Fornyet.' });
    await metforminItem.getByText(`Fornyet. Den nye resepten er gyldig til og med ${nbDate(nextYear)}.`).waitFor();
    expect(await requests.getByText(`Fornyet. Den nye resepten er gyldig til og med ${nbDate(nextYear)}.`).count()).toBe(2);
    expect(await requests.getByText('Avslått. Begrunnelse: Vi må se deg før vi fornyer disse. Bestill time.').count()).toBe(1);
    await requests.getByText(/Svar fra Per Olsen/).first().waitFor();

    const metformins = page.getByRole('article').filter({ has: page.getByRole('heading', { name: /^Metformin/ }) });
    expect(await metformins.count()).toBe(2);
    const renewed = metformins.filter({ hasText: nbDate(nextYear) });
    await renewed.getByText('Kan fornyes digitalt.', { exact: false }).waitFor();
    await renewed.getByText(/Per Olsen \(lege\)/).waitFor();
    await metformins.filter({ hasText: 'Resepten er fornyet.' }).waitFor();

    expect(await noPageScroll(page)).toBeLessThanOrEqual(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('the block on health personnel is explained and can be turned on and off', async () => {
    const page = await e2e.newPage(PHONE);
    await e2e.logIn(page, 'Ola Hansen');
    await page.goto(`${e2e.server.url}/min-side/resepter`);
    await page.getByText('Legen som skrev ut en resept, ser fortsatt den resepten.').waitFor();
    await page.getByText(/I en nødsituasjon kan sperren føre til/).waitFor();
    const toggle = page.getByRole('switch', { name: 'Sperr reseptene mine for helsepersonell' });
    expect(await toggle.isChecked()).toBe(false);
    await toggle.check();
    await page.getByRole('status').filter({ hasText: 'Reseptene dine er nå sperret for helsepersonell.' }).waitFor();
    await page.getByText(/^Sperret siden/).waitFor();
    const blocks = await e2e.server.database.owner.query('SELECT count(*)::int AS n FROM prescription_access_blocks');
    expect(blocks.rows[0].n).toBe(1);
    expect(await accessibilityViolations(page)).toEqual([]);
    await toggle.uncheck();
    await page.getByRole('status').filter({ hasText: 'Sperren er opphevet.' }).waitFor();
    expect(await toggle.isChecked()).toBe(false);
    await page.context().close();
  });

  it('a parent acting for a 14-year-old is told the prescriptions are the child\'s own', async () => {
    const page = await e2e.newPage(PHONE);
    await e2e.logIn(page, 'Kari Nordmann');
    await page.getByRole('button', { name: /Handle på vegne av Jonas/ }).click();
    await page.getByText(/Du handler på vegne av Jonas Nordmann/).first().waitFor();
    await page.goto(`${e2e.server.url}/min-side/resepter`);
    await page.getByRole('alert').filter({ hasText: 'Når barnet har fylt 12 år' }).waitFor();
    expect(await page.getByRole('heading', { level: 2, name: 'Gyldige resepter' }).count()).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.context().close();
  });
});
