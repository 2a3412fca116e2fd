// The GP list through the real server on real PostgreSQL: the patient's GP, finding one, switching (the count of 2 per
// calendar year held by the database under parallel requests), the waiting list of a full list (places that open at
// the same moment go to the first in line, in order, once), children moving with a parent, the journal transfer both
// offices see, the clinic admin's list and its reduction, and a registered move's extra switch and return right.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, startTestServer, type TestServer } from '../../../test/server.ts';
import { demoPerson, demoPractitionerId, logInDemoPeople, type DemoKey } from '../../../test/people.ts';
import { json } from '../econsult/test-flow.ts';
import { localDate } from '../../shared/time.ts';
import { switchGp } from './service.ts';
import { syntheticNationalId } from '../demo/synthetic-ids.ts';

describe('the GP list', () => {
  let server: TestServer;
  let b: Record<DemoKey, Browser>;
  let ids: Record<DemoKey, string>;
  const gp: Record<string, string> = {};
  const q = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) => (await server.database.owner.query(text, params)).rows as T[];
  const mine = async (who: Browser, patientId?: string) => (await json(await who.fetch(`/api/gp/mine${patientId ? `?patientId=${patientId}` : ''}`))).body;
  const switchTo = (who: Browser, body: Record<string, unknown>, key = randomUUID()) => who.fetch('/api/gp/switch', { method: 'POST', headers: { 'idempotency-key': key }, json: body }).then(json);
  /** A demo person of the Oslo office logged in. */
  const logInAs = async (name: string) => {
    const browser = new Browser(server.url);
    await browser.login((await demoPerson(server.database.owner, name)).nationalId);
    return browser;
  };

  beforeAll(async () => {
    server = await startTestServer({ RATE_LIMIT_PER_MINUTE: '100000' });
    ({ b, ids } = await logInDemoPeople(server));
    for (const name of ['Lise Berg', 'Per Olsen', 'Nora Lien', 'Sander Bakke']) gp[name] = await demoPractitionerId(server.database.owner, name);
  });
  afterAll(async () => server?.stop());

  it('shows the patient’s GP, the office, its other doctors and services, and 2 switches left', async () => {
    const me = await mine(b.ola);
    expect(me.gp).toMatchObject({ practitionerId: gp['Per Olsen'], name: 'Per Olsen', gender: 'male', office: { name: 'Fjordbyen legekontor', municipality: 'Bergen', website: 'https://fjordbyen-legekontor.example' } });
    expect(me.gp.office.services).toContain('econsult');
    expect(me.gp.otherDoctors.map((d: { name: string }) => d.name)).toEqual(['Lise Berg']);
    expect(me.switches).toMatchObject({ ordinaryUsed: 0, ordinaryLeft: 2, extra: [], returnRights: [] });
    expect(me.waiting).toBeNull();
    expect((await b.per.fetch('/api/gp/mine')).status).toBe(403);
    expect((await b.kari.fetch(`/api/gp/mine?patientId=${ids.ola}`)).status).toBe(403);
  });

  it('finds GPs by municipality and name, with list size, ceiling, free places or the waiting list', async () => {
    const oslo = (await json(await b.ola.fetch('/api/gp/search?municipality=Oslo'))).body;
    expect(oslo.municipalities).toEqual(expect.arrayContaining(['Bergen', 'Oslo']));
    expect(oslo.gps.map((g: { name: string }) => g.name)).toEqual(['Nora Lien', 'Sander Bakke']);
    expect(oslo.gps[0]).toMatchObject({ listSize: 3, ceiling: 3, freePlaces: 0, waitingCount: 2, gender: 'female', languages: ['norsk', 'engelsk', 'polsk'], office: { name: 'Elvebakken legesenter' } });
    expect(oslo.gps[1].freePlaces).toBeGreaterThan(0);
    const byName = (await json(await b.ola.fetch('/api/gp/search?name=lise'))).body.gps;
    expect(byName.map((g: { name: string }) => g.name)).toEqual(['Lise Berg']);
    expect((await b.ola.fetch('/api/gp/search?municipality=' + 'x'.repeat(81))).status).toBe(400);
  });

  it('a full list puts the patient on its waiting list with a position; the switch is counted', async () => {
    const r = await switchTo(b.ingrid, { practitionerId: gp['Nora Lien'] });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'waiting', kind: 'ordinary', position: 3, children: [] });
    const me = await mine(b.ingrid);
    expect(me.waiting).toMatchObject({ practitionerId: gp['Nora Lien'], gpName: 'Nora Lien', officeName: 'Elvebakken legesenter', position: 3 });
    expect(me.gp.name).toBe('Lise Berg');
    expect(me.switches.ordinaryLeft).toBe(1);
  });

  it('two places opening at the same moment go to the first two in line, in order, once', async () => {
    const [hilde, knut] = await Promise.all([logInAs('Hilde Strand'), logInAs('Knut Moen')]);
    const [a, c] = await Promise.all([switchTo(hilde, { practitionerId: gp['Sander Bakke'] }), switchTo(knut, { practitionerId: gp['Sander Bakke'] })]);
    expect([a.body.status, c.body.status]).toEqual(['switched', 'switched']);
    const nora = await q<{ name: string }>(`SELECT p.name FROM gp_list_entries e JOIN persons p ON p.id = e.patient_id WHERE e.practitioner_id = $1 ORDER BY p.name`, [gp['Nora Lien']]);
    expect(nora.map((r) => r.name)).toEqual(['Geir Holm', 'Liv Aasen', 'Siri Lunde']);
    const placed = await q<{ name: string; n: number }>(`SELECT p.name, count(*)::int AS n FROM gp_waiting_list w JOIN persons p ON p.id = w.patient_id WHERE w.status = 'placed' GROUP BY p.name ORDER BY p.name`);
    expect(placed).toEqual([{ name: 'Geir Holm', n: 1 }, { name: 'Siri Lunde', n: 1 }]);
    // Ingrid, third in line, is now first.
    expect((await mine(b.ingrid)).waiting.position).toBe(1);
    // Hilde stayed at the same office: there is no journal to ask another office for.
    expect((await mine(hilde)).mayRequestTransfer).toBe(false);
    expect((await hilde.fetch('/api/gp/journal-transfer', { method: 'POST', json: {} })).status).toBe(409);
  });

  it('leaving the waiting list frees the place in line at once', async () => {
    expect((await b.ingrid.fetch('/api/gp/waiting', { method: 'DELETE' })).status).toBe(204);
    expect((await mine(b.ingrid)).waiting).toBeNull();
    expect((await b.ingrid.fetch('/api/gp/waiting', { method: 'DELETE' })).status).toBe(404);
  });

  it('with one switch left, two parallel switches: exactly one passes, the database holding the count', async () => {
    expect((await switchTo(b.ola, { practitionerId: gp['Sander Bakke'] })).body).toMatchObject({ status: 'switched', kind: 'ordinary' });
    const [x, y] = await Promise.all([switchTo(b.ola, { practitionerId: gp['Lise Berg'] }), switchTo(b.ola, { practitionerId: gp['Per Olsen'] })]);
    expect([x.status, y.status].sort()).toEqual([200, 409]);
    expect([x, y].find((r) => r.status === 409)!.body.type).toMatch(/gp-no-switches-left$/);
    expect(await q(`SELECT ordinal FROM gp_switches WHERE person_id = $1 AND kind = 'ordinary' ORDER BY ordinal`, [ids.ola])).toEqual([{ ordinal: 1 }, { ordinal: 2 }]);
    const third = await switchTo(b.ola, { practitionerId: gp['Sander Bakke'] });
    expect(third.status).toBe(409);
    expect(third.body.detail ?? third.body.title).toMatch(/begge fastlegebyttene/);
    // The same request again with its key is answered as before, not counted again.
    const key = randomUUID();
    const first = await switchTo(b.kari, { practitionerId: gp['Per Olsen'] }, key);
    const again = await switchTo(b.kari, { practitionerId: gp['Per Olsen'] }, key);
    expect(again.body).toEqual(first.body);
    expect(await q(`SELECT count(*)::int AS n FROM gp_switches WHERE person_id = $1`, [ids.kari])).toEqual([{ n: 1 }]);
  });

  it('a parent moves a child under 16 with her; a child she does not act for is refused', async () => {
    const r = await switchTo(b.kari, { practitionerId: gp['Sander Bakke'], children: [ids.emma, ids.jonas] });
    expect(r.status).toBe(200);
    expect(r.body.children).toEqual([
      expect.objectContaining({ patientId: ids.emma, status: 'switched', kind: 'ordinary' }),
      expect.objectContaining({ patientId: ids.jonas, status: 'switched', kind: 'ordinary' }),
    ]);
    expect((await mine(b.kari, ids.emma)).gp.name).toBe('Sander Bakke');
    expect(await q(`SELECT actor_kind FROM audit_log WHERE subject_person_id = $1 AND action = 'gp.switch'`, [ids.emma])).toEqual([{ actor_kind: 'guardian' }]);
    expect((await switchTo(b.kari, { practitionerId: gp['Lise Berg'], children: [ids.ola] })).status).toBe(403);
    expect((await switchTo(b.kari, { practitionerId: gp['Lise Berg'], patientId: ids.ola })).status).toBe(403);
  });

  it('the clinic admin sees the lists, who is on them (audited), and reducing a list gives the newest an extra switch', async () => {
    const lists = (await json(await b.per.fetch('/api/admin/gp/lists'))).body.lists as Array<{ name: string; listSize: number; ceiling: number }>;
    expect(lists.map((l) => l.name)).toEqual(['Lise Berg', 'Per Olsen']);
    const lise = (await json(await b.per.fetch(`/api/admin/gp/lists/${gp['Lise Berg']}`))).body;
    expect(lise.patients.map((p: { name: string }) => p.name)).toContain('Ingrid Solberg');
    expect(await q(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'gp.list.read' AND actor_person_id = $1 AND subject_person_id = $2`, [ids.per, ids.ingrid])).toEqual([{ n: 1 }]);
    // Per Olsen's list: everyone on it for years, and Eva Ny listed last spring; reduced by one, Eva may switch once more.
    await q(`UPDATE gp_list_entries SET since = '2010-01-01' WHERE practitioner_id = $1`, [gp['Per Olsen']]);
    const nid = syntheticNationalId('1999-04-04', 3, { female: true });
    const [eva] = await q<{ id: string }>(`INSERT INTO persons (national_id, national_id_kind, name, birth_date, phone) VALUES ($1, 'synthetic', 'Eva Ny', '1999-04-04', '+4791000099') RETURNING id`, [nid]);
    const fjordbyen = (await q<{ clinic_id: string }>(`SELECT clinic_id FROM gp_lists WHERE practitioner_id = $1`, [gp['Per Olsen']]))[0]!.clinic_id;
    await q(`INSERT INTO gp_list_entries (patient_id, practitioner_id, clinic_id, since) VALUES ($1, $2, $3, $4)`, [eva!.id, gp['Per Olsen'], fjordbyen, localDate(new Date(Date.now() - 200 * 86_400_000))]);
    const per = (await json(await b.per.fetch(`/api/admin/gp/lists/${gp['Per Olsen']}`))).body;
    const reduced = await json(await b.per.fetch(`/api/admin/gp/lists/${gp['Per Olsen']}/ceiling`, { method: 'PUT', json: { ceiling: per.listSize - 1 } }));
    expect(reduced.status).toBe(200);
    expect(reduced.body).toMatchObject({ affected: 1, placed: 0, list: { ceiling: per.listSize - 1 } });
    const after = (await json(await b.per.fetch(`/api/admin/gp/lists/${gp['Per Olsen']}`))).body;
    expect(after.patients.filter((p: { mustMove: boolean }) => p.mustMove).map((p: { name: string }) => p.name)).toEqual(['Eva Ny']);
    // Eva is told, content-free, by SMS; the same reduction again grants nothing more.
    const sms = await q<{ body: string }>(`SELECT body FROM notifications WHERE person_id = $1 AND template = 'gp-changed'`, [eva!.id]);
    expect(sms).toHaveLength(1);
    expect(sms[0]!.body).toMatch(/^Nettlege: Det er nytt om fastlegen din\. Logg inn på \S+ for å se mer\.$/);
    expect((await json(await b.per.fetch(`/api/admin/gp/lists/${gp['Per Olsen']}/ceiling`, { method: 'PUT', json: { ceiling: per.listSize - 1 } }))).body.affected).toBe(0);
    // Refusals: reception is no admin; another clinic's admin does not find the list; a ceiling must be a number ≥ 0.
    expect((await b.tone.fetch('/api/admin/gp/lists')).status).toBe(403);
    expect((await b.anna.fetch(`/api/admin/gp/lists/${gp['Lise Berg']}`)).status).toBe(404);
    expect((await b.per.fetch(`/api/admin/gp/lists/${gp['Lise Berg']}/ceiling`, { method: 'PUT', json: { ceiling: -1 } })).status).toBe(400);
    expect((await b.ola.fetch('/api/admin/gp/lists')).status).toBe(403);
  });

  it('a registered move gives an extra switch; moving back within 3 years gives the former GP back, even on a full list', async () => {
    const register = (nationalId: string, municipality: string, movedOn: string) =>
      new Browser('').fetch(`${server.url}/dev/folkeregister`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ nationalId, municipality, movedOn }).toString() });
    const ingrid = await demoPerson(server.database.owner, 'Ingrid Solberg');
    // Ingrid has had Lise Berg in Bergen for ten years; she moves to Oslo some 10 months ago, and back 3 weeks ago.
    const daysAgo = (n: number) => localDate(new Date(Date.now() - n * 86_400_000));
    await q(`UPDATE gp_list_entries SET since = $2 WHERE patient_id = $1`, [ids.ingrid, daysAgo(3650)]);
    const moved = await register(ingrid.nationalId, 'Oslo', daysAgo(300));
    expect(moved.status).toBe(200);
    const movedText = await moved.text();
    expect(movedText).toContain('Flyttingen til Oslo er registrert');
    expect(movedText).not.toContain('Personen kan få tilbake');
    expect((await mine(b.ingrid)).switches.extra).toEqual([expect.objectContaining({ reason: 'moved' })]);
    // Ingrid has 1 ordinary switch left and an extra one: the extra is used first.
    expect((await switchTo(b.ingrid, { practitionerId: gp['Sander Bakke'] })).body).toMatchObject({ status: 'switched', kind: 'extra' });
    expect((await mine(b.ingrid)).switches).toMatchObject({ ordinaryLeft: 1, extra: [] });
    // Back to Bergen: her former GP Lise Berg, whose list is now full, takes her back.
    const back = await register(ingrid.nationalId, 'Bergen', daysAgo(20));
    expect(await back.text()).toContain('Personen kan få tilbake den tidligere fastlegen sin.');
    const me = await mine(b.ingrid);
    expect(me.switches.returnRights).toEqual([expect.objectContaining({ practitionerId: gp['Lise Berg'], gpName: 'Lise Berg' })]);
    await q(`UPDATE gp_lists SET ceiling = (SELECT count(*) FROM gp_list_entries WHERE practitioner_id = $1) WHERE practitioner_id = $1`, [gp['Lise Berg']]);
    expect((await switchTo(b.ingrid, { practitionerId: gp['Lise Berg'] })).body).toMatchObject({ status: 'switched', kind: 'return' });
    expect((await mine(b.ingrid)).switches.ordinaryLeft).toBe(1);
    expect((await register('123', 'Oslo', daysAgo(1))).status).toBe(400);
  });

  it('both offices see a journal transfer request; only the office that was asked marks it sent', async () => {
    // Ingrid left Elvebakken (Sander Bakke) for Fjordbyen: she asks Elvebakken to send her journal.
    const t = await json(await b.ingrid.fetch('/api/gp/journal-transfer', { method: 'POST', json: {} }));
    expect(t.body).toMatchObject({ fromOffice: 'Elvebakken legesenter', toOffice: 'Fjordbyen legekontor' });
    expect((await b.ingrid.fetch('/api/gp/journal-transfer', { method: 'POST', json: {} })).status).toBe(409);
    const incoming = (await json(await b.tone.fetch('/api/staff/gp/journal-transfers'))).body.transfers as Array<{ id: string; direction: string; patientName: string }>;
    expect(incoming).toContainEqual(expect.objectContaining({ id: t.body.id, direction: 'incoming', patientName: 'Ingrid Solberg' }));
    expect((await b.tone.fetch(`/api/staff/gp/journal-transfers/${t.body.id}/sent`, { method: 'POST' })).status).toBe(404);
    const sander = await demoPerson(server.database.owner, 'Sander Bakke');
    const elvebakken = new Browser(server.url);
    await elvebakken.login(sander.nationalId, 'staff', { hpr: sander.hpr! });
    const sent = await json(await elvebakken.fetch(`/api/staff/gp/journal-transfers/${t.body.id}/sent`, { method: 'POST' }));
    expect(sent.body).toMatchObject({ direction: 'outgoing', status: 'sent' });
    expect((await mine(b.ingrid)).journalTransfers).toContainEqual(expect.objectContaining({ id: t.body.id, status: 'sent' }));
  });

  it('a GP who quits closes the list: everyone on it gets an extra switch and a notice, the waiting list is withdrawn', async () => {
    // Nora Lien's office gets an admin for the test: Sander Bakke.
    const sander = await demoPerson(server.database.owner, 'Sander Bakke');
    await q(`INSERT INTO staff_roles (person_id, clinic_id, role) SELECT person_id, clinic_id, 'clinic_admin' FROM gp_lists l JOIN practitioners pr ON pr.id = l.practitioner_id WHERE l.practitioner_id = $1`, [gp['Sander Bakke']]);
    const admin = new Browser(server.url);
    await admin.login(sander.nationalId, 'staff', { hpr: sander.hpr! });
    // Hilde (now at Sander Bakke's) waits for Nora Lien's full list.
    const hilde = await logInAs('Hilde Strand');
    expect((await switchTo(hilde, { practitionerId: gp['Nora Lien'] })).body).toMatchObject({ status: 'waiting', position: 1 });
    const onList = (await q<{ n: number }>(`SELECT count(*)::int AS n FROM gp_list_entries WHERE practitioner_id = $1`, [gp['Nora Lien']]))[0]!.n;
    const quit = await json(await admin.fetch(`/api/admin/gp/lists/${gp['Nora Lien']}/quit`, { method: 'POST' }));
    expect(quit.status).toBe(200);
    expect(quit.body).toMatchObject({ affected: onList, list: { status: 'quit' } });
    expect(await q(`SELECT count(*)::int AS n FROM gp_extra_switches WHERE reason = 'gp-quit' AND source_id = $1`, [gp['Nora Lien']])).toEqual([{ n: onList }]);
    expect(await q(`SELECT count(*)::int AS n FROM gp_waiting_list WHERE practitioner_id = $1 AND status = 'waiting'`, [gp['Nora Lien']])).toEqual([{ n: 0 }]);
    // Closed: nobody can switch to it; a second quit changes nothing.
    const refused = await switchTo(b.ingrid, { practitionerId: gp['Nora Lien'] });
    expect(refused.status).toBe(409);
    expect(refused.body.type).toMatch(/gp-list-closed$/);
    expect((await json(await admin.fetch(`/api/admin/gp/lists/${gp['Nora Lien']}/quit`, { method: 'POST' }))).body.affected).toBe(0);
    expect((await b.per.fetch(`/api/admin/gp/lists/${gp['Nora Lien']}/quit`, { method: 'POST' })).status).toBe(404);
  });

  it('a switch in the first hour of a Norwegian day ends the period begun that same day at local midnight, not UTC midnight', async () => {
    // Later than today, so the list period Liv is in now began before it. 00:30 and 00:31 in Oslo on 11 March 2035 are 23:30 and 23:31 UTC on the 10th: the list period begun at the first
    // switch began at Oslo's midnight (23:00 UTC), before the second switch ended it.
    const liv = (await demoPerson(server.database.owner, 'Liv Aasen')).id;
    const actor = { personId: liv, requestId: randomUUID() };
    await q(`UPDATE gp_lists SET ceiling = ceiling + 10 WHERE practitioner_id = $1`, [gp['Per Olsen']]); // full after the tests above
    const first = await switchGp(server.services.gp, actor, { practitionerId: gp['Sander Bakke']! }, undefined, new Date('2035-03-10T23:30:00Z'));
    expect(first.body).toMatchObject({ status: 'switched' });
    const second = await switchGp(server.services.gp, actor, { practitionerId: gp['Per Olsen']! }, undefined, new Date('2035-03-10T23:31:00Z'));
    expect(second.body).toMatchObject({ status: 'switched' });
    const periods = await q<{ from: string; until: string }>(
      `SELECT listed_from AS from, listed_until AS until FROM gp_list_history WHERE patient_id = $1 AND practitioner_id = $2`,
      [liv, gp['Sander Bakke']],
    );
    expect(periods.map((p) => ({ from: new Date(p.from).toISOString(), until: new Date(p.until).toISOString() }))).toEqual([{ from: '2035-03-10T23:00:00.000Z', until: '2035-03-10T23:31:00.000Z' }]);
  });
});
