// The drop-in queue through the real HTTP layer, WebSocket and PostgreSQL: live positions, leaving, joining twice, racing clinicians.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, startTestServer, type TestServer } from '../../../test/server.ts';
import { demoPerson, demoClinicId, demoPractitionerId } from '../../../test/people.ts';
import { LiveClient } from '../../../test/live-client.ts';
import { syntheticNationalId } from '../demo/synthetic-ids.ts';

describe('drop-in queue', () => {
  let server: TestServer;
  let nordlys = '';
  let fjordbyen = '';
  const ids: Record<string, string> = {};
  const b: Record<'ola' | 'ingrid' | 'kari' | 'anna' | 'second', Browser> = {} as never;
  const sockets: LiveClient[] = [];

  const live = async (who: Browser) => {
    const c = await LiveClient.open(who, server.url);
    sockets.push(c);
    return c;
  };
  const join = (who: Browser, body: object, clinic = nordlys) => who.fetch(`/api/dropin/${clinic}/join`, { method: 'POST', json: body });
  const takeNext = (who: Browser) => who.fetch('/api/staff/dropin/take-next', { method: 'POST' }).then(async (r) => ({ status: r.status, body: await r.json() }));
  const finishDropinAppointments = () => server.database.owner.query(`UPDATE appointments SET status = 'completed' WHERE source = 'dropin' AND status = 'booked'`);

  beforeAll(async () => {
    server = await startTestServer({ RATE_LIMIT_PER_MINUTE: '100000' });
    const o = server.database.owner;
    nordlys = await demoClinicId(o, 'Nordlys nettklinikk');
    fjordbyen = await demoClinicId(o, 'Fjordbyen legekontor');
    // Anna is the only clinician at Nordlys: a second one joins for the race.
    const nid = syntheticNationalId('1972-03-03', 7, { female: false });
    const person = (await o.query(`INSERT INTO persons (national_id, national_id_kind, name, birth_date) VALUES ($1, 'synthetic', 'Jonas Vik', '1972-03-03') RETURNING id`, [nid])).rows[0].id;
    await o.query(`INSERT INTO practitioners (person_id, hpr_number, profession) VALUES ($1, '7000007', 'doctor')`, [person]);
    await o.query(`INSERT INTO staff_roles (person_id, clinic_id, role) VALUES ($1, $2, 'clinician')`, [person, nordlys]);
    const people = { ola: 'Ola Hansen', ingrid: 'Ingrid Solberg', kari: 'Kari Nordmann', anna: 'Anna Lindqvist', emma: 'Emma Nordmann' };
    for (const [key, name] of Object.entries(people)) ids[key] = (await demoPerson(o, name)).id;
    for (const key of ['ola', 'ingrid', 'kari', 'anna', 'second'] as const) b[key] = new Browser(server.url);
    for (const key of ['ola', 'ingrid', 'kari'] as const) await b[key].login((await demoPerson(o, people[key])).nationalId);
    const anna = await demoPerson(o, 'Anna Lindqvist');
    await b.anna.login(anna.nationalId, 'staff', { hpr: anna.hpr! });
    await b.second.login(nid, 'staff', { hpr: '7000007' });
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await server?.stop();
  });

  it('two patients see their places 1 and 2 live, and the second moves up at once when the first leaves', async () => {
    const [ola, ingrid, anna] = [await live(b.ola), await live(b.ingrid), await live(b.anna)];
    const topic = `dropin:me:${nordlys}`;
    expect(await ola.subscribe(topic)).toMatchObject({ type: 'dropin.position', status: 'none', position: null });
    expect(await ingrid.subscribe(topic)).toMatchObject({ type: 'dropin.position', status: 'none' });
    expect(await anna.subscribe('dropin:staff')).toMatchObject({ type: 'dropin.queue', clinicId: nordlys, waiting: [] });

    expect((await join(b.ola, { visitType: 'video' })).status).toBe(201);
    expect(await ola.next((m) => m.status === 'waiting')).toMatchObject({ position: 1, estimatedWaitMinutes: 15, visitType: 'video', patientId: ids.ola });
    const joined = await join(b.ingrid, { visitType: 'phone' });
    expect(await joined.json()).toMatchObject({ status: 'waiting', position: 2, estimatedWaitMinutes: 30 });
    expect(await ingrid.next((m) => m.status === 'waiting')).toMatchObject({ position: 2, estimatedWaitMinutes: 30, visitType: 'phone' });
    const list = await anna.next((m) => (m.waiting as unknown[]).length === 2);
    expect(list.waiting).toMatchObject([
      { patientName: 'Ola Hansen', visitType: 'video', position: 1 },
      { patientName: 'Ingrid Solberg', visitType: 'phone', position: 2 },
    ]);

    const left = await b.ola.fetch(`/api/dropin/${nordlys}/me`, { method: 'DELETE' });
    expect(await left.json()).toMatchObject({ status: 'left', position: null });
    expect(await ingrid.next((m) => m.position === 1)).toMatchObject({ status: 'waiting', estimatedWaitMinutes: 15 });
    expect(await ola.next((m) => m.status === 'left')).toMatchObject({ position: null });
    expect((await anna.next((m) => (m.waiting as unknown[]).length === 1)).waiting).toMatchObject([{ patientName: 'Ingrid Solberg', position: 1 }]);

    // Each patient shown live to staff is audited once.
    const audit = await server.database.owner.query(`SELECT subject_person_id FROM audit_log WHERE action = 'dropin.queue.read' AND actor_person_id = $1`, [ids.anna]);
    expect(audit.rows.map((r) => r.subject_person_id).sort()).toEqual([ids.ola, ids.ingrid].sort());
    await b.ingrid.fetch(`/api/dropin/${nordlys}/me`, { method: 'DELETE' });
  });

  it('a patient cannot join twice, nor where the clinic offers no drop-in', async () => {
    expect((await join(b.kari, { visitType: 'video' })).status).toBe(201);
    const again = await join(b.kari, { visitType: 'phone' });
    expect(again.status).toBe(409);
    expect((await again.json()).type).toMatch(/already-in-queue$/);
    const rows = await server.database.owner.query(`SELECT count(*)::int AS n FROM dropin_entries WHERE patient_id = $1 AND status = 'waiting'`, [ids.kari]);
    expect(rows.rows[0].n).toBe(1);
    const closed = await join(b.kari, { visitType: 'video' }, fjordbyen);
    expect(closed.status).toBe(409);
    expect((await closed.json()).type).toMatch(/queue-closed$/);
    await b.kari.fetch(`/api/dropin/${nordlys}/me`, { method: 'DELETE' });
    expect((await (await b.kari.fetch(`/api/dropin/${nordlys}/me`)).json()).status).toBe('left');
  });

  it('two clinicians taking the next patient at once get different patients, each with an appointment now', async () => {
    const ola = await live(b.ola);
    await ola.subscribe(`dropin:me:${nordlys}`);
    await join(b.ola, { visitType: 'video' });
    await join(b.ingrid, { visitType: 'phone' });
    const [first, second] = await Promise.all([takeNext(b.anna), takeNext(b.second)]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(new Set([first.body.patientId, second.body.patientId])).toEqual(new Set([ids.ola, ids.ingrid]));
    const annaGot = first.body;
    expect(annaGot.appointment.visitType).toBe(annaGot.visitType);
    expect(new Date(annaGot.appointment.endsAt).getTime() - new Date(annaGot.appointment.startsAt).getTime()).toBe(15 * 60_000);

    const taken = await ola.next((m) => m.status === 'taken');
    expect(taken.appointmentId).toEqual(expect.any(String));
    expect(['Anna Lindqvist', 'Jonas Vik']).toContain(taken.clinicianName);
    const o = server.database.owner;
    const appts = await o.query(`SELECT patient_id, source FROM appointments WHERE source = 'dropin' AND status = 'booked'`);
    expect(appts.rows).toHaveLength(2);
    const audit = await o.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'dropin.take'`);
    expect(audit.rows[0].n).toBe(2);
  });

  it('with one patient waiting, one clinician gets them and the other is told the queue is empty', async () => {
    await finishDropinAppointments();
    await join(b.kari, { visitType: 'video' });
    const results = await Promise.all([takeNext(b.anna), takeNext(b.second)]);
    const won = results.filter((r) => r.status === 200);
    const lost = results.filter((r) => r.status === 409);
    expect(won).toHaveLength(1);
    expect(won[0]!.body.patientId).toBe(ids.kari);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.body.type).toMatch(/queue-empty$/);
  });

  it('a busy clinician cannot take a patient, and the patient keeps their place; a parent queues for a child', async () => {
    const busy = (await server.database.owner.query(`SELECT pr.person_id FROM appointments a JOIN practitioners pr ON pr.id = a.practitioner_id WHERE a.source = 'dropin' AND a.status = 'booked'`)).rows[0].person_id;
    const [busyOne, freeOne] = busy === ids.anna ? [b.anna, b.second] : [b.second, b.anna];
    expect((await join(b.kari, { visitType: 'phone', patientId: ids.emma })).status).toBe(201);
    const refused = await takeNext(busyOne);
    expect(refused.status).toBe(409);
    expect(refused.body.type).toMatch(/clinician-busy$/);
    expect(await (await b.kari.fetch(`/api/dropin/${nordlys}/me?patientId=${ids.emma}`)).json()).toMatchObject({ status: 'waiting', position: 1 });
    const got = await takeNext(freeOne);
    expect(got).toMatchObject({ status: 200, body: { patientId: ids.emma, patientName: 'Emma Nordmann', visitType: 'phone' } });
  });

  it('a patient cannot queue for someone they may not act for', async () => {
    const res = await join(b.ingrid, { visitType: 'video', patientId: ids.emma });
    expect(res.status).toBe(403);
  });

  it('staff read the waiting list over HTTP, each patient audited', async () => {
    await finishDropinAppointments();
    await join(b.kari, { visitType: 'video' });
    const res = await b.anna.fetch('/api/staff/dropin');
    expect(res.status).toBe(200);
    expect((await res.json()).waiting).toMatchObject([{ patientName: 'Kari Nordmann', position: 1, waitedMinutes: 0 }]);
    const audit = await server.database.owner.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'dropin.queue.read' AND subject_person_id = $1`, [ids.kari]);
    expect(audit.rows[0].n).toBeGreaterThanOrEqual(1);
  });
  it('a patient already in another consultation is passed over and keeps their place, instead of blocking the queue', async () => {
    await finishDropinAppointments();
    const o = server.database.owner;
    await o.query(`UPDATE dropin_entries SET status = 'left' WHERE status = 'waiting'`);
    // Ola is with a GP at the other clinic right now.
    const lise = await demoPractitionerId(o, 'Lise Berg');
    const busy = await o.query(
      `INSERT INTO appointments (clinic_id, practitioner_id, patient_id, booked_by, visit_type, starts_at, ends_at, blocked_until)
       VALUES ($1, $2, $3, $3, 'clinic', now() - interval '5 minutes', now() + interval '10 minutes', now() + interval '10 minutes') RETURNING id`,
      [fjordbyen, lise, ids.ola],
    );
    expect((await join(b.ola, { visitType: 'video' })).status).toBe(201);
    expect((await join(b.ingrid, { visitType: 'phone' })).status).toBe(201);
    const first = await takeNext(b.anna);
    expect(first.status).toBe(200);
    expect(first.body.patientName).toBe('Ingrid Solberg');
    const place = await (await b.ola.fetch(`/api/dropin/${nordlys}/me`)).json();
    expect(place).toMatchObject({ status: 'waiting', position: 1 });
    await o.query(`UPDATE appointments SET status = 'completed' WHERE id = $1`, [busy.rows[0].id]);
    await finishDropinAppointments();
    const second = await takeNext(b.second);
    expect(second.body.patientName).toBe('Ola Hansen');
    await finishDropinAppointments();
  });
});
