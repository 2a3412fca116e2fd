// In a real browser, on a phone: the clinic admin's "Økonomi" page. Per Olsen (clinic admin at Fjordbyen) sees a
// co-payment paid at the desk today in this month's settlement, in words and kroner, downloads the same as a CSV a
// Norwegian spreadsheet opens, and is told in words when a period has nothing; he adds a tariff figure and sets a
// year's ceiling (an empty source is refused before anything is sent), and both show in the lists and the database.
// Lise Berg (clinician, not admin) is told the page is for clinic admins. Axe, and no page-wide sideways scroll.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { localDate } from '../src/shared/time.ts';
import { demoClinicId, demoPerson, demoPractitionerId } from '../test/people.ts';
import { accessibilityViolations } from './browser.ts';
import { PHONE, useE2e } from './harness.ts';

/** Whitespace as one space: Intl writes amounts with no-break spaces. */
const squash = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();
const noPageScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
/** A calendar date the way the settlement table writes it in bokmål ("24. nov. 2026"). */
const tableDate = (date: string) => new Intl.DateTimeFormat('nb-NO', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));

describe("the clinic admin's money page, in the browser", () => {
  const e2e = useE2e();
  const today = localDate(new Date());

  beforeAll(async () => {
    const o = e2e.server.database.owner;
    const clinicId = await demoClinicId(o, 'Fjordbyen legekontor');
    const perOlsen = await demoPractitionerId(o, 'Per Olsen');
    const ingrid = (await demoPerson(o, 'Ingrid Solberg')).id;
    // A visit this morning, already held, and its co-payment paid at the desk now.
    const visit = await o.query(
      `INSERT INTO appointments (clinic_id, practitioner_id, patient_id, booked_by, visit_type, starts_at, ends_at, blocked_until, status)
       SELECT $1, $2, $3, $3, 'clinic', t, t + interval '15 minutes', t + interval '15 minutes', 'completed'
       FROM (SELECT ($4::date + time '06:00') AT TIME ZONE 'Europe/Oslo' AS t) s RETURNING id`,
      [clinicId, perOlsen, ingrid, today],
    );
    await o.query(
      `INSERT INTO copayments (person_id, year, clinic_id, service, purpose, purpose_id, amount_ore) VALUES ($1, $2, $3, 'gp-consultation', 'appointment', $4, 17000)`,
      [ingrid, Number(today.slice(0, 4)), clinicId, visit.rows[0].id],
    );
  });

  async function openMoneyPage(name: string) {
    const page = await e2e.newPage(PHONE);
    await e2e.logIn(page, name, 'staff');
    return page;
  }

  it("Per Olsen sees today's desk co-payment in this month's settlement and downloads it as a CSV", async () => {
    const page = await openMoneyPage('Per Olsen');
    await page.getByRole('link', { name: 'Økonomi' }).click();
    await page.getByRole('heading', { level: 1, name: 'Økonomi' }).waitFor();
    // This month so far, in Oslo time.
    expect(await page.getByLabel('Fra og med', { exact: true }).inputValue()).toBe(`${today.slice(0, 8)}01`);
    expect(await page.getByLabel('Til og med', { exact: true }).inputValue()).toBe(today);

    const table = page.getByRole('region', { name: 'Oppgjør per dag' });
    const desk = table.getByRole('row').filter({ hasText: 'Betalt i skranken' });
    await desk.waitFor();
    const cells = (await desk.getByRole('cell').allInnerTexts()).map(squash);
    expect(cells).toEqual([tableDate(today), 'Betalt i skranken', '1', '170 kr']);
    expect(squash(await page.getByRole('status').filter({ hasText: /^Tatt inn fra / }).textContent())).toMatch(/: \d[\d ]*(,\d\d)? kr\.$/);
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(await noPageScroll(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: '.tmp-screens/okonomi-phone.png', fullPage: true });

    // The download link asks for the very same settlement as a CSV: semicolons and a decimal comma.
    const href = await page.getByRole('link', { name: 'Last ned som CSV' }).getAttribute('href');
    expect(href).toContain('format=csv');
    const csv = await page.evaluate((url) => fetch(url).then(async (r) => ({ type: r.headers.get('content-type'), text: await r.text() })), href!);
    expect(csv.type).toMatch(/^text\/csv/);
    const lines = csv.text.split('\r\n');
    expect(lines).toContain(`${today};paid;desk;clinic;1;170,00`);
    expect(lines.filter((line) => line.includes(';paid;desk;clinic;1;170,00'))).toHaveLength(1);

    // Per month: the same co-payment in this month's row.
    await page.getByRole('radio', { name: 'Per måned' }).check();
    const month = page.getByRole('region', { name: 'Oppgjør per måned' }).getByRole('row').filter({ hasText: 'Betalt i skranken' });
    await month.waitFor();
    expect(squash(await month.innerText())).toContain(new Intl.DateTimeFormat('nb-NO', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${today}T00:00:00Z`)));

    // A period that ends before it starts is refused in words; one with nothing in it says so.
    await page.getByRole('radio', { name: 'Per dag' }).check();
    await page.getByLabel('Til og med', { exact: true }).fill('2020-01-31');
    await page.getByText('Til-datoen kan ikke være før fra-datoen.').waitFor();
    expect(await page.getByLabel('Til og med', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Fra og med', { exact: true }).fill('2020-01-01');
    await page.getByRole('status').filter({ hasText: 'Ingen betalinger, reservasjoner eller fritak fra 1. januar 2020 til 31. januar 2020.' }).waitFor();
    expect(await page.getByRole('region', { name: 'Oppgjør per dag' }).count()).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('he adds a tariff figure and sets the ceiling for 2027; an empty source is refused before anything is sent', async () => {
    const o = e2e.server.database.owner;
    const page = await openMoneyPage('Per Olsen');
    await page.goto(`${e2e.server.url}/ansatt/okonomi`);
    await page.getByRole('heading', { level: 2, name: 'Egenandelssatser' }).waitFor();
    const sent: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'PUT') sent.push(request.url());
    });

    const tariff = page.getByRole('form', { name: 'Legg inn eller rett en sats' });
    await tariff.getByLabel('Gjelder fra').fill('2027-01-01');
    await tariff.getByLabel('Tjeneste').selectOption({ label: 'Legetime' });
    await tariff.getByRole('radio', { name: 'Dagtid' }).check();
    await tariff.getByLabel('Beløp i kroner').fill('180');
    await tariff.getByRole('button', { name: 'Lagre satsen' }).click();
    const source = tariff.getByLabel('Kilde');
    await tariff.getByText('Skriv hvor tallet er hentet fra.').waitFor();
    // The problem is tied to its field, and the field has the focus.
    expect(await source.getAttribute('aria-invalid')).toBe('true');
    expect(await source.evaluate((el) => el === document.activeElement)).toBe(true);
    const described = await source.evaluate((el) => (el.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' '));
    expect(described).toContain('Skriv hvor tallet er hentet fra.');
    expect(sent).toEqual([]);
    expect(await accessibilityViolations(page)).toEqual([]);

    await source.fill('Helfo 2027');
    await tariff.getByRole('button', { name: 'Lagre satsen' }).click();
    await page.getByRole('status').filter({ hasText: 'Satsen er lagret: Legetime, Dagtid, 180 kr fra 1. januar 2027.' }).waitFor();
    const period = page.getByRole('region', { name: 'Gjelder fra 1. januar 2027' });
    const row = period.getByRole('row').filter({ hasText: 'Helfo 2027' });
    await row.waitFor();
    expect((await row.getByRole('cell').allInnerTexts()).map(squash)).toEqual(['Legetime', 'Dagtid', '180 kr', 'Helfo 2027']);
    const saved = await o.query(`SELECT amount_ore, source FROM copayment_tariffs WHERE valid_from = '2027-01-01' AND service = 'gp-consultation' AND time_of_day = 'day'`);
    expect(saved.rows).toEqual([{ amount_ore: 18_000, source: 'Helfo 2027' }]);

    const ceiling = page.getByRole('form', { name: 'Sett egenandelstaket for et år' });
    await ceiling.getByLabel('År').fill('2027');
    await ceiling.getByLabel('Beløp i kroner').fill('3 400,50');
    await ceiling.getByLabel('Kilde').fill('Helfo 2027');
    await ceiling.getByRole('button', { name: 'Lagre egenandelstaket' }).click();
    await page.getByRole('status').filter({ hasText: /^Egenandelstaket for 2027 er lagret: 3\s400,50\skr\.$/ }).waitFor();
    const year = page.getByRole('region', { name: 'Egenandelstak per år' }).getByRole('row').filter({ hasText: /^2027/ });
    await year.waitFor();
    expect((await year.getByRole('cell').allInnerTexts()).map(squash)).toEqual(['2027', '3 400,50 kr', 'Helfo 2027']);
    const ceilingRow = await o.query('SELECT amount_ore, source FROM copayment_ceilings WHERE year = 2027');
    expect(ceilingRow.rows).toEqual([{ amount_ore: 340_050, source: 'Helfo 2027' }]);
    expect(sent).toHaveLength(2);

    expect(await accessibilityViolations(page)).toEqual([]);
    expect(await noPageScroll(page)).toBeLessThanOrEqual(0);
    await page.context().close();
  });

  it('Lise Berg, a clinician but not an admin, has no link and is told the page is for clinic admins', async () => {
    const page = await openMoneyPage('Lise Berg');
    await page.getByRole('link', { name: 'Innboks' }).waitFor();
    expect(await page.getByRole('link', { name: 'Økonomi' }).count()).toBe(0);
    await page.goto(`${e2e.server.url}/ansatt/okonomi`);
    await page.getByText(/^Denne siden er for klinikkadministratorer\./).waitFor();
    expect(await page.getByRole('heading', { name: 'Oppgjør' }).count()).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(await noPageScroll(page)).toBeLessThanOrEqual(0);
    await page.context().close();
  });

  it('Per Olsen refunds part of a card payment with a reason; the provider gives it back once and the page says so', async () => {
    const o = e2e.server.database.owner;
    const clinicId = await demoClinicId(o, 'Fjordbyen legekontor');
    const ola = (await demoPerson(o, 'Ola Hansen')).id;
    // A closed e-consultation of Ola's whose 350 kr were taken by card today (made in SQL as the capture leaves it).
    const made = await o.query(
      `WITH ids AS (SELECT gen_random_uuid() AS case_id, gen_random_uuid() AS checkout_id, gen_random_uuid() AS payment_id),
       checkout AS (INSERT INTO card_simulator_checkouts (id, amount_ore, currency, description, language, status, return_url, card_last4, captured_amount_ore, capture_count)
                    SELECT checkout_id, 35000, 'NOK', 'E-konsultasjon', 'nb', 'captured', 'http://127.0.0.1/', '4242', 35000, 1 FROM ids),
       kase AS (INSERT INTO econsult_cases (id, clinic_id, patient_id, submitted_by, status, screening_version, reason_id, questionnaire_version, patient_age,
                                            price_ore, price_rule, payment_id, submitted_at, due_at, closed_at, outcome, outcome_summary)
                SELECT case_id, $1, $2, $2, 'closed', 1, 'other', 1, 46, 35000, 'copayment', payment_id, now() - interval '3 hours', now() + interval '3 hours', now(), 'advice', 'Råd.' FROM ids)
       INSERT INTO payments (id, clinic_id, person_id, purpose, purpose_id, amount_ore, currency, provider, provider_ref, status, redirect_url, authorized_at, captured_at)
       SELECT payment_id, $1, $2, 'econsult', case_id, 35000, 'NOK', 'simulator', checkout_id::text, 'captured', 'http://127.0.0.1/', now(), now() FROM ids RETURNING id, provider_ref`,
      [clinicId, ola],
    );
    const payment = made.rows[0] as { id: string; provider_ref: string };
    const page = await openMoneyPage('Per Olsen');
    await page.goto(`${e2e.server.url}/ansatt/okonomi`);
    const section = page.getByRole('region', { name: 'Kortbetalinger og refusjon' });
    const item = section.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /Ola Hansen/ }) });
    await item.getByRole('button', { name: 'Refunder' }).click();
    const amount = item.getByLabel(/Beløp i kroner/);
    expect(await amount.inputValue()).toBe('350,00');
    await amount.fill('50');
    await item.getByRole('button', { name: 'Refunder beløpet' }).click();
    const reason = item.getByLabel('Begrunnelse');
    await item.getByText('Skriv en begrunnelse.').waitFor();
    expect(await reason.evaluate((el) => el === document.activeElement)).toBe(true);
    await reason.fill('Svaret kom etter fristen');
    await item.getByRole('button', { name: 'Refunder beløpet' }).click();
    await item.getByText(/50\skr .*\(Svaret kom etter fristen\)/).waitFor();
    for (let i = 0; i < 100; i++) {
      const [row] = (await o.query(`SELECT refund_count, refunded_amount_ore FROM card_simulator_checkouts WHERE id::text = $1`, [payment.provider_ref])).rows;
      if (row.refund_count === 1) {
        expect(row.refunded_amount_ore).toBe(5000);
        break;
      }
      if (i === 99) throw new Error('the refund never reached the simulator');
      await new Promise((r) => setTimeout(r, 100));
    }
    await page.reload();
    await section.getByText(/^Refundert 50\skr \(Svaret kom etter fristen\)\.$/).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('Anna Lindqvist sets her private clinic’s prices and options; a price that is not kroner is refused in words; Per is told his follow the tariff', async () => {
    const page = await openMoneyPage('Anna Lindqvist');
    await page.goto(`${e2e.server.url}/ansatt/okonomi`);
    const prices = page.getByRole('region', { name: 'Priser' });
    const visit = prices.getByLabel('Time på legekontoret eller på video (kr)');
    expect(await visit.inputValue()).toBe('650,00');
    await visit.fill('sju hundre');
    await prices.getByRole('button', { name: 'Lagre prisene' }).click();
    await prices.getByText('Skriv beløpet i kroner med tall, for eksempel 180 eller 180,50.').waitFor();
    expect(await visit.evaluate((el) => el === document.activeElement)).toBe(true);
    await visit.fill('700');
    await prices.getByLabel('Barn under 18 år betaler ikke').check();
    await prices.getByRole('button', { name: 'Lagre prisene' }).click();
    await prices.getByText('Prisene er lagret.').waitFor();
    const [row] = (await e2e.server.database.owner.query(`SELECT visit_price_ore, private_children_free FROM clinics WHERE name = 'Nordlys nettklinikk'`)).rows;
    expect(row).toEqual({ visit_price_ore: 70000, private_children_free: true });
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.context().close();

    const per = await openMoneyPage('Per Olsen');
    await per.goto(`${e2e.server.url}/ansatt/okonomi`);
    await per.getByRole('region', { name: 'Priser' }).getByText(/Egne priser gjelder bare private legekontor/).waitFor();
    await per.context().close();
  });

  it('Sara Moe (the hospital clinic’s admin) changes the invoice account; a wrong check digit is refused in words', async () => {
    const page = await e2e.newPage(PHONE);
    await e2e.logIn(page, 'Sara Moe', 'staff');
    await page.goto(`${e2e.server.url}/ansatt/okonomi`);
    const account = page.getByRole('region', { name: 'Kontonummer for fakturaer' });
    const field = account.getByLabel('Kontonummer');
    await field.waitFor();
    expect(await field.inputValue()).toMatch(/^\d{4}\.\d{2}\.\d{5}$/);
    await field.fill('1503.12.34563');
    await account.getByRole('button', { name: 'Lagre kontonummer' }).click();
    await account.getByText(/kontrollsifferet \(det siste\) må stemme/).waitFor();
    await field.fill('1503 12 34562');
    await account.getByRole('button', { name: 'Lagre kontonummer' }).click();
    await page.getByRole('status').filter({ hasText: 'Kontonummeret 1503.12.34562 er lagret.' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    const saved = await e2e.server.database.owner.query(`SELECT bank_account FROM clinics WHERE name = 'Vestbyen sykehus, poliklinikk'`);
    expect(saved.rows).toEqual([{ bank_account: '15031234562' }]);
    await page.context().close();
  });
});
