// In a real browser: Ola books a private video time, is told its price and that it is paid by card when booking, pays
// on the card simulator's page, comes back to "Mine timer" where it says paid, cancels before the cut-off and sees that
// the money was paid back. Phone width, axe, no page scroll.
import { describe, expect, it } from 'vitest';
import { accessibilityViolations } from './browser.ts';
import { PHONE, useE2e } from './harness.ts';

/** Whitespace as one space: Intl writes amounts with no-break spaces. */
const squash = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

describe('card at booking, in the browser', () => {
  const e2e = useE2e();

  /** Logs the patient in on a phone and picks next week's first or last free time of the kind at the private clinic. */
  async function choosePrivateTime(name: string, visit: 'Video' | 'Telefon', which: 'first' | 'last') {
    const page = await e2e.newPage(PHONE);
    await e2e.logIn(page, name);
    await page.goto(`${e2e.server.url}/timebestilling`);
    await page.getByRole('combobox', { name: 'Legekontor', exact: true }).selectOption({ label: 'Nordlys nettklinikk' });
    await page.getByRole('radio', { name: visit }).check();
    await page.getByRole('button', { name: 'Neste uke' }).click();
    await page.getByRole('button', { name: /kl\. \d\d:\d\d hos / })[which]().click();
    return page;
  }

  it('Ola pays a private video time by card when booking, cancels before the cut-off and sees the refund', async () => {
    const page = await choosePrivateTime('Ola Hansen', 'Video', 'first');
    await page.getByRole('heading', { name: 'Valgt tid' }).waitFor();
    // Before booking: the clinic's own price, and how it is paid.
    const price = page.getByText(/^Pris: /);
    await price.waitFor();
    expect(squash(await price.textContent())).toBe('Pris: 650 kr. Det er legekontorets egen pris, og den teller ikke mot egenandelstaket.');
    await page.getByText('Du betaler med kort når du bestiller.', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Bestill', exact: true }).click();

    await page.getByRole('heading', { name: 'Timen er bestilt' }).waitFor();
    await page.getByText(/^Ikke betalt ennå: 650/).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: /^Betal 650\s+kr med kort$/ }).click();

    // The card simulator's page stands in for the provider's.
    await page.waitForURL(/\/dev-pay\/checkout\//);
    await page.getByLabel(/Kortnummer/).fill('4242 4242 4242 4242');
    await page.getByLabel(/Utløpsdato/).fill('12/30');
    await page.getByLabel(/CVC/).fill('123');
    await page.getByRole('button', { name: /^Reserver/ }).click();

    await page.waitForURL((url) => url.pathname === '/timer' && !url.searchParams.has('payment'));
    await page.getByRole('heading', { name: 'Mine timer', level: 1 }).waitFor();
    await page.getByText(/^Betalt med kort: 650/).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

    await page.getByRole('button', { name: 'Avbestill' }).click();
    await page.getByRole('button', { name: 'Ja, avbestill timen' }).click();
    await page.getByRole('heading', { name: 'Tidligere og avbestilte timer' }).waitFor();
    // Cancelled while the capture job may still be taking the money: the page says it will be paid back, and asks again
    // until the refund is made (the capture lands, then the refund is requested in its transaction).
    await page.getByText(/^Timen ble avbestilt, og 650\s+kr (blir|er) betalt tilbake til kortet ditt\./).waitFor();
    await page.getByText(/^Timen ble avbestilt, og 650\s+kr er betalt tilbake til kortet ditt\./).waitFor({ timeout: 30_000 });
    expect(await accessibilityViolations(page)).toEqual([]);

    // The server agrees: one payment, captured, refunded whole by the refund job.
    const o = e2e.server.database.owner;
    const rows = (
      await o.query(
        `SELECT p.status, p.amount_ore, p.refunded_ore, r.status AS refund FROM payments p LEFT JOIN payment_refunds r ON r.payment_id = p.id
          JOIN appointments a ON a.id = p.purpose_id WHERE p.purpose = 'appointment' AND a.status = 'cancelled'`,
      )
    ).rows;
    expect(rows).toEqual([{ status: 'captured', amount_ore: 65000, refunded_ore: 65000, refund: expect.stringMatching(/^(requested|refunded)$/) }]);
    await page.context().close();
  }, 60_000);

  it('Ingrid has a private phone time billed to her health insurer instead of the card; the clinic admin sees the claim', async () => {
    const page = await choosePrivateTime('Ingrid Solberg', 'Telefon', 'first');
    await page.getByRole('button', { name: 'Bestill', exact: true }).click();
    await page.getByRole('heading', { name: 'Timen er bestilt' }).waitFor();
    // The confirmation's price and payments arrive after its heading: let them, so nothing moves under the clicks below.
    await page.waitForLoadState('networkidle');

    await page.getByText('Dekkes timen av en helseforsikring?').click();
    await page.getByRole('textbox', { name: 'Forsikringsselskap' }).waitFor();
    // Sent empty, from the keyboard (Enter in the field): the form says what is missing. This step failed now and then
    // in CI under load, never locally (the first submit after opening the details seemed lost: the message never came,
    // the details stayed open). Counted submits and the page's state are printed if it happens again; one more Enter
    // is then tried, since an empty form changes nothing on the server.
    await page.evaluate(() => document.addEventListener('submit', () => ((window as unknown as { submits: number }).submits = ((window as unknown as { submits?: number }).submits ?? 0) + 1), true));
    const insurer = page.getByRole('textbox', { name: 'Forsikringsselskap' });
    const missing = page.getByText('Skriv navnet på forsikringsselskapet.');
    await insurer.press('Enter');
    await missing.waitFor({ timeout: 5_000 }).catch(async () => {
      const where = await page.evaluate(() => ({
        url: location.pathname,
        submits: (window as unknown as { submits?: number }).submits ?? 0,
        details: [...document.querySelectorAll('details')].map((d) => d.open),
        invalid: document.querySelector('input[aria-invalid="true"]')?.id ?? null,
        focused: document.activeElement?.tagName,
      }));
      console.warn(`card-booking: no message 5 s after the first empty submit: ${JSON.stringify(where)}`);
      await insurer.press('Enter');
      await missing.waitFor();
    });
    await page.getByRole('textbox', { name: 'Forsikringsselskap' }).fill('Storebrand Helse');
    await page.getByRole('textbox', { name: 'Polisenummer' }).fill('HF-1234');
    await page.getByRole('button', { name: 'Bruk forsikringen' }).click();
    await page.getByText('Timen faktureres Storebrand Helse (polisenummer HF-1234). Du betaler ikke med kort.').waitFor();
    expect(await page.getByRole('button', { name: /med kort$/ }).count()).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.context().close();

    const o = e2e.server.database.owner;
    const { month } = (await o.query(`SELECT to_char(a.starts_at AT TIME ZONE 'Europe/Oslo', 'YYYY-MM') AS month FROM appointment_insurance i JOIN appointments a ON a.id = i.appointment_id`)).rows[0];
    const anna = await e2e.newPage();
    await e2e.logIn(anna, 'Anna Lindqvist', 'staff');
    await anna.goto(`${e2e.server.url}/ansatt/okonomi`);
    await anna.getByRole('heading', { name: 'Forsikringskrav' }).waitFor();
    await anna.getByLabel('Krav for måned').fill(month);
    await anna.getByRole('cell', { name: 'HF-1234' }).waitFor();
    await anna.getByRole('cell', { name: 'Ingrid Solberg' }).waitFor();
    expect(await accessibilityViolations(anna)).toEqual([]);
    await anna.context().close();
  });

  it('Kari comes back from paying before her bank has answered: the visit shows paid as soon as it has, without a reload', async () => {
    const page = await choosePrivateTime('Kari Nordmann', 'Telefon', 'last');
    await page.getByRole('button', { name: 'Bestill', exact: true }).click();
    await page.getByRole('heading', { name: 'Timen er bestilt' }).waitFor();
    await page.getByRole('button', { name: /^Betal \d+\s+kr med kort$/ }).click();
    await page.waitForURL(/\/dev-pay\/checkout\//);
    // A card whose bank asks the payer to approve in its app (3-D Secure).
    await page.getByLabel(/Kortnummer/).fill('4000 0027 6000 3184');
    await page.getByLabel(/Utløpsdato/).fill('12/30');
    await page.getByLabel(/CVC/).fill('123');
    await page.getByRole('button', { name: /^Reserver/ }).click();
    await page.waitForURL(/\/dev-pay\/3ds\//);
    const checkout = new URL(page.url()).pathname.split('/').at(-1)!;
    const { id } = (await e2e.server.database.owner.query(`SELECT id FROM payments WHERE provider_ref = $1`, [checkout])).rows[0];
    // The bank app is open in another window; Kari goes back to Nettlege before approving there.
    const bank = await page.context().newPage();
    await bank.goto(`${e2e.server.url}/dev-pay/3ds/${checkout}`);
    await page.goto(`${e2e.server.url}/timer?payment=${id}`);
    await page.getByText(/^Ikke betalt ennå: \d+/).waitFor();
    await bank.getByRole('button', { name: /^Godkjenn/ }).click();
    // Asked again while the checkout was open at the provider: paid, with no reload.
    await page.getByText(/^Betalt med kort: \d+/).waitFor({ timeout: 20_000 });
    await page.waitForURL((url) => url.pathname === '/timer' && !url.searchParams.has('payment'));
    expect(await page.getByRole('button', { name: /med kort$/ }).count()).toBe(0);
    await page.context().close();
  });
});
