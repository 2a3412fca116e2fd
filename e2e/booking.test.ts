// In a real browser in New York: patients book, see, move and cancel appointments in Oslo time; a parent books for a child; reception sees the day.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Browser } from '../test/server.ts';
import { demoPerson, demoClinicId, demoPractitionerId } from '../test/people.ts';
import { dateInZone, weekFrom } from '../src/web/booking/zoned-time.ts';
import { accessibilityViolations } from './browser.ts';
import { PHONE, useE2e } from './harness.ts';

const OSLO = 'Europe/Oslo';

interface SlotJson {
  practitionerId: string;
  start: string;
  visitType: string;
}

interface AppointmentJson {
  id: string;
  start: string;
  status: string;
  patientName: string;
  version: number;
}

/** "Tirsdag 1. desember kl. 08:00": the instant's day in Oslo, as the UI should name it, and the clock time from the API's string. */
function osloName(iso: string, withYear = false): string {
  const options: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long', timeZone: OSLO, ...(withYear ? { year: 'numeric' } : {}) };
  const day = new Intl.DateTimeFormat('nb-NO', options).format(new Date(iso));
  return `${day.charAt(0).toUpperCase()}${day.slice(1)} kl. ${iso.slice(11, 16)}`;
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('booking in the browser', () => {
  const e2e = useE2e();
  const newPage = e2e.newPage;
  let clinicId = '';
  let perOlsen = '';

  beforeAll(async () => {
    const o = e2e.server.database.owner;
    clinicId = await demoClinicId(o, 'Fjordbyen legekontor');
    perOlsen = await demoPractitionerId(o, 'Per Olsen');
  });

  const logInAsPatient = (page: Page, name: string) => e2e.logIn(page, name, 'patient');
  const logInAsStaff = (page: Page, name: string) => e2e.logIn(page, name, 'staff');

  async function api<T>(page: Page, path: string): Promise<T> {
    return page.evaluate((url) => fetch(url).then((r) => r.json()), path) as Promise<T>;
  }

  /** Per Olsen's free video times in the UI's second week (next week), straight from the API. */
  async function perOlsensVideoTimesNextWeek(page: Page): Promise<SlotJson[]> {
    const week = weekFrom(dateInZone(new Date(), OSLO), 1, OSLO);
    const query = new URLSearchParams({ clinicId, practitionerId: perOlsen, visitType: 'video', from: week.from.toISOString(), to: week.to.toISOString() });
    const answer = await api<{ timeZone: string; slots: SlotJson[] }>(page, `/api/availability?${query}`);
    expect(answer.timeZone).toBe(OSLO);
    return answer.slots;
  }

  /** A slot button: its visible text is the time, its name says day, time and clinician. */
  const slotButton = (page: Page, iso: string, clinician: string) =>
    page.getByRole('button', { name: `${osloName(iso)} hos ${clinician}`, exact: true });

  it('Ola books a video time with his GP in Oslo time, sees it in Mine timer, moves it and cancels it; the times are free again', async () => {
    const page = await newPage();
    await logInAsPatient(page, 'Ola Hansen');
    await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Bestill time' }).click();
    await page.getByRole('heading', { name: 'Bestill time', level: 1 }).waitFor();

    // His GP is the default clinician.
    const clinician = page.getByLabel('Behandler');
    await expect.poll(() => clinician.evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.textContent), { timeout: 15_000 }).toBe('Fastlegen din (Per Olsen)');
    await page.getByRole('radio', { name: 'Video' }).check();
    await page.getByRole('button', { name: 'Neste uke' }).click();

    const free = await perOlsensVideoTimesNextWeek(page);
    const wanted = free[0]!;
    const button = slotButton(page, wanted.start, 'Per Olsen');
    await button.waitFor();
    // The button shows the Oslo wall-clock time of the API's slot, though the browser is six hours behind.
    await button.getByText(wanted.start.slice(11, 16), { exact: true }).waitFor();
    await button.click();

    await page.getByRole('heading', { name: 'Valgt tid' }).waitFor();
    await page.getByText('Skriv kort hva timen gjelder. Ikke skriv mer enn nødvendig – legen spør deg om detaljene.').waitFor();
    await page.getByLabel('Hva gjelder timen?').fill('Kontroll av blodtrykket');
    await page.getByRole('button', { name: 'Bestill', exact: true }).click();

    const confirmation = page.getByRole('heading', { name: 'Timen er bestilt' });
    await confirmation.waitFor();
    const confirmed = await page.getByRole('main').innerText();
    for (const text of [osloName(wanted.start, true), 'Per Olsen', 'Fjordbyen legekontor', 'Ola Hansen', 'Video']) expect(confirmed).toContain(text);
    expect(await page.getByRole('link', { name: 'Legg til i kalender (.ics)' }).getAttribute('href')).toMatch(/\/api\/appointments\/[0-9a-f-]+\/calendar\.ics$/);
    await page.getByText(/bekreftelse på SMS eller e-post/).waitFor();

    await page.getByRole('link', { name: 'Se alle timene dine' }).click();
    await page.getByRole('heading', { name: 'Mine timer', level: 1 }).waitFor();
    await page.getByRole('heading', { name: osloName(wanted.start, true), level: 3 }).waitFor();

    // Move it to another free time with the same clinician and visit type.
    await page.getByRole('button', { name: 'Endre tid' }).click();
    await page.getByRole('heading', { name: 'Velg ny tid' }).waitFor();
    await page.getByRole('button', { name: 'Neste uke' }).click();
    const later = free[2]!;
    await slotButton(page, later.start, 'Per Olsen').click();
    await page.getByRole('button', { name: 'Bekreft ny tid' }).click();
    await page.getByText(`Timen er flyttet til ${lowerFirst(osloName(later.start, true))}.`).waitFor();
    const [moved] = (await api<{ appointments: AppointmentJson[] }>(page, '/api/appointments')).appointments;
    expect(moved).toMatchObject({ start: later.start, status: 'booked', version: 2 });

    // Cancel it, after a confirm step.
    await page.getByRole('button', { name: 'Avbestill' }).click();
    await page.getByRole('button', { name: 'Ja, avbestill timen' }).click();
    await page.getByText(/er avbestilt\.$/).waitFor();
    await page.getByRole('heading', { name: 'Tidligere og avbestilte timer' }).waitFor();
    await page.getByText('Avbestilt', { exact: true }).waitFor();
    expect(await page.getByText('Du har ingen kommende timer.').count()).toBe(1);

    const again = await perOlsensVideoTimesNextWeek(page);
    expect(again.map((s) => s.start)).toEqual(expect.arrayContaining([wanted.start, later.start]));
    await page.context().close();
  });

  it('a time taken by someone else meanwhile is explained, and the three nearest free times are offered', async () => {
    const page = await newPage();
    await logInAsPatient(page, 'Ola Hansen');
    await page.goto(`${e2e.server.url}/timebestilling`);
    await page.getByRole('radio', { name: 'Video' }).check();
    await page.getByRole('button', { name: 'Neste uke' }).click();
    const free = await perOlsensVideoTimesNextWeek(page);
    const wanted = free[4]!;
    await slotButton(page, wanted.start, 'Per Olsen').click();
    await page.getByRole('heading', { name: 'Valgt tid' }).waitFor();

    // Kari takes the very same time while Ola is filling in the form.
    const kari = new Browser(e2e.server.url);
    await kari.login((await demoPerson(e2e.server.database.owner, 'Kari Nordmann')).nationalId);
    const taken = await kari.fetch('/api/appointments', { method: 'POST', json: { practitionerId: perOlsen, start: wanted.start, visitType: 'video' } });
    expect(taken.status).toBe(201);

    await page.getByRole('button', { name: 'Bestill', exact: true }).click();
    await page.getByText('Timen ble akkurat tatt av noen andre. Velg en annen tid.').waitFor();
    const offered = page.getByRole('button', { name: / hos Per Olsen$/ });
    await expect.poll(() => offered.count(), { timeout: 15_000 }).toBe(3);
    const names = await offered.allTextContents();
    // Per Olsen works in steps of 20 minutes: 20 before, 20 after, then the earlier of the two 40 minutes away.
    expect(names).toEqual([free[2]!, free[3]!, free[5]!].map((s) => `${osloName(s.start)} hos Per Olsen`));
    await offered.nth(1).click();
    await page.getByRole('button', { name: 'Bestill', exact: true }).click();
    await page.getByRole('heading', { name: 'Timen er bestilt' }).waitFor();
    expect(await page.getByRole('main').innerText()).toContain(osloName(free[3]!.start, true));
    await page.context().close();
  });

  it('a parent books for her child, and Mine timer says the appointment is Emma\'s', async () => {
    const page = await newPage();
    await logInAsPatient(page, 'Kari Nordmann');
    await page.getByRole('main').getByRole('link', { name: 'Bestill time' }).click();
    await page.getByRole('heading', { name: 'Bestill time', level: 1 }).waitFor();
    await page.getByRole('radio', { name: 'Emma Nordmann' }).check();
    await page.getByRole('radio', { name: 'Oppmøte på legekontoret' }).check();
    await page.getByRole('button', { name: 'Neste uke' }).click();
    const first = page.getByRole('button', { name: /kl\. \d\d:\d\d hos / }).first();
    await first.click();
    await page.getByText('Emma Nordmann', { exact: true }).waitFor();
    await page.getByRole('checkbox', { name: 'Jeg trenger tolk' }).check();
    await page.getByRole('textbox', { name: 'Språk' }).fill('ukrainsk');
    await page.getByRole('button', { name: 'Bestill', exact: true }).click();
    await page.getByRole('heading', { name: 'Timen er bestilt' }).waitFor();
    expect(await page.getByRole('main').innerText()).toContain('Emma Nordmann');

    await page.getByRole('link', { name: 'Se alle timene dine' }).click();
    await page.getByRole('heading', { name: 'Mine timer', level: 1 }).waitFor();
    const upcoming = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Kommende timer' }) });
    await upcoming.getByText('Emma Nordmann').waitFor();
    const mine = (await api<{ appointments: AppointmentJson[] }>(page, '/api/appointments')).appointments;
    expect(mine.filter((a) => a.status === 'booked').map((a) => a.patientName)).toContain('Emma Nordmann');
    await page.context().close();
  });

  it('the booking pages have no serious accessibility violations on a 360 px phone, and no horizontal scroll', async () => {
    const page = await newPage(PHONE);
    await logInAsPatient(page, 'Kari Nordmann');
    const noOverflow = async () => expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

    await page.goto(`${e2e.server.url}/timebestilling`);
    await page.getByRole('button', { name: 'Neste uke' }).click();
    await page.getByRole('button', { name: /kl\. \d\d:\d\d hos / }).first().waitFor();
    expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
    expect(await accessibilityViolations(page)).toEqual([]);
    await noOverflow();
    await page.screenshot({ path: '.tmp-screens/booking-phone.png', fullPage: true });

    await page.getByRole('button', { name: /kl\. \d\d:\d\d hos / }).first().click();
    await page.getByRole('heading', { name: 'Valgt tid' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await noOverflow();

    await page.goto(`${e2e.server.url}/timer`);
    await page.getByRole('heading', { name: 'Kommende timer' }).waitFor();
    await page.getByRole('button', { name: 'Endre tid' }).first().waitFor();
    expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
    expect(await accessibilityViolations(page)).toEqual([]);
    await noOverflow();
    await page.getByRole('button', { name: 'Endre tid' }).first().click();
    await page.getByRole('button', { name: /kl\. \d\d:\d\d hos / }).first().waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await noOverflow();
    await page.screenshot({ path: '.tmp-screens/timer-phone.png', fullPage: true });
    await page.context().close();
  });

  it('reception sees the day list for the day of a booked appointment', async () => {
    const kari = new Browser(e2e.server.url);
    await kari.login((await demoPerson(e2e.server.database.owner, 'Kari Nordmann')).nationalId);
    const emmas = ((await (await kari.fetch('/api/appointments')).json()) as { appointments: AppointmentJson[] }).appointments.find(
      (a) => a.patientName === 'Emma Nordmann' && a.status === 'booked',
    )!;
    const day = emmas.start.slice(0, 10);

    const page = await newPage(PHONE);
    await logInAsStaff(page, 'Tone Ås');
    await page.getByRole('link', { name: 'Dagsliste' }).click();
    await page.getByRole('heading', { name: 'Dagsliste', level: 1 }).waitFor();
    await page.getByLabel('Dato').fill(day);
    const item = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: new RegExp(`^${escape(emmas.start.slice(11, 16))}–\\d\\d:\\d\\d Emma Nordmann$`) }) });
    await item.waitFor();
    expect(await item.innerText()).toContain('ukrainsk');
    await item.getByRole('button', { name: 'Flytt' }).waitFor();
    await item.getByRole('button', { name: 'Avlys' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: '.tmp-screens/dagsliste-phone.png', fullPage: true });
    await page.context().close();
  });
  it('reception books for a patient, then moves and cancels the appointment from the day list', async () => {
    const page = await newPage();
    await logInAsStaff(page, 'Tone Ås');
    await page.getByRole('link', { name: 'Bestill for pasient' }).click();
    await page.getByRole('heading', { name: 'Bestill for pasient', level: 1 }).waitFor();
    await page.getByLabel('Pasient').selectOption({ label: (await page.getByRole('option', { name: /^Ola Hansen/ }).textContent())! });
    await page.getByLabel('Behandler').selectOption({ label: 'Per Olsen (lege)' });
    await page.getByRole('radio', { name: 'Telefon' }).check();
    await page.getByRole('button', { name: 'Neste uke' }).click();
    await page.getByRole('button', { name: / hos Per Olsen$/ }).first().click();
    await page.getByRole('checkbox', { name: 'Pasienten trenger tolk' }).check();
    await page.getByRole('button', { name: 'Bestill', exact: true }).click();
    // A language is needed once an interpreter is.
    await page.getByText('Skriv hvilket språk tolken skal snakke.').waitFor();
    await page.getByRole('textbox', { name: 'Språk' }).fill('polsk');
    await page.getByRole('button', { name: 'Bestill', exact: true }).click();
    await page.getByRole('heading', { name: 'Timen er bestilt' }).waitFor();
    const main = await page.getByRole('main').innerText();
    for (const text of ['Ola Hansen', 'Per Olsen', 'Telefon', 'polsk']) expect(main).toContain(text);

    await page.getByRole('link', { name: 'Gå til dagslisten' }).click();
    await page.getByRole('heading', { name: 'Dagsliste', level: 1 }).waitFor();
    const ola = await demoPerson(e2e.server.database.owner, 'Ola Hansen');
    const booked = await e2e.server.database.owner.query(
      `SELECT starts_at FROM appointments WHERE patient_id = $1 AND visit_type = 'phone' AND status = 'booked' AND source = 'reception'`,
      [ola.id],
    );
    const startsAt: Date = booked.rows[0].starts_at;
    await page.getByLabel('Dato').fill(dateInZone(startsAt, OSLO));
    await page.getByLabel('Behandler').selectOption({ label: 'Per Olsen (lege)' });
    const item = page.getByRole('listitem').filter({ hasText: 'polsk' });
    await item.getByRole('button', { name: 'Flytt' }).click();
    await item.getByRole('heading', { name: 'Velg ny tid' }).waitFor();
    await item.getByRole('button', { name: 'Neste uke' }).click();
    await item.getByRole('button', { name: / hos Per Olsen$/ }).nth(1).click();
    await item.getByRole('button', { name: 'Bekreft ny tid' }).click();
    await page.getByText(/^Timen er flyttet til /).waitFor();

    const moved = await e2e.server.database.owner.query(`SELECT id, starts_at, version FROM appointments WHERE patient_id = $1 AND source = 'reception'`, [ola.id]);
    expect(moved.rows[0].version).toBe(2);
    expect(moved.rows[0].starts_at.getTime()).not.toBe(startsAt.getTime());
    await page.getByLabel('Dato').fill(dateInZone(moved.rows[0].starts_at, OSLO));
    const movedItem = page.getByRole('listitem').filter({ hasText: 'polsk' });
    await movedItem.getByRole('button', { name: 'Avlys' }).click();
    await movedItem.getByRole('button', { name: 'Ja, avlys timen' }).click();
    await page.getByText(/^Timen .* er avlyst\.$/).waitFor();
    await movedItem.getByText('Avbestilt', { exact: true }).waitFor();
    await page.context().close();
  });
});
