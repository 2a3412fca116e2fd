// A frikort from outside, through the real server on real PostgreSQL: registered in the bundled local frikort registry
// on its dev page, it makes the next price free and shows on the co-payments page as from outside; the registry is
// asked at most once a day per person and year, and one that cannot answer changes nothing and is asked again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { startTestServer, Browser, type TestServer } from '../../../test/server.ts';
import { demoClinicId, logInDemoPeople, type DemoKey } from '../../../test/people.ts';
import { json } from '../econsult/test-flow.ts';
import { localDate } from '../../shared/time.ts';
import { syncExternalFrikort, type FrikortRegistry } from './frikort-registry.ts';

describe('money: a frikort from outside', () => {
  let server: TestServer;
  let b: Record<DemoKey, Browser>;
  let ids: Record<DemoKey, string>;
  let nationalIds: Record<DemoKey, string>;
  let fjordbyen = '';
  const year = Number(localDate(new Date()).slice(0, 4));
  const registry = new Browser('');
  const register = async (form: Record<string, string>, headers: Record<string, string> = {}) => {
    const res = await registry.fetch(`${server.url}/dev/frikort`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(form).toString() });
    return { status: res.status, html: await res.text() };
  };
  const price = async (who: Browser) => (await json(await who.fetch(`/api/prices?${new URLSearchParams({ clinicId: fjordbyen, service: 'consultation', visitType: 'clinic' })}`))).body;

  beforeAll(async () => {
    server = await startTestServer({ RATE_LIMIT_PER_MINUTE: '100000' });
    ({ b, ids, nationalIds } = await logInDemoPeople(server));
    fjordbyen = await demoClinicId(server.database.owner, 'Fjordbyen legekontor');
  });
  afterAll(async () => server?.stop());

  it('a frikort registered outside makes the next price free and shows as from outside; the national ID is only masked', async () => {
    const page = await registry.fetch(`${server.url}/dev/frikort`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<form [^>]*method="post" action="\/dev\/frikort"/);
    const done = await register({ nationalId: nationalIds.kari, year: String(year) });
    expect(done.status).toBe(200);
    expect(done.html).not.toContain(nationalIds.kari);
    expect(done.html).toContain(`Frikort for ${year} er registrert`);

    expect(await price(b.kari)).toMatchObject({ amountOre: 0, exemption: 'frikort' });
    const summary = (await json(await b.kari.fetch(`/api/copayment/summary?year=${year}`))).body;
    expect(summary.frikort).toMatchObject({ source: 'external' });
  });

  it('asks the registry at most once a day: a frikort registered after a "no" counts from the next day', async () => {
    const before = await price(b.ingrid);
    expect(before.amountOre).toBeGreaterThan(0);
    await register({ nationalId: nationalIds.ingrid, year: String(year) });
    expect((await price(b.ingrid)).amountOre).toBe(before.amountOre);
    await server.database.owner.query(`UPDATE frikort_lookups SET asked_at = now() - interval '25 hours' WHERE person_id = $1`, [ids.ingrid]);
    expect(await price(b.ingrid)).toMatchObject({ amountOre: 0, exemption: 'frikort' });
  });

  it('a registry that cannot answer changes nothing and is asked again the next time; bad and cross-site posts are refused', async () => {
    let asked = 0;
    let up = false;
    const flaky: FrikortRegistry = {
      name: 'flaky',
      async hasFrikort() {
        asked++;
        if (!up) throw new Error('registry down');
        return true;
      },
    };
    const log = pino({ level: 'silent' });
    await syncExternalFrikort(server.database.db, flaky, ids.ola, year, log);
    expect(await server.database.owner.query(`SELECT 1 FROM frikort WHERE person_id = $1 AND year = $2`, [ids.ola, year]).then((r) => r.rows)).toHaveLength(0);
    up = true;
    await syncExternalFrikort(server.database.db, flaky, ids.ola, year, log);
    await syncExternalFrikort(server.database.db, flaky, ids.ola, year, log);
    expect(asked).toBe(2);
    expect((await server.database.owner.query(`SELECT source FROM frikort WHERE person_id = $1 AND year = $2`, [ids.ola, year])).rows).toEqual([{ source: 'external' }]);

    expect((await register({ nationalId: '123', year: String(year) })).status).toBe(400);
    expect((await register({ nationalId: nationalIds.ola, year: String(year) }, { origin: 'https://evil.example' })).status).toBe(403);
  });
});
