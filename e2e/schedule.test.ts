// In a real browser in New York: clinicians change their weekly hours and add absences in Oslo time; reception only reads.
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
}

const isoWeekday = (iso: string) => ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(new Intl.DateTimeFormat('en-US', { weekday: 'short', timeZone: OSLO }).format(new Date(iso))) + 1;

describe('schedules in the browser', () => {
  const e2e = useE2e();
  const newPage = e2e.newPage;
  let clinicId = '';
  let perOlsen = '';

  beforeAll(async () => {
    const o = e2e.server.database.owner;
    clinicId = await demoClinicId(o, 'Fjordbyen legekontor');
    perOlsen = await demoPractitionerId(o, 'Per Olsen');
  });

  const logInAsStaff = (page: Page, name: string) => e2e.logIn(page, name, 'staff');

  async function patient(name: string): Promise<Browser> {
    const b = new Browser(e2e.server.url);
    await b.login((await demoPerson(e2e.server.database.owner, name)).nationalId);
    return b;
  }

  /** Per Olsen's free clinic times in the week after next, from the API. */
  async function perOlsensTimes(b: Browser): Promise<SlotJson[]> {
    const week = weekFrom(dateInZone(new Date(), OSLO), 2, OSLO);
    const query = new URLSearchParams({ clinicId, practitionerId: perOlsen, visitType: 'clinic', from: week.from.toISOString(), to: week.to.toISOString() });
    return ((await (await b.fetch(`/api/availability?${query}`)).json()) as { slots: SlotJson[] }).slots;
  }

  async function book(b: Browser, slot: SlotJson): Promise<void> {
    const r = await b.fetch('/api/appointments', { method: 'POST', json: { practitionerId: slot.practitionerId, start: slot.start, visitType: 'clinic' } });
    expect(r.status).toBe(201);
  }

  it('Per Olsen shortens a day; the booked appointment now outside his hours is named, and stays booked', async () => {
    const ola = await patient('Ola Hansen');
    const afternoon = (await perOlsensTimes(ola)).find((s) => Number(s.start.slice(11, 13)) >= 13)!;
    await book(ola, afternoon);
    const weekday = isoWeekday(afternoon.start);

    const page = await newPage();
    await logInAsStaff(page, 'Per Olsen');
    await page.getByRole('link', { name: 'Timeplan' }).click();
    await page.getByRole('heading', { name: 'Timeplan', level: 1 }).waitFor();
    await page.getByText('Alle klokkeslett er i klinikkens tidssone (Europe/Oslo).').waitFor();
    expect(await page.getByLabel('Behandler').evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent)).toBe('Per Olsen (lege)');

    // The demo week is Monday to Friday, one block a day, in order.
    const block = page.getByRole('group', { name: `Tidsblokk ${weekday}`, exact: true });
    expect(await block.getByLabel('Fra kl.').inputValue()).toBe('08:00');
    expect(await block.getByLabel('Lunsj fra').inputValue()).toBe('11:30');
    expect(await block.getByLabel('Buffer (minutter)').inputValue()).toBe('5');
    await block.getByLabel('Til kl.').fill('12:00');
    await page.getByRole('button', { name: 'Lagre arbeidstid' }).click();
    await page.getByText(/^Arbeidstiden er lagret, men 1 bestilte timer ligger nå utenfor den\./).waitFor();
    await page.getByRole('listitem').filter({ hasText: 'Ola Hansen (Oppmøte på legekontoret)' }).waitFor();

    const rules = await e2e.server.database.owner.query(`SELECT end_time FROM availability_rules WHERE practitioner_id = $1 AND weekday = $2`, [perOlsen, weekday]);
    expect(rules.rows.map((r) => String(r.end_time).slice(0, 5))).toEqual(['12:00']);
    const still = await e2e.server.database.owner.query(`SELECT status FROM appointments WHERE starts_at = $1 AND practitioner_id = $2`, [afternoon.start, perOlsen]);
    expect(still.rows[0].status).toBe('booked');

    // A block without a visit type, or ending before it starts, is explained at the field.
    await block.getByLabel('Fra kl.').fill('13:00');
    await page.getByRole('button', { name: 'Lagre arbeidstid' }).click();
    await block.getByText('Skriv når blokken starter og slutter. Slutt må være etter start.').waitFor();
    await page.getByText('Rett opp feltene som er merket, og lagre igjen.').waitFor();
    await page.context().close();
  });

  it('Per Olsen adds a sick day in Oslo time: he sees whom it cancels, and a booking made meanwhile makes him look again', async () => {
    const [ola, amir] = [await patient('Ola Hansen'), await patient('Amir Haddad')];
    const times = await perOlsensTimes(ola);
    // The last day of the week, away from the day the test before shortened.
    const morning = times.filter((s) => s.start.slice(11, 16) === '09:00').at(-1)!;
    const day = morning.start.slice(0, 10);
    await book(ola, morning);

    const page = await newPage();
    await logInAsStaff(page, 'Per Olsen');
    await page.goto(`${e2e.server.url}/ansatt/timeplan`);
    await page.getByRole('heading', { name: 'Legg inn fravær' }).waitFor();
    await page.getByLabel('Fra', { exact: true }).fill(`${day}T08:00`);
    await page.getByLabel('Til', { exact: true }).fill(`${day}T16:00`);
    await page.getByRole('radio', { name: 'Syk' }).check();
    await page.getByRole('button', { name: 'Se virkning' }).click();
    await page.getByText('Disse 1 timene blir avlyst, og pasientene får beskjed:').waitFor();
    await page.getByRole('listitem').filter({ hasText: /kl\. 09:00 – Ola Hansen/ }).waitFor();

    // Amir books the same day before Per saves: the count he confirmed is wrong now.
    await book(amir, times.find((s) => s.start.slice(0, 10) === day && s.start.slice(11, 16) === '10:00')!);
    await page.getByRole('button', { name: 'Lagre', exact: true }).click();
    await page.getByText(/^Timene som berøres har endret seg siden du så på dem \(2 nå\)/).waitFor();
    await page.getByText('Disse 2 timene blir avlyst, og pasientene får beskjed:').waitFor();
    await page.getByRole('listitem').filter({ hasText: /kl\. 10:00 – Amir Haddad/ }).waitFor();
    await page.getByRole('button', { name: 'Lagre', exact: true }).click();
    await page.getByText('Fraværet er lagret. 2 timer ble avlyst.').waitFor();

    // 08:00 on the clinic's wall clock, though the browser is in New York.
    const saved = await e2e.server.database.owner.query(`SELECT starts_at, ends_at, kind FROM availability_exceptions WHERE practitioner_id = $1`, [perOlsen]);
    expect(saved.rows).toHaveLength(1);
    expect(dateInZone(saved.rows[0].starts_at, OSLO)).toBe(day);
    expect(new Intl.DateTimeFormat('nb-NO', { hour: '2-digit', minute: '2-digit', timeZone: OSLO }).format(saved.rows[0].starts_at)).toBe('08:00');
    expect(saved.rows[0].kind).toBe('sick');
    const cancelled = await e2e.server.database.owner.query(`SELECT status FROM appointments WHERE practitioner_id = $1 AND starts_at::date = $2::date`, [perOlsen, day]);
    expect(cancelled.rows.map((r) => r.status)).toEqual(['cancelled', 'cancelled']);

    const entry = page.getByRole('listitem').filter({ hasText: /^Syk/ });
    await entry.waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await entry.getByRole('button', { name: /^Slett Syk / }).click();
    await page.getByText(/^Fraværet .* er slettet\./).waitFor();
    expect((await e2e.server.database.owner.query(`SELECT 1 FROM availability_exceptions WHERE practitioner_id = $1`, [perOlsen])).rowCount).toBe(0);
    await page.context().close();
  });

  it('reception reads the schedules without changing them, and a clinician sees only their own; both fit a 360 px phone', async () => {
    const noOverflow = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    const tone = await newPage(PHONE);
    await logInAsStaff(tone, 'Tone Ås');
    await tone.goto(`${e2e.server.url}/ansatt/timeplan`);
    await tone.getByText(/^Du kan se timeplanen, men ikke endre den\./).waitFor();
    await tone.getByLabel('Behandler').selectOption({ label: 'Mari Dahl (sykepleier)' });
    await tone.getByRole('listitem').filter({ hasText: /^Mandag\s*08:00–15:30/ }).waitFor();
    expect(await tone.getByText('20 min per time').count()).toBe(5);
    expect(await tone.getByRole('button', { name: 'Lagre arbeidstid' }).count()).toBe(0);
    expect(await tone.getByRole('button', { name: 'Se virkning' }).count()).toBe(0);
    expect(await tone.getByRole('heading', { level: 1 }).count()).toBe(1);
    expect(await accessibilityViolations(tone)).toEqual([]);
    await noOverflow(tone);

    const lise = await newPage(PHONE);
    await logInAsStaff(lise, 'Lise Berg');
    await lise.goto(`${e2e.server.url}/ansatt/timeplan`);
    await lise.getByText('Lise Berg (lege)').waitFor();
    expect(await lise.getByLabel('Behandler').count()).toBe(0);
    await lise.getByRole('button', { name: 'Lagre arbeidstid' }).waitFor();
    expect(await accessibilityViolations(lise)).toEqual([]);
    await noOverflow(lise);
    await lise.screenshot({ path: '.tmp-screens/timeplan-phone.png', fullPage: true });
    for (const page of [tone, lise]) await page.context().close();
  });
});
