// "Delete my account" through the real server on real PostgreSQL: refused in words while something is open; then the
// messages, notices, contact details, consent choices and sessions go, while the appointments, the GP list and the
// access log stay, and the deletion itself is in the access log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, startTestServer, type TestServer } from '../../../test/server.ts';
import { demoClinicId, demoPractitionerId, logInDemoPeople, type DemoKey } from '../../../test/people.ts';
import { json } from '../econsult/test-flow.ts';
import { syntheticNationalId } from '../demo/synthetic-ids.ts';
import { bookFirstFree } from '../booking/test-booking.ts';

describe('delete my account', () => {
  let server: TestServer;
  let b: Record<DemoKey, Browser>;
  const q = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) => (await server.database.owner.query(text, params)).rows as T[];

  beforeAll(async () => {
    server = await startTestServer({ RATE_LIMIT_PER_MINUTE: '100000' });
    ({ b } = await logInDemoPeople(server));
  });
  afterAll(async () => server?.stop());

  it('is refused while an appointment is coming, and changes nothing', async () => {
    const fjordbyen = await demoClinicId(server.database.owner, 'Fjordbyen legekontor');
    await bookFirstFree(b.ingrid, fjordbyen, 'video', 5);
    expect((await json(await b.ingrid.fetch('/api/me/account'))).body.open).toContain('appointments');
    const refused = await json(await b.ingrid.fetch('/api/me/account/delete', { method: 'POST', json: { confirm: true } }));
    expect(refused.status).toBe(409);
    expect(refused.body.detail ?? refused.body.title).toMatch(/avbestill kommende timer/);
    expect((await q(`SELECT phone, account_deleted_at FROM persons WHERE name = 'Ingrid Solberg'`))[0]).toEqual({ phone: '+4791000004', account_deleted_at: null });
    expect((await b.ingrid.fetch('/api/me/account/delete', { method: 'POST', json: { confirm: false } })).status).toBe(400);
  });

  it('removes communication and profile data, keeps the records the law keeps, and logs the person out', async () => {
    const fjordbyen = await demoClinicId(server.database.owner, 'Fjordbyen legekontor');
    const lise = await demoPractitionerId(server.database.owner, 'Lise Berg');
    const nid = syntheticNationalId('1980-06-06', 5, { female: true });
    const [me] = await q<{ id: string }>(`INSERT INTO persons (national_id, national_id_kind, name, birth_date, phone, email) VALUES ($1, 'synthetic', 'Siv Slett', '1980-06-06', '+4791000077', 'siv@example.com') RETURNING id`, [nid]);
    const id = me!.id;
    await q(`INSERT INTO gp_list_entries (patient_id, practitioner_id, clinic_id) VALUES ($1, $2, $3)`, [id, lise, fjordbyen]);
    await q(`INSERT INTO appointments (clinic_id, practitioner_id, patient_id, booked_by, visit_type, starts_at, ends_at, blocked_until, status)
             VALUES ($1, $2, $3, $3, 'clinic', now() - interval '30 days', now() - interval '30 days' + interval '15 minutes', now() - interval '30 days' + interval '15 minutes', 'completed')`, [fjordbyen, lise, id]);
    const siv = new Browser(server.url);
    await siv.login(nid);
    const thread = await json(await siv.fetch('/api/threads', { method: 'POST', headers: { 'idempotency-key': `siv-${Date.now()}` }, json: { kind: 'admin', clinicId: fjordbyen, subject: 'Adresse', body: 'Jeg har flyttet.' } }));
    expect(thread.status).toBe(201);
    expect((await siv.fetch('/api/consents/sms', { method: 'PUT', json: { given: false } })).status).toBe(200);
    expect((await json(await siv.fetch('/api/me/account'))).body.open).toEqual([]);

    const done = await json(await siv.fetch('/api/me/account/delete', { method: 'POST', json: { confirm: true } }));
    expect(done.status).toBe(200);
    // Gone: messages, consent choices, contact details, sessions.
    expect(await q(`SELECT id FROM message_threads WHERE patient_id = $1`, [id])).toEqual([]);
    expect(await q(`SELECT kind FROM consents WHERE person_id = $1`, [id])).toEqual([]);
    expect((await q(`SELECT phone, email, account_deleted_at IS NOT NULL AS deleted FROM persons WHERE id = $1`, [id]))[0]).toEqual({ phone: null, email: null, deleted: true });
    expect(await q(`SELECT id FROM sessions WHERE person_id = $1`, [id])).toEqual([]);
    expect((await siv.fetch('/api/me/account')).status).toBe(401);
    // Kept: the appointment, the GP list, the access log with the deletion in it, the record of the consent given.
    expect(await q(`SELECT status FROM appointments WHERE patient_id = $1`, [id])).toEqual([{ status: 'completed' }]);
    expect(await q(`SELECT practitioner_id FROM gp_list_entries WHERE patient_id = $1`, [id])).toEqual([{ practitioner_id: lise }]);
    expect(await q(`SELECT actor_kind FROM audit_log WHERE subject_person_id = $1 AND action = 'account.delete'`, [id])).toEqual([{ actor_kind: 'self' }]);
    expect(await q(`SELECT given FROM consent_events WHERE person_id = $1`, [id])).toEqual([{ given: false }]);
    // Staff no longer find her thread.
    expect((await b.tone.fetch(`/api/staff/threads/${thread.body.id ?? thread.body.thread?.id}`)).status).toBe(404);
  });
});
