// What kind of care a visit is, where it frees it (a pregnancy check-up; mental-health care under 18): said by the
// patient when booking and priced so before booking; set or corrected by the clinic until the visit is paid, audited.
// Through the real server on real PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type Browser, type TestServer } from '../../../test/server.ts';
import { demoClinicId, logInDemoPeople, type DemoKey } from '../../../test/people.ts';
import { json } from '../econsult/test-flow.ts';
import { bookFirstFree } from '../booking/test-booking.ts';
import { localDate } from '../../shared/time.ts';

describe('money: the kind of care a visit is', () => {
  let server: TestServer;
  let b: Record<DemoKey, Browser>;
  let ids: Record<DemoKey, string>;
  let fjordbyen = '';
  const price = async (who: Browser, query: Record<string, string>) => json(await who.fetch(`/api/prices?${new URLSearchParams({ clinicId: fjordbyen, service: 'consultation', visitType: 'clinic', ...query })}`));
  const setCare = async (who: Browser, id: string, careCategory: unknown) => json(await who.fetch(`/api/staff/appointments/${id}/care-category`, { method: 'PUT', json: { careCategory } }));
  const deskPaid = async (id: string) => json(await b.tone.fetch(`/api/staff/appointments/${id}/paid-at-clinic`, { method: 'POST' }));

  beforeAll(async () => {
    server = await startTestServer({ RATE_LIMIT_PER_MINUTE: '100000' });
    ({ b, ids } = await logInDemoPeople(server));
    fjordbyen = await demoClinicId(server.database.owner, 'Fjordbyen legekontor');
  });
  afterAll(async () => server?.stop());

  it('a pregnancy check-up is free, said before booking, kept with the booking, and nothing is taken at the desk', async () => {
    expect((await price(b.ingrid, { careCategory: 'pregnancy' })).body).toMatchObject({ amountOre: 0, exemption: 'pregnancy', payBy: 'none' });
    // Mental-health care frees only a patient under 18: Ingrid pays as for any visit.
    const ordinary = (await price(b.ingrid, {})).body;
    expect(ordinary.amountOre).toBeGreaterThan(0);
    expect((await price(b.ingrid, { careCategory: 'mental-health' })).body).toMatchObject({ amountOre: ordinary.amountOre, exemption: null });
    expect((await price(b.ingrid, { careCategory: 'dental' })).status).toBe(400);

    const id = await bookFirstFree(b.ingrid, fjordbyen, 'clinic', 3, { careCategory: 'pregnancy' });
    const mine = (await json(await b.ingrid.fetch('/api/appointments'))).body.appointments as Array<{ id: string; careCategory: string | null }>;
    expect(mine.find((a) => a.id === id)?.careCategory).toBe('pregnancy');
    const desk = await deskPaid(id);
    expect(desk.status).toBe(200);
    expect(desk.body).toMatchObject({ paidAt: null, price: { amountOre: 0, exemption: 'pregnancy' } });
    expect(await server.database.owner.query(`SELECT 1 FROM copayments WHERE purpose_id = $1`, [id]).then((r) => r.rowCount)).toBe(0);
    // The clinic's settlement counts the exemption, once however often the desk presses.
    expect((await deskPaid(id)).status).toBe(200);
    const today = localDate(new Date());
    const rows = (await json(await b.per.fetch(`/api/admin/settlement?${new URLSearchParams({ clinicId: fjordbyen, from: today, to: today })}`))).body.rows;
    expect(rows).toContainEqual({ period: today, kind: 'exemption', method: 'pregnancy', provider: '', count: 1, amountOre: 0 });
    // Corrected to an ordinary visit, the exemption no longer counts: the desk settles it again.
    await setCare(b.tone, id, null);
    const after = (await json(await b.per.fetch(`/api/admin/settlement?${new URLSearchParams({ clinicId: fjordbyen, from: today, to: today })}`))).body.rows as Array<{ method: string }>;
    expect(after.filter((r) => r.method === 'pregnancy')).toEqual([]);
  });

  it('the clinic sets or corrects it until the visit is paid, audited; patients and other clinics are refused', async () => {
    const id = await bookFirstFree(b.ola, fjordbyen, 'clinic', 5);
    const set = await setCare(b.tone, id, 'pregnancy');
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ appointmentId: id, careCategory: 'pregnancy', price: { amountOre: 0, exemption: 'pregnancy' } });
    const audit = await server.database.owner.query(`SELECT reason FROM audit_log WHERE action = 'appointment.care-category' AND subject_person_id = $1 AND actor_person_id = $2`, [ids.ola, ids.tone]);
    expect(audit.rows).toEqual([{ reason: 'pregnancy' }]);

    expect((await setCare(b.ola, id, null)).status).toBe(403);
    expect((await setCare(b.anna, id, null)).status).toBe(404);
    expect((await setCare(b.tone, id, 'dental')).status).toBe(400);

    // Back to an ordinary visit: it costs again, and the desk takes it.
    const back = await setCare(b.tone, id, null);
    expect(back.body).toMatchObject({ careCategory: null, price: { exemption: null } });
    expect(back.body.price.amountOre).toBeGreaterThan(0);
    expect((await deskPaid(id)).body.paidAt).not.toBeNull();
    // Paid: the kind can no longer change the price (saying the same again changes nothing and is allowed).
    const late = await setCare(b.tone, id, 'pregnancy');
    expect(late.status).toBe(409);
    expect(late.body.type).toMatch(/care-category-paid$/);
    expect((await setCare(b.tone, id, null)).status).toBe(200);
    expect((await server.database.owner.query(`SELECT care_category FROM appointments WHERE id = $1`, [id])).rows).toEqual([{ care_category: null }]);
  });
});
