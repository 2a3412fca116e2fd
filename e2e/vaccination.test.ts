// In a real browser, on a phone: Ingrid (78) books a flu vaccine time and is told the price for 65 and over; Kari,
// acting for Emma (9), books one for her in the risk group; reception marks Ingrid's vaccine given on its day list, and
// Ingrid sees she is vaccinated. Axe on each page, no sideways scroll.
import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { accessibilityViolations } from './browser.ts';
import { PHONE, useE2e } from './harness.ts';

/** The next weekday after today in Oslo (the demo campaign vaccinates Monday to Friday for six weeks from today). */
function nextWeekday(): string {
  let d = DateTime.now().setZone('Europe/Oslo').plus({ days: 1 });
  while (d.weekday > 5) d = d.plus({ days: 1 });
  return d.toISODate()!;
}

describe('seasonal vaccination, in the browser', () => {
  const e2e = useE2e();
  const day = nextWeekday();
  const noPageScroll = (page: import('playwright-core').Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

  it('Ingrid books a flu vaccine time for herself; Kari books one for Emma; reception marks Ingrid vaccinated', async () => {
    const page = await e2e.newPage(PHONE);
    await e2e.logIn(page, 'Ingrid Solberg');
    await page.getByRole('link', { name: 'Vaksine', exact: true }).click();
    await page.getByRole('heading', { name: 'Vaksine', level: 1 }).waitFor();
    const campaign = page.getByRole('region', { name: /^Influensavaksine/ });
    await campaign.getByText('65 år eller eldre: 150 kr').waitFor();
    await campaign.getByRole('radio', { name: '65 år eller eldre' }).check();
    await campaign.getByLabel('Dag', { exact: true }).fill(day);
    await campaign.getByRole('button', { name: /^kl\. \d\d:\d\d \(6 ledige\)$/ }).first().click();
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(await noPageScroll(page)).toBeLessThanOrEqual(0);
    await campaign.getByRole('button', { name: 'Bestill vaksinetime' }).click();
    await campaign.getByText(/^Vaksinetimen er bestilt: .+\. Gruppe: 65 år eller eldre\. Pris: 150\skr\.$/).waitFor();
    await page.getByText(/^For Ingrid Solberg hos Fjordbyen legekontor \(65 år eller eldre\)\.$/).waitFor();
    await page.context().close();

    const kari = await e2e.newPage(PHONE);
    await e2e.logIn(kari, 'Kari Nordmann');
    await kari.getByRole('button', { name: 'Handle på vegne av Emma Nordmann' }).click();
    await kari.getByText('Du handler på vegne av Emma Nordmann').waitFor();
    await kari.goto(`${e2e.server.url}/vaksine`);
    const forEmma = kari.getByRole('region', { name: /^Influensavaksine/ });
    await forEmma.getByText('Du bestiller for Emma Nordmann.').waitFor();
    await forEmma.getByRole('radio', { name: 'Risikogruppe' }).check();
    await forEmma.getByLabel('Dag', { exact: true }).fill(day);
    await forEmma.getByRole('button', { name: /^kl\. \d\d:\d\d \(\d ledige\)$/ }).first().click();
    await forEmma.getByRole('button', { name: 'Bestill vaksinetime' }).click();
    await forEmma.getByText(/^Vaksinetimen er bestilt: .+\. Gruppe: Risikogruppe\. Pris: 150\skr\.$/).waitFor();
    await kari.getByText(/^For Emma Nordmann hos Fjordbyen legekontor \(Risikogruppe\)\.$/).waitFor();
    await kari.context().close();

    const desk = await e2e.newPage(PHONE);
    await e2e.logIn(desk, 'Tone Ås', 'staff');
    await desk.goto(`${e2e.server.url}/ansatt/vaksine`);
    await desk.getByRole('heading', { name: 'Vaksinering', level: 1 }).waitFor();
    await desk.getByLabel('Dato').fill(day);
    await desk.getByRole('button', { name: 'Marker som gitt: Ingrid Solberg' }).click();
    await desk.getByRole('row', { name: /Ingrid Solberg/ }).getByText('Gitt', { exact: true }).waitFor();
    await desk.getByRole('button', { name: 'Marker som gitt: Emma Nordmann' }).waitFor();
    expect(await accessibilityViolations(desk)).toEqual([]);
    await desk.context().close();

    const again = await e2e.newPage(PHONE);
    await e2e.logIn(again, 'Ingrid Solberg');
    await again.goto(`${e2e.server.url}/vaksine`);
    await again.getByText(/^Vaksinert \d/).waitFor();
    await again.context().close();
  });

  it('the clinic admin publishes a campaign; a wrong period is refused in words before anything is sent', async () => {
    const page = await e2e.newPage(PHONE);
    await e2e.logIn(page, 'Per Olsen', 'staff');
    await page.goto(`${e2e.server.url}/ansatt/vaksine`);
    const form = page.getByRole('form', { name: 'Ny vaksinekampanje' });
    await form.getByLabel('Vaksine', { exact: true }).fill('Koronavaksine (oppfriskning)');
    await form.getByLabel('Første dag').fill(day);
    await form.getByLabel('Siste dag').fill('2020-01-01');
    await form.getByRole('button', { name: 'Lagre kampanjen' }).click();
    await form.getByText('Siste dag kan ikke være før første dag.').waitFor();
    await form.getByLabel('Siste dag').fill(day);
    await form.getByRole('button', { name: 'Lagre kampanjen' }).click();
    await page.getByRole('status').filter({ hasText: 'Kampanjen «Koronavaksine (oppfriskning)» er lagret, og pasientene kan bestille.' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    const made = await e2e.server.database.owner.query(`SELECT count(*)::int AS n FROM vaccination_slots s JOIN vaccination_campaigns c ON c.id = s.campaign_id WHERE c.vaccine = 'Koronavaksine (oppfriskning)'`);
    expect(made.rows[0].n).toBe(42);
    await page.context().close();
  });
});
