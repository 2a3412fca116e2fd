// Seasonal vaccination through the real server on real PostgreSQL: a clinic admin publishes a campaign; patients and
// parents book by target group and price, move and cancel; a slot of capacity 5 takes exactly 5 of 20 concurrent
// bookings over HTTP; reception's day list (audited) marks the vaccine given, which the patient then sees.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, startTestServer, type TestServer } from '../../../test/server.ts';
import { logInDemoPeople, type DemoKey } from '../../../test/people.ts';
import { json } from '../econsult/test-flow.ts';
import { localDate } from '../../shared/time.ts';
import { syntheticNationalId } from '../demo/synthetic-ids.ts';

describe('seasonal vaccination', () => {
  let server: TestServer;
  let b: Record<DemoKey, Browser>;
  let ids: Record<DemoKey, string>;
  let campaign: { id: string; groups: Array<{ group: string; priceOre: number }> };
  const q = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) => (await server.database.owner.query(text, params)).rows as T[];
  // The campaign runs from the day after tomorrow for a week (in Oslo time), so every slot is in the future.
  const day = (n: number) => localDate(new Date(Date.now() + n * 86_400_000));
  const firstDay = day(2);
  const slots = async (date: string) => (await json(await b.ingrid.fetch(`/api/vaccination/campaigns/${campaign.id}/slots?date=${date}`))).body.slots as Array<{ start: string; free: number; capacity: number }>;
  /** The first day of the campaign with slots (a weekend has none). */
  const openDay = async () => {
    for (let n = 2; n < 9; n++) if ((await slots(day(n))).length) return day(n);
    throw new Error('no open day');
  };
  const bookAs = (who: Browser, body: Record<string, unknown>, key = randomUUID()) => who.fetch('/api/vaccination/bookings', { method: 'POST', headers: { 'idempotency-key': key }, json: body }).then(json);

  beforeAll(async () => {
    server = await startTestServer({ RATE_LIMIT_PER_MINUTE: '100000' });
    ({ b, ids } = await logInDemoPeople(server));
  });
  afterAll(async () => server?.stop());

  it('a clinic admin publishes a campaign; bad periods, hours and groups are refused in words; others may not', async () => {
    const body = { vaccine: 'Influensavaksine (test)', startsOn: firstDay, endsOn: day(8), dayStart: '08:00', dayEnd: '09:00', slotMinutes: 15, capacityPerSlot: 5, groups: [{ group: '65-plus', priceOre: 15000 }, { group: 'risk-group', priceOre: 15000 }, { group: 'health-personnel', priceOre: 0 }] };
    const made = await json(await b.per.fetch('/api/admin/vaccination/campaigns', { method: 'POST', json: body }));
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ vaccine: 'Influensavaksine (test)', clinicName: 'Fjordbyen legekontor', capacityPerSlot: 5, dayStart: '08:00' });
    campaign = made.body as typeof campaign;
    const bad = await json(await b.per.fetch('/api/admin/vaccination/campaigns', { method: 'POST', json: { ...body, endsOn: day(1) } }));
    expect(bad.status).toBe(400);
    expect(bad.body.detail ?? bad.body.title).toMatch(/Kampanjen må slutte/);
    expect((await b.per.fetch('/api/admin/vaccination/campaigns', { method: 'POST', json: { ...body, groups: [{ group: '65-plus', priceOre: 0 }, { group: '65-plus', priceOre: 1 }] } })).status).toBe(400);
    expect((await b.per.fetch('/api/admin/vaccination/campaigns', { method: 'POST', json: { ...body, dayEnd: '07:00' } })).status).toBe(400);
    expect((await b.tone.fetch('/api/admin/vaccination/campaigns', { method: 'POST', json: body })).status).toBe(403);
    expect((await b.ola.fetch('/api/admin/vaccination/campaigns', { method: 'POST', json: body })).status).toBe(403);
    const listed = (await json(await b.ola.fetch('/api/vaccination/campaigns'))).body.campaigns as Array<{ id: string }>;
    expect(listed.map((c) => c.id)).toContain(campaign.id);
  });

  it('patients book in their target group at its price; a parent books for a child; one time per campaign', async () => {
    const date = await openDay();
    const [first, second] = await slots(date);
    expect(first).toMatchObject({ free: 5, capacity: 5 });
    // Ingrid is over 65: her group whatever she says.
    const ingrid = await bookAs(b.ingrid, { campaignId: campaign.id, start: first!.start, targetGroup: 'health-personnel' });
    expect(ingrid.status).toBe(201);
    expect(ingrid.body).toMatchObject({ patientId: ids.ingrid, targetGroup: '65-plus', priceOre: 15000, status: 'booked', mayChange: true });
    // Kari says Emma (9) is in a risk group; Kari herself is in none the campaign offers.
    const emma = await bookAs(b.kari, { campaignId: campaign.id, start: first!.start, patientId: ids.emma, targetGroup: 'risk-group' });
    expect(emma.body).toMatchObject({ patientId: ids.emma, patientName: 'Emma Nordmann', targetGroup: 'risk-group' });
    const kari = await bookAs(b.kari, { campaignId: campaign.id, start: first!.start });
    expect(kari.status).toBe(409);
    expect(kari.body.type).toMatch(/vaccination-not-for-group$/);
    const again = await bookAs(b.ingrid, { campaignId: campaign.id, start: second!.start });
    expect(again.status).toBe(409);
    expect(again.body.type).toMatch(/vaccination-already-booked$/);
    expect((await bookAs(b.kari, { campaignId: campaign.id, start: first!.start, patientId: ids.ola })).status).toBe(403);
    expect((await slots(date))[0]!.free).toBe(3);
    // Moved: the places follow; cancelled: the place is free again.
    const moved = await json(await b.ingrid.fetch(`/api/vaccination/bookings/${ingrid.body.id}/move`, { method: 'POST', json: { start: second!.start } }));
    expect(moved.body.start).toBe(second!.start);
    expect((await slots(date)).slice(0, 2).map((s) => s.free)).toEqual([4, 4]);
    expect((await b.kari.fetch(`/api/vaccination/bookings/${ingrid.body.id}/cancel`, { method: 'POST' })).status).toBe(404);
    expect((await json(await b.kari.fetch(`/api/vaccination/bookings/${emma.body.id}/cancel`, { method: 'POST' }))).body.status).toBe('cancelled');
    expect((await slots(date))[0]!.free).toBe(5);
    const mine = (await json(await b.kari.fetch('/api/vaccination/bookings'))).body.bookings;
    expect(mine).toEqual([]);
  });

  it('a slot with room for 5 takes exactly 5 of 20 concurrent bookings over HTTP', async () => {
    const date = await openDay();
    const slot = (await slots(date)).at(-1)!;
    const people: Browser[] = [];
    for (let i = 0; i < 20; i++) {
      const birth = `1950-01-${String(i + 1).padStart(2, '0')}`;
      const nid = syntheticNationalId(birth, 7);
      await q(`INSERT INTO persons (national_id, national_id_kind, name, birth_date) VALUES ($1, 'synthetic', $2, $3)`, [nid, `Senior ${i + 1}`, birth]);
      const who = new Browser(server.url);
      await who.login(nid);
      people.push(who);
    }
    const results = await Promise.all(people.map((who) => bookAs(who, { campaignId: campaign.id, start: slot.start })));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(5);
    expect(statuses.filter((s) => s === 409)).toHaveLength(15);
    expect(results.filter((r) => r.status === 409).every((r) => /vaccination-slot-full$/.test(r.body.type))).toBe(true);
    expect(await q(`SELECT booked, capacity FROM vaccination_slots WHERE campaign_id = $1 AND starts_at = $2`, [campaign.id, slot.start])).toEqual([{ booked: 5, capacity: 5 }]);
    expect(await q(`SELECT count(*)::int AS n FROM vaccination_bookings WHERE campaign_id = $1 AND starts_at = $2 AND status = 'booked'`, [campaign.id, slot.start])).toEqual([{ n: 5 }]);
  });

  it('reception sees the day’s list (audited) and marks the vaccine given; the patient sees it given', async () => {
    const date = await openDay();
    const [slot] = await slots(date);
    const ola = await bookAs(b.ola, { campaignId: campaign.id, start: slot!.start });
    expect(ola.body.targetGroup).toBe('65-plus');
    const list = (await json(await b.tone.fetch(`/api/staff/vaccination/bookings?date=${date}`))).body.bookings as Array<{ id: string; patientName: string }>;
    expect(list.map((x) => x.patientName)).toContain('Ola Hansen');
    expect(await q(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'vaccination.list' AND subject_person_id = $1`, [ids.ola])).toEqual([{ n: 1 }]);
    const given = await json(await b.tone.fetch(`/api/staff/vaccination/bookings/${ola.body.id}/given`, { method: 'POST' }));
    expect(given.body).toMatchObject({ status: 'given', mayChange: false });
    const mine = (await json(await b.ola.fetch('/api/vaccination/bookings'))).body.bookings;
    expect(mine).toContainEqual(expect.objectContaining({ id: ola.body.id, status: 'given', givenAt: expect.any(String) }));
    // Given: no longer moved or cancelled; another clinic does not find it; a patient may not mark it.
    expect((await b.ola.fetch(`/api/vaccination/bookings/${ola.body.id}/cancel`, { method: 'POST' })).status).toBe(409);
    expect((await b.anna.fetch(`/api/staff/vaccination/bookings/${ola.body.id}/given`, { method: 'POST' })).status).toBe(404);
    expect((await b.ola.fetch(`/api/staff/vaccination/bookings/${ola.body.id}/given`, { method: 'POST' })).status).toBe(403);
  });
});
