// In a real browser: Kari withdraws her SMS consent on "Samtykker"; a time she books afterwards sends her no SMS (the
// outbox gets none), while the e-mail still goes. Axe, phone width.
import { describe, expect, it } from 'vitest';
import { accessibilityViolations } from './browser.ts';
import { PHONE, useE2e } from './harness.ts';

describe('consent, in the browser', () => {
  const e2e = useE2e();

  it('Kari withdraws SMS consent; booking afterwards sends her an e-mail and no SMS', async () => {
    const page = await e2e.newPage(PHONE);
    await e2e.logIn(page, 'Kari Nordmann');
    await page.getByRole('link', { name: 'Samtykker' }).click();
    await page.getByRole('heading', { name: 'Samtykker', level: 1 }).waitFor();
    const sms = page.getByRole('region', { name: 'Varsler på SMS' });
    await sms.getByText(/^Jeg vil ha varsler på SMS/).waitFor();
    await sms.getByRole('button', { name: 'Trekk tilbake samtykket' }).click();
    await page.getByRole('status').filter({ hasText: 'Samtykket «Varsler på SMS» er trukket tilbake.' }).waitFor();
    await sms.getByText(/Trukket tilbake .+ \(tekstversjon 2026-11-01\)\.$/).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    const o = e2e.server.database.owner;
    const since = (await o.query('SELECT now() AS t')).rows[0].t as Date;

    await page.goto(`${e2e.server.url}/timebestilling`);
    await page.getByRole('combobox', { name: 'Legekontor', exact: true }).selectOption({ label: 'Fjordbyen legekontor' });
    await page.getByRole('radio', { name: 'Video' }).check();
    await page.getByRole('button', { name: 'Neste uke' }).click();
    await page.getByRole('button', { name: /kl\. \d\d:\d\d hos / }).first().click();
    await page.getByRole('button', { name: 'Bestill', exact: true }).click();
    await page.getByRole('heading', { name: 'Timen er bestilt' }).waitFor();
    const kari = (await o.query(`SELECT id FROM persons WHERE name = 'Kari Nordmann'`)).rows[0].id;
    const after = await o.query(`SELECT channel FROM notifications WHERE person_id = $1 AND created_at >= $2 ORDER BY channel`, [kari, since]);
    expect(after.rows.map((r: { channel: string }) => r.channel)).toEqual(['email']);
    // The dev outbox (the SMS that would have left) has nothing for Kari's number since.
    const smsSince = await o.query(`SELECT count(*)::int AS n FROM notifications WHERE address = '+4791000001' AND channel = 'sms' AND created_at >= $1`, [since]);
    expect(smsSince.rows[0].n).toBe(0);
    await page.context().close();
  });
});
