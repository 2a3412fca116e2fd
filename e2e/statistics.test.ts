// In a real browser, on a phone: the clinic admin's "Statistikk" page. Per Olsen (clinic admin at Fjordbyen) opens it
// from the staff home, sees the six charts under their titles, each picture with a spoken summary, opens last week's
// bookings as a table and finds the rolled-up counts there; axe finds nothing, and the page never scrolls sideways.
// Lise Berg (clinician, not admin) is told the page is for clinic admins.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { localDate } from '../src/shared/time.ts';
import { demoClinicId } from '../test/people.ts';
import { accessibilityViolations } from './browser.ts';
import { PHONE, useE2e } from './harness.ts';

const noPageScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
const squash = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

/** The Wednesday of the week before the week of `day`. */
function lastWeeksWednesday(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  const monday = d.getTime() - ((d.getUTCDay() + 6) % 7) * 86_400_000;
  return new Date(monday - 5 * 86_400_000).toISOString().slice(0, 10);
}

const TITLES = [
  'Bestillinger per uke etter type',
  'Andel timer der pasienten ikke møtte',
  'Ventetid i drop-in (minutter)',
  'E-konsultasjoner besvart samme dag',
  'Videosamtaler',
  'Svartid på meldinger (timer)',
];

describe("the clinic admin's statistics page, in the browser", () => {
  const e2e = useE2e();
  const day = lastWeeksWednesday(localDate(new Date()));

  beforeAll(async () => {
    const o = e2e.server.database.owner;
    const clinicId = await demoClinicId(o, 'Fjordbyen legekontor');
    // Last week's Wednesday, as the nightly rollup would have left it.
    const counts: Array<[string, string, number]> = [
      ['appointments', 'clinic:completed', 7],
      ['appointments', 'clinic:no_show', 1],
      ['appointments', 'video:completed', 3],
      ['appointments', 'phone:cancelled', 2],
      ['dropin.wait', '10', 4],
      ['dropin.wait', '30', 1],
      ['econsult.submitted', 'before_cutoff', 5],
      ['econsult.same_day', '', 4],
      ['video.started', '', 3],
      ['video.completed', '', 2],
      ['messages.answer', '4', 3],
      ['rollup.done', '', 1],
    ];
    for (const [metric, dimension, value] of counts) {
      await o.query(`INSERT INTO clinic_daily_stats (clinic_id, day, metric, dimension, value) VALUES ($1, $2, $3, $4, $5)`, [clinicId, day, metric, dimension, value]);
    }
  });

  it('Per Olsen sees the charts with their titles and reads last week’s bookings as a table', async () => {
    const page = await e2e.newPage(PHONE);
    await e2e.logIn(page, 'Per Olsen', 'staff');
    await page.getByRole('link', { name: 'Statistikk' }).click();
    await page.getByRole('heading', { level: 1, name: 'Statistikk' }).waitFor();

    for (const title of TITLES) {
      const figure = page.getByRole('figure', { name: title });
      await figure.getByRole('heading', { level: 3, name: title }).waitFor();
      // The picture's name says what it shows, for those who cannot see it.
      expect(await figure.getByRole('img').getAttribute('aria-label')).toMatch(new RegExp(`^${title.replace(/[()]/g, '\\$&')}, 8 uker\\. Siste uke, Uke \\d+`));
    }

    const bookings = page.getByRole('figure', { name: TITLES[0] });
    await bookings.getByText('Vis som tabell').click();
    const table = bookings.getByRole('table', { name: TITLES[0] });
    await table.waitFor();
    expect((await table.getByRole('columnheader').allInnerTexts()).map(squash)).toEqual(['Uke', 'Oppmøte', 'Video', 'Telefon', 'E-konsultasjon']);
    // The second last row is last week: 8 at the office (one of them a no-show), 3 by video, the cancelled one not counted.
    const rows = table.getByRole('row');
    const lastWeek = rows.nth((await rows.count()) - 2);
    expect((await lastWeek.getByRole('cell').allInnerTexts()).map(squash)).toEqual(['8', '3', '0', '5']);

    const noShow = page.getByRole('figure', { name: TITLES[1] });
    await noShow.getByText('Vis som tabell').click();
    const noShowRows = noShow.getByRole('table').getByRole('row');
    expect(squash(await noShowRows.nth((await noShowRows.count()) - 2).getByRole('cell').innerText())).toBe('9 %');

    expect(await accessibilityViolations(page)).toEqual([]);
    expect(await noPageScroll(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: '.tmp-screens/statistikk-phone.png', fullPage: true });
  });

  it('tells a clinician who is not admin that the page is for clinic admins', async () => {
    const page = await e2e.newPage(PHONE);
    await e2e.logIn(page, 'Lise Berg', 'staff');
    expect(await page.getByRole('link', { name: 'Statistikk' }).count()).toBe(0);
    await page.goto(`${e2e.server.url}/ansatt/statistikk`);
    await page.getByText('Denne siden er for klinikkadministratorer').waitFor();
  });
});
