// In a real browser: the price of a visit is shown before the patient books or sends an e-consultation (free for a
// child under 16; an adult's co-payment in kroner with how it is paid, as the server prices that very time; a private
// clinic's price with the card only reserved), and "Egenandeler og frikort" shows a year's co-payments, the ceiling,
// what is left and the progress bar, then the frikort once the ceiling is passed; a parent sees a 9-year-old's page and
// is told in words why a 14-year-old's is closed. Phone width, axe, no page scroll.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { localDate } from '../src/shared/time.ts';
import { syntheticNationalId } from '../src/server/demo/synthetic-ids.ts';
import { isValidKid } from '../src/server/money/kid.ts';
import { dateInZone, weekFrom } from '../src/web/booking/zoned-time.ts';
import { demoClinicId, demoPerson, demoPractitionerId } from '../test/people.ts';
import { accessibilityViolations } from './browser.ts';
import { PHONE, useE2e } from './harness.ts';

const OSLO = 'Europe/Oslo';

interface PriceJson {
  amountOre: number;
  exemption: string | null;
  payBy: string;
  timeOfDay: 'day' | 'evening';
}

/** Whitespace as one space: Intl writes amounts with no-break spaces. */
const squash = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();
/** Kroner the Norwegian way, independently of the app's formatter: "3 278 kr", "8,50 kr". */
const kr = (ore: number) => `${new Intl.NumberFormat('nb-NO', { minimumFractionDigits: ore % 100 ? 2 : 0 }).format(ore / 100)} kr`;
/** "Tirsdag 1. desember kl. 08:00": how a slot button names the instant's day in Oslo, and the API string's clock time. */
function osloName(iso: string): string {
  const day = new Intl.DateTimeFormat('nb-NO', { weekday: 'long', day: 'numeric', month: 'long', timeZone: OSLO }).format(new Date(iso));
  return `${day.charAt(0).toUpperCase()}${day.slice(1)} kl. ${iso.slice(11, 16)}`;
}
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('what a visit costs, in the browser', () => {
  const e2e = useE2e();
  const year = Number(localDate(new Date()).slice(0, 4));
  let clinicId = '';
  let perOlsen = '';
  let ola = '';
  /** The GP consultation's day and evening co-payment in force today, as the installation holds them. */
  let tariff: number[] = [];
  let ceiling = 0;

  beforeAll(async () => {
    const o = e2e.server.database.owner;
    clinicId = await demoClinicId(o, 'Fjordbyen legekontor');
    perOlsen = await demoPractitionerId(o, 'Per Olsen');
    ola = (await demoPerson(o, 'Ola Hansen')).id;
    const rows = await o.query(
      `SELECT DISTINCT ON (time_of_day) amount_ore FROM copayment_tariffs
       WHERE service = 'gp-consultation' AND valid_from <= current_date ORDER BY time_of_day, valid_from DESC`,
    );
    tariff = rows.rows.map((r: { amount_ore: number }) => r.amount_ore);
    expect(tariff).toHaveLength(2);
    ceiling = (await o.query('SELECT amount_ore FROM copayment_ceilings WHERE year <= $1 ORDER BY year DESC LIMIT 1', [year])).rows[0].amount_ore;
  });

  const api = <T,>(page: Page, path: string) => page.evaluate((url) => fetch(url).then((r) => r.json()), path) as Promise<T>;
  const noPageScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  /** The value of a labelled fact (a <dt> and its <dd>). */
  const fact = (page: Page, label: string) => page.getByRole('term').filter({ hasText: new RegExp(`^${escape(label)}$`) }).locator('xpath=following-sibling::dd[1]');

  async function chooseTimeNextWeek(page: Page, visitType: 'Video' | 'Oppmøte på legekontoret') {
    await page.getByRole('combobox', { name: 'Legekontor', exact: true }).selectOption({ label: 'Fjordbyen legekontor' });
    await page.getByRole('radio', { name: visitType }).check();
    await page.getByRole('button', { name: 'Neste uke' }).click();
  }

  it('Kari, booking a video time for her daughter Emma (9), sees before confirming that children under 16 pay nothing', async () => {
    const page = await e2e.newPage(PHONE);
    await e2e.logIn(page, 'Kari Nordmann');
    await page.goto(`${e2e.server.url}/timebestilling`);
    await page.getByRole('radio', { name: 'Emma Nordmann' }).check();
    await chooseTimeNextWeek(page, 'Video');
    await page.getByRole('button', { name: /kl\. \d\d:\d\d hos / }).first().click();
    await page.getByRole('heading', { name: 'Valgt tid' }).waitFor();

    const free = page.getByText('Gratis: barn under 16 år betaler ikke egenandel.', { exact: true });
    await free.waitFor();
    await page.getByText('Du får ingen regning.', { exact: true }).waitFor();
    // Said politely to a screen reader when it arrives, and before anything is booked.
    expect(await free.evaluate((el) => el.closest('[aria-live]')?.getAttribute('aria-live'))).toBe('polite');
    await page.getByRole('button', { name: 'Bestill', exact: true }).waitFor();

    expect(await accessibilityViolations(page)).toEqual([]);
    expect(await noPageScroll(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: '.tmp-screens/price-notice-phone.png', fullPage: true });
    await page.context().close();
  });

  it('Ola, booking a time at the office, sees the co-payment in kroner for that very time and that he pays at the clinic', async () => {
    const page = await e2e.newPage();
    await e2e.logIn(page, 'Ola Hansen');
    await page.goto(`${e2e.server.url}/timebestilling`);
    await chooseTimeNextWeek(page, 'Oppmøte på legekontoret');

    const week = weekFrom(dateInZone(new Date(), OSLO), 1, OSLO);
    const query = new URLSearchParams({ clinicId, practitionerId: perOlsen, visitType: 'clinic', from: week.from.toISOString(), to: week.to.toISOString() });
    const { slots } = await api<{ slots: Array<{ start: string }> }>(page, `/api/availability?${query}`);
    // Any free time will do: what is shown is checked against the server's price for that time, day or evening.
    const slot = slots.at(-1)!;
    await page.getByRole('button', { name: `${osloName(slot.start)} hos Per Olsen`, exact: true }).click();
    await page.getByRole('heading', { name: 'Valgt tid' }).waitFor();

    const price = await api<PriceJson>(page, `/api/prices?${new URLSearchParams({ clinicId, service: 'consultation', visitType: 'clinic', patientId: ola, at: slot.start })}`);
    expect(price).toMatchObject({ exemption: null, payBy: 'at-clinic' });
    expect(tariff).toContain(price.amountOre);
    const shown = page.getByText(/^Pris: /);
    await shown.waitFor();
    expect(squash(await shown.textContent())).toBe(`Pris: ${squash(kr(price.amountOre))} (egenandel, ${price.timeOfDay === 'day' ? 'dagtid' : 'kveld og helg'}).`);
    await page.getByText('Du betaler på legekontoret.', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Bestill', exact: true }).waitFor();
    await page.context().close();
  });

  it("Ola's co-payments this year: the sum, the ceiling, what is left and the bar on a phone; past the ceiling he has frikort", async () => {
    const o = e2e.server.database.owner;
    const insert = (amountOre: number) =>
      o.query(
        `INSERT INTO copayments (person_id, year, clinic_id, service, purpose, purpose_id, amount_ore) VALUES ($1, $2, $3, 'gp-consultation', 'test', gen_random_uuid(), $4) RETURNING paid_at`,
        [ola, year, clinicId, amountOre],
      );
    const first = await insert(17_000);
    await insert(28_850);
    const paid = 45_850;

    const page = await e2e.newPage(PHONE);
    await e2e.logIn(page, 'Ola Hansen');
    await page.getByRole('link', { name: 'Egenandeler og frikort' }).click();
    await page.getByRole('heading', { level: 1, name: 'Egenandeler og frikort' }).waitFor();
    expect(await page.getByRole('combobox', { name: 'År' }).inputValue()).toBe(String(year));

    await expect.poll(async () => squash(await fact(page, 'Betalt så langt').textContent())).toBe(squash(kr(paid)));
    expect(squash(await fact(page, 'Egenandelstaket').textContent())).toBe(squash(kr(ceiling)));
    expect(squash(await fact(page, 'Igjen til taket').textContent())).toBe(squash(kr(ceiling - paid)));

    const percent = new Intl.NumberFormat('nb-NO', { style: 'percent' }).format(Math.floor((paid * 100) / ceiling) / 100);
    const valueText = squash(`${kr(paid)} av ${kr(ceiling)} er betalt (${percent}).`);
    const bar = page.getByRole('progressbar', { name: `Betalt av egenandelstaket for ${year}` });
    expect(squash(await bar.getAttribute('aria-valuetext'))).toBe(valueText);
    expect(Number(await bar.getAttribute('aria-valuenow'))).toBe(paid / 100);
    expect(Number(await bar.getAttribute('aria-valuemax'))).toBe(ceiling / 100);
    // The same figures as text, for everyone who does not see the bar.
    expect(squash(await page.getByText(/ er betalt \(/).textContent())).toBe(valueText);
    await page.getByText(/^Du har ikke frikort ennå\./).waitFor();

    const table = page.getByRole('region', { name: `Egenandeler betalt i ${year}` });
    const rows = table.getByRole('row');
    await expect.poll(() => rows.count()).toBe(3);
    // Date, clinic and service, amount: the whole table fits a 360 px phone, amount included.
    expect(await table.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    const firstRow = squash(await rows.nth(1).innerText());
    const day = new Intl.DateTimeFormat('nb-NO', { dateStyle: 'long', timeZone: OSLO }).format(first.rows[0].paid_at);
    for (const text of [day, 'Fjordbyen legekontor', 'Legetime', squash(kr(17_000))]) expect(firstRow).toContain(text);
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(await noPageScroll(page)).toBeLessThanOrEqual(0);

    // Past the ceiling: the database grants the frikort, and the page says so after a reload.
    await insert(ceiling - paid + 10_000);
    await page.reload();
    await page.getByText(new RegExp(`^Du har frikort for ${year} fra `)).waitFor();
    await page.getByText('Frikortet kom fordi egenandelene nådde taket.').waitFor();
    expect(squash(await fact(page, 'Igjen til taket').textContent())).toBe(squash(kr(0)));
    expect(Number(await page.getByRole('progressbar').getAttribute('aria-valuenow'))).toBe(ceiling / 100);
    expect(await page.getByRole('region', { name: `Egenandeler betalt i ${year}` }).getByRole('row').count()).toBe(4);
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(await noPageScroll(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: '.tmp-screens/egenandeler-phone.png', fullPage: true });
    await page.context().close();
  });

  it("Ola sees the e-consultation's price and that the card is only reserved, before he sends it", async () => {
    const page = await e2e.newPage(PHONE);
    await e2e.logIn(page, 'Ola Hansen');
    await page.goto(`${e2e.server.url}/e-konsultasjon`);
    await page.getByRole('combobox', { name: 'Legekontor' }).selectOption({ label: 'Nordlys nettklinikk' });
    await page.getByRole('button', { name: 'Neste' }).click();
    await page.getByRole('heading', { name: 'Først: trenger du hjelp med en gang?' }).waitFor();
    const groups = page.getByRole('group').filter({ has: page.getByRole('radio', { name: 'Ja', exact: true }) });
    for (let i = 0; i < (await groups.count()); i++) await groups.nth(i).getByRole('radio', { name: 'Nei' }).check();
    await page.getByRole('button', { name: 'Gå videre' }).click();
    await page.getByRole('radio', { name: /^Noe annet/ }).first().check();
    await page.getByRole('button', { name: 'Neste' }).click();
    await page.getByRole('heading', { name: /Steg 2 av 4/ }).waitFor();
    await page.getByRole('radio', { name: 'En ny plage' }).check();
    await page.getByLabel(/Beskriv hva du trenger hjelp med/).fill('Tørr hud på albuene.');
    await page.getByRole('group', { name: /Er du allergisk mot noen legemidler/ }).getByRole('radio', { name: 'Nei' }).check();
    await page.getByRole('button', { name: 'Neste' }).click();
    await page.getByRole('heading', { name: /Steg 3 av 4/ }).waitFor();
    await page.getByRole('button', { name: 'Neste' }).click();
    await page.getByRole('heading', { name: /Steg 4 av 4/ }).waitFor();

    const nordlys = await demoClinicId(e2e.server.database.owner, 'Nordlys nettklinikk');
    const price = await api<PriceJson>(page, `/api/prices?${new URLSearchParams({ clinicId: nordlys, service: 'econsult', patientId: ola })}`);
    expect(price).toMatchObject({ exemption: null, payBy: 'reserve-then-capture' });
    const shown = page.getByText(/^Pris: /);
    await shown.waitFor();
    expect(squash(await shown.textContent())).toBe(squash(`Pris: ${kr(price.amountOre)}. Det er legekontorets egen pris, og den teller ikke mot egenandelstaket.`));
    await page.getByText('Beløpet reserveres på kortet ditt og trekkes først når saken er avsluttet.', { exact: true }).waitFor();
    // The send button is described by the price.
    const send = page.getByRole('button', { name: 'Send til legekontoret' });
    expect(squash(await send.evaluate((el) => document.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent ?? null))).toContain(squash(kr(price.amountOre)));
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('heading', { name: 'Pris', exact: true }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: '.tmp-screens/econsult-price-phone.png' });
    await page.context().close();
  });

  it("a parent sees her 9-year-old's co-payments while acting for her, and is told why a 14-year-old's are closed", async () => {
    const page = await e2e.newPage(PHONE);
    await e2e.logIn(page, 'Kari Nordmann');
    await page.getByRole('button', { name: 'Handle på vegne av Emma Nordmann' }).click();
    await page.getByText('Du handler på vegne av Emma Nordmann').waitFor();
    await page.getByRole('link', { name: 'Egenandeler og frikort' }).click();
    await page.getByText('Du ser egenandelene til Emma Nordmann.').waitFor();
    await page.getByText(`Ingen egenandeler er registrert for ${year}.`).waitFor();

    await page.goto(`${e2e.server.url}/min-side`);
    await page.getByRole('button', { name: 'Handle på vegne av Jonas Nordmann' }).click();
    await page.getByText('Du handler på vegne av Jonas Nordmann').waitFor();
    await page.getByRole('link', { name: 'Egenandeler og frikort' }).click();
    await page.getByText(/^Når barnet har fylt 12 år, kan ikke foreldre lenger se hvilke egenandeler barnet har betalt/).waitFor();
    expect(await page.getByRole('progressbar').count()).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('reception marks a visit paid at the desk on the day list; it stays marked, and the amount is the co-payment counted', async () => {
    const o = e2e.server.database.owner;
    // Ingrid (Ola has frikort by now): a visit with Per Olsen eight days ahead at 07:00 Oslo time (the evening tariff).
    const ingrid = (await demoPerson(o, 'Ingrid Solberg')).id;
    const [visit] = (
      await o.query(
        `INSERT INTO appointments (clinic_id, practitioner_id, patient_id, booked_by, visit_type, starts_at, ends_at, blocked_until)
         SELECT $1, $2, $3, $3, 'clinic', t, t + interval '15 minutes', t + interval '15 minutes'
         FROM (SELECT ((current_date + 8) + time '07:00') AT TIME ZONE 'Europe/Oslo' AS t) s RETURNING id, starts_at`,
        [clinicId, perOlsen, ingrid],
      )
    ).rows as Array<{ id: string; starts_at: Date }>;
    const day = dateInZone(visit!.starts_at, OSLO);
    const page = await e2e.newPage(PHONE);
    await e2e.logIn(page, 'Tone Ås', 'staff');
    await page.goto(`${e2e.server.url}/ansatt/dagsliste`);
    await page.getByLabel('Dato').fill(day);
    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /07:00.*Ingrid Solberg/ }) });
    await card.getByRole('button', { name: 'Egenandel betalt i skranken' }).click();
    await card.getByText(/^Egenandel betalt: /).waitFor();
    const [row] = (await o.query(`SELECT amount_ore FROM copayments WHERE purpose = 'appointment' AND purpose_id = $1`, [visit!.id])).rows as Array<{ amount_ore: number }>;
    expect(tariff).toContain(row!.amount_ore);
    expect(squash(await card.getByText(/^Egenandel betalt: /).textContent())).toBe(`Egenandel betalt: ${squash(kr(row!.amount_ore))}.`);
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(await noPageScroll(page)).toBeLessThanOrEqual(0);

    await page.reload();
    await page.getByLabel('Dato').fill(day);
    await card.getByText(/^Egenandel betalt: /).waitFor();
    expect(await card.getByRole('button', { name: 'Egenandel betalt i skranken' }).count()).toBe(0);
    await page.context().close();

    // Ingrid finds the receipt on "Egenandeler og frikort", and it is a PDF.
    const patient = await e2e.newPage(PHONE);
    await e2e.logIn(patient, 'Ingrid Solberg');
    await patient.goto(`${e2e.server.url}/min-side/egenandeler`);
    const receipts = patient.getByRole('region', { name: 'Kvitteringer' });
    const item = receipts.getByRole('listitem').filter({ hasText: `Legetime hos Fjordbyen legekontor, ${kr(row!.amount_ore)}`.replace(/\s/g, ' ') });
    await item.first().waitFor();
    const href = await item.first().getByRole('link', { name: 'Kvittering (PDF)' }).getAttribute('href');
    const type = await patient.evaluate((url) => fetch(url!).then((r) => r.headers.get('content-type')), href);
    expect(type).toBe('application/pdf');
    expect(await accessibilityViolations(patient)).toEqual([]);
    await patient.context().close();
  });

  it('a hospital outpatient visit gives an invoice with a valid KID in the patient’s inbox', async () => {
    const o = e2e.server.database.owner;
    // A hospital outpatient clinic with an account, its receptionist, and a visit of Ingrid's nine days ahead.
    const hospital = (await o.query(`INSERT INTO clinics (name, org_number, kind, bank_account) VALUES ('Fjordbyen sykehus, poliklinikk', '983974899', 'hospital_outpatient', '12345678903') RETURNING id`)).rows[0].id as string;
    const nid = syntheticNationalId('1975-05-05', 7, { female: true });
    const hanne = (await o.query(`INSERT INTO persons (national_id, national_id_kind, name, birth_date) VALUES ($1, 'synthetic', 'Hanne Sykehus', '1975-05-05') RETURNING id`, [nid])).rows[0].id;
    await o.query(`INSERT INTO staff_roles (person_id, clinic_id, role) VALUES ($1, $2, 'reception')`, [hanne, hospital]);
    const ingrid = (await demoPerson(o, 'Ingrid Solberg')).id;
    const [visit] = (
      await o.query(
        `INSERT INTO appointments (clinic_id, practitioner_id, patient_id, booked_by, visit_type, starts_at, ends_at, blocked_until)
         SELECT $1, $2, $3, $3, 'clinic', t, t + interval '20 minutes', t + interval '20 minutes'
         FROM (SELECT ((current_date + 9) + time '07:30') AT TIME ZONE 'Europe/Oslo' AS t) s RETURNING starts_at`,
        [hospital, perOlsen, ingrid],
      )
    ).rows as Array<{ starts_at: Date }>;

    const page = await e2e.newPage(PHONE);
    await e2e.logIn(page, 'Hanne Sykehus', 'staff');
    await page.goto(`${e2e.server.url}/ansatt/dagsliste`);
    await page.getByLabel('Dato').fill(dateInZone(visit!.starts_at, OSLO));
    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /07:30.*Ingrid Solberg/ }) });
    await card.getByRole('button', { name: 'Send faktura' }).click();
    const sent = card.getByText(/^Faktura nr\. \d+ er sendt til pasientens innboks: /);
    await sent.waitFor();
    const [, number, kid] = /^Faktura nr\. (\d+) .*KID (\d+),/.exec(squash(await sent.textContent()))!;
    expect(isValidKid(kid!, 'mod10')).toBe(true);
    expect(squash(await sent.textContent())).toContain(`${squash(kr(40300))}, KID`);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.context().close();

    const patient = await e2e.newPage(PHONE);
    await e2e.logIn(patient, 'Ingrid Solberg');
    await patient.goto(`${e2e.server.url}/innboks`);
    await patient.getByRole('link', { name: new RegExp(`Faktura nr\\. ${number}`) }).click();
    await patient.getByText(new RegExp(`med KID ${kid}`)).waitFor();
    await patient.context().close();
  });
});
