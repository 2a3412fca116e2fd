// In a real browser in New York: the patient's access log ("Hvem har sett opplysningene mine") names who, with role and
// clinic, when in Oslo time, what and why; the period filter (the last 12 months by default) changes what is shown; the
// table is accessible and scrolls inside its own region on a 360 px phone.
import { beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../test/server.ts';
import { demoClinicId, demoPerson } from '../test/people.ts';
import { localDate } from '../src/shared/time.ts';
import { accessibilityViolations } from './browser.ts';
import { DESKTOP, PHONE, useE2e } from './harness.ts';

describe('the access log in the browser', () => {
  const e2e = useE2e();
  let readAt = '';
  let oldAt: Date;

  beforeAll(async () => {
    const o = e2e.server.database.owner;
    const [ola, lise] = await Promise.all([demoPerson(o, 'Ola Hansen'), demoPerson(o, 'Lise Berg')]);
    const staff = new Browser(e2e.server.url);
    await staff.login(lise.nationalId, 'staff', { hpr: lise.hpr! });
    const res = await staff.fetch(`/api/staff/patients/${ola.id}`);
    expect(res.status).toBe(200);
    await res.arrayBuffer();
    const read = await o.query(`SELECT at FROM audit_log WHERE subject_person_id = $1 AND action = 'patient.summary.read' ORDER BY at DESC LIMIT 1`, [ola.id]);
    readAt = (read.rows[0].at as Date).toISOString();
    // Older than the default 12 months, and with a reason the page has no words for: shown as written.
    const old = await o.query(
      `INSERT INTO audit_log (at, actor_person_id, actor_kind, subject_person_id, clinic_id, action, reason)
       VALUES (now() - interval '400 days', $1, 'staff', $2, $3, 'some.future.action', 'gammel grunn') RETURNING at`,
      [lise.id, ola.id, await demoClinicId(o, 'Fjordbyen legekontor')],
    );
    oldAt = old.rows[0].at as Date;
  });

  it('shows who, role, clinic, when in Oslo time, what and why, for the last 12 months, and the period can be changed', async () => {
    const page = await e2e.newPage(PHONE);
    await e2e.logIn(page, 'Ola Hansen');
    await page.goto(`${e2e.server.url}/min-side/tilgangslogg`);
    const table = page.getByRole('table');
    await table.waitFor();

    const today = localDate(new Date());
    const yearAgo = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;
    expect(await page.getByLabel('Fra', { exact: true }).inputValue()).toBe(yearAgo);
    expect(await page.getByLabel('Til', { exact: true }).inputValue()).toBe(today);
    const long = (day: string) => new Intl.DateTimeFormat('nb-NO', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
    const caption = (from: string, to: string) => `Oppslag i opplysningene dine fra ${long(from)} til og med ${long(to)}, nyeste først`;
    await page.getByRole('heading', { level: 2, name: caption(yearAgo, today) }).waitFor();
    await page.getByRole('table', { name: caption(yearAgo, today) }).waitFor();

    const row = page.getByRole('row').filter({ hasText: 'Åpnet pasientoversikten' });
    expect(await row.count()).toBe(1);
    const oslo = new Intl.DateTimeFormat('nb-NO', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Oslo' }).format(new Date(readAt));
    expect((await row.getByRole('rowheader').textContent())?.trim()).toBe(oslo);
    const cells = (await row.getByRole('cell').allTextContents()).map((text) => text.trim());
    expect(cells).toEqual(['Lise BergBehandler, lege', 'Fjordbyen legekontor', 'Åpnet pasientoversikten', 'Behandling']);
    expect(await page.getByText('gammel grunn').count()).toBe(0);

    // The table is wider than the phone: it scrolls in its own focusable, named region, never the page.
    const region = page.getByRole('region', { name: caption(yearAgo, today) });
    expect(await region.getAttribute('tabindex')).toBe('0');
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    expect(await accessibilityViolations(page)).toEqual([]);

    // A period that ends before it starts is explained at the field, and nothing changes.
    await page.getByLabel('Til', { exact: true }).fill(localDate(oldAt));
    await page.getByRole('button', { name: 'Vis' }).click();
    await page.getByText('Til-datoen kan ikke være før fra-datoen.').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);

    // Back far enough: the old entry appears, its unknown action as its code and its reason as written.
    const oldDay = localDate(oldAt);
    await page.getByLabel('Fra', { exact: true }).fill(oldDay);
    await page.getByLabel('Til', { exact: true }).fill(oldDay);
    await page.getByRole('button', { name: 'Vis' }).click();
    await page.getByRole('cell', { name: 'gammel grunn' }).waitFor();
    await page.getByRole('table', { name: caption(oldDay, oldDay) }).waitFor();
    expect(await page.getByRole('cell', { name: 'some.future.action' }).count()).toBe(1);
    expect(await page.getByText('Åpnet pasientoversikten').count()).toBe(0);
    await page.screenshot({ path: '.tmp-screens/access-log-phone.png', fullPage: true });

    await page.setViewportSize(DESKTOP);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.context().close();
  });
});
