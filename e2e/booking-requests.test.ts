// In a real browser: an SMS sent from the dev outbox becomes a request that reception books; a declined video becomes a phone visit.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Browser } from '../test/server.ts';
import { demoPerson } from '../test/people.ts';
import { accessibilityViolations } from './browser.ts';
import { PHONE, useE2e } from './harness.ts';

const OLA_PHONE = '+4791000002';

describe('booking requests in the browser', () => {
  const e2e = useE2e();
  const newPage = e2e.newPage;

  const logInAsStaff = (page: Page, name: string) => e2e.logIn(page, name, 'staff');

  const smsTo = (page: Page, to: string) => page.getByRole('article').filter({ has: page.getByRole('heading', { name: `SMS til ${to}` }) });

  it('Ola asks for a time by SMS from the dev outbox; Tone books it from Forespørsler; the confirmation arrives by SMS', async () => {
    const phone = await newPage(PHONE);
    await phone.goto(`${e2e.server.url}/dev/outbox`);
    await phone.getByRole('heading', { name: 'Send SMS til Nettlege' }).waitFor();
    expect(await phone.getByLabel('Fra nummer').inputValue()).toBe(OLA_PHONE);
    expect(await phone.getByLabel('Melding').getAttribute('placeholder')).toBe('FJORDBYEN 270258 Ola Hansen Trenger time');
    await phone.getByLabel('Melding').fill('FJORDBYEN 270258 Ola Hansen Trenger time for vondt kne');
    await phone.getByRole('button', { name: 'Send SMS' }).click();
    await phone.getByText('Mottatt: forespørselen ligger nå hos legekontoret.').waitFor();
    // The content-free "received" reply shows in the outbox.
    await expect.poll(() => smsTo(phone, OLA_PHONE).count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    expect(await smsTo(phone, OLA_PHONE).first().innerText()).not.toContain('kne');
    expect(await accessibilityViolations(phone)).toEqual([]);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await phone.screenshot({ path: '.tmp-screens/outbox-send-sms-phone.png', fullPage: true });
    const repliesBefore = await smsTo(phone, OLA_PHONE).count();

    const tone = await newPage();
    await logInAsStaff(tone, 'Tone Ås');
    await tone.getByRole('link', { name: 'Forespørsler' }).click();
    await tone.getByRole('heading', { name: 'Forespørsler', level: 1 }).waitFor();
    const card = tone.getByRole('listitem').filter({ has: tone.getByRole('heading', { name: 'Ola Hansen', level: 2 }) });
    await card.waitFor();
    const text = await card.innerText();
    for (const fact of ['SMS', OLA_PHONE, 'Trenger time for vondt kne']) expect(text).toContain(fact);

    await card.getByRole('button', { name: 'Bestill time' }).click();
    await card.getByLabel('Behandler').selectOption({ label: 'Per Olsen (lege)' });
    await card.getByRole('radio', { name: 'Telefon' }).check();
    await card.getByRole('button', { name: 'Neste uke' }).click();
    await card.getByRole('button', { name: / hos Per Olsen$/ }).first().click();
    await card.getByRole('heading', { name: 'Valgt tid' }).waitFor();
    expect(await card.innerText()).toContain('Per Olsen');
    expect(await accessibilityViolations(tone)).toEqual([]);
    await card.getByRole('button', { name: 'Bestill', exact: true }).click();
    await tone.getByText(/^Timen er bestilt for Ola Hansen: .* hos Per Olsen\. Pasienten får bekreftelse på SMS\.$/).waitFor();
    await tone.getByText('Ingen åpne forespørsler.').waitFor();

    const ola = await demoPerson(e2e.server.database.owner, 'Ola Hansen');
    const booked = await e2e.server.database.owner.query(`SELECT visit_type, source FROM appointments WHERE patient_id = $1 AND status = 'booked'`, [ola.id]);
    expect(booked.rows).toEqual([{ visit_type: 'phone', source: 'sms' }]);

    // The confirmation SMS joins the outbox on Ola's number, without health details.
    await expect.poll(() => smsTo(phone, OLA_PHONE).count(), { timeout: 15_000 }).toBeGreaterThan(repliesBefore);
    await phone.getByText(/Timen din er bestilt/).first().waitFor();
    expect(await phone.getByRole('main').innerText()).not.toContain('vondt kne');
    for (const page of [phone, tone]) await page.context().close();
    // The outbox is filled by the notification jobs, which take a few seconds.
  }, 60_000);

  it('an SMS reception cannot book is rejected, and the sender is asked to call the clinic', async () => {
    const phone = await newPage();
    await phone.goto(`${e2e.server.url}/dev/outbox`);
    await phone.getByLabel('Melding').fill('FJORDBYEN 270258 Ola Hansen Kan jeg få time i morgen');
    await phone.getByRole('button', { name: 'Send SMS' }).click();
    await phone.getByText('Mottatt: forespørselen ligger nå hos legekontoret.').waitFor();

    const tone = await newPage(PHONE);
    await logInAsStaff(tone, 'Tone Ås');
    await tone.goto(`${e2e.server.url}/ansatt/foresporsler`);
    const card = tone.getByRole('listitem').filter({ hasText: 'Kan jeg få time i morgen' });
    await card.getByRole('button', { name: 'Avvis' }).click();
    await card.getByLabel('Merknad (valgfritt)').fill('Ring for akutt time');
    expect(await accessibilityViolations(tone)).toEqual([]);
    expect(await tone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await card.getByRole('button', { name: 'Ja, avvis forespørselen' }).click();
    await tone.getByText('Forespørselen fra Ola Hansen er avvist. Pasienten får en SMS om å ringe legekontoret.').waitFor();
    await tone.getByText('Ingen åpne forespørsler.').waitFor();
    await tone.screenshot({ path: '.tmp-screens/foresporsler-phone.png', fullPage: true });
    for (const page of [phone, tone]) await page.context().close();
  });

  it('a patient who does not want video shows up as a request, and reception turns it into a phone appointment', async () => {
    const kari = new Browser(e2e.server.url);
    await kari.login((await demoPerson(e2e.server.database.owner, 'Kari Nordmann')).nationalId);
    const clinics = ((await (await kari.fetch('/api/clinics')).json()) as { clinics: Array<{ id: string; name: string }> }).clinics;
    const clinicId = clinics.find((c) => c.name === 'Fjordbyen legekontor')!.id;
    const from = new Date(Date.now() + 2 * 86_400_000);
    const query = new URLSearchParams({ clinicId, visitType: 'video', from: from.toISOString(), to: new Date(from.getTime() + 7 * 86_400_000).toISOString() });
    const { slots } = (await (await kari.fetch(`/api/availability?${query}`)).json()) as { slots: Array<{ practitionerId: string; start: string }> };
    const booked = await kari.fetch('/api/appointments', { method: 'POST', json: { practitionerId: slots[0]!.practitionerId, start: slots[0]!.start, visitType: 'video' } });
    expect(booked.status).toBe(201);
    const { id } = (await booked.json()) as { id: string };
    expect((await kari.fetch(`/api/appointments/${id}/decline-video`, { method: 'POST' })).status).toBe(200);

    const tone = await newPage();
    await logInAsStaff(tone, 'Tone Ås');
    await tone.goto(`${e2e.server.url}/ansatt/foresporsler`);
    const card = tone.getByRole('listitem').filter({ has: tone.getByRole('heading', { name: 'Kari Nordmann', level: 2 }) });
    await card.getByText('Ønsker ikke video').waitFor();
    expect(await card.innerText()).toContain('Video');
    await card.getByRole('button', { name: 'Gjør om til telefon' }).click();
    await tone.getByText('Timen til Kari Nordmann er endret. Ny type time: Telefon. Pasienten får beskjed.').waitFor();
    const after = (await (await kari.fetch('/api/appointments')).json()) as { appointments: Array<{ id: string; visitType: string }> };
    expect(after.appointments.find((a) => a.id === id)?.visitType).toBe('phone');
    await tone.context().close();
  });
});
