// 200 patients race over HTTP for 10 slots: exactly 10 appointments, 190 × 409, no overlap afterwards (checked by SQL).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, startTestServer, type TestServer } from '../../../test/server.ts';
import { createSession } from '../identity/sessions.ts';
import { syntheticNationalId } from '../demo/synthetic-ids.ts';
import { parseNorwegian } from '../../shared/national-id.ts';
import { demoClinicId, demoPractitionerId } from '../../../test/people.ts';

describe('racing for the last slots', () => {
  let server: TestServer;
  const patients: Browser[] = [];

  beforeAll(async () => {
    server = await startTestServer({ RATE_LIMIT_PER_MINUTE: '100000' });
    const db = server.database.db;
    for (let i = 0; i < 200; i++) {
      const nid = parseNorwegian(syntheticNationalId('1980-01-01', i))!;
      const person = await db
        .insertInto('persons')
        .values({ national_id: nid.value, national_id_kind: nid.kind, birth_date: nid.birthDate, name: `Racer ${i}` })
        .returning('id')
        .executeTakeFirstOrThrow();
      const token = await createSession(db, { idleMinutes: 30, absoluteHours: 1 }, { personId: person.id, kind: 'patient', clinicId: null, language: 'nb' });
      const b = new Browser(server.url);
      b.cookies.set('nettlege_session', token);
      b.csrfToken = (await (await b.fetch('/api/session')).json()).csrfToken;
      patients.push(b);
    }
  }, 120_000);
  afterAll(async () => server?.stop());

  it('exactly one booking per slot wins; the others get 409 slot-taken', async () => {
    const o = server.database.owner;
    const clinicId = await demoClinicId(o, 'Fjordbyen legekontor');
    const lise = await demoPractitionerId(o, 'Lise Berg');
    const from = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const { slots } = await (await patients[0]!.fetch(`/api/availability?clinicId=${clinicId}&practitionerId=${lise}&visitType=clinic&from=${from}`)).json();
    const ten = slots.slice(0, 10) as Array<{ start: string }>;
    expect(ten).toHaveLength(10);

    const results = await Promise.all(
      patients.map((b, i) =>
        b.fetch('/api/appointments', {
          method: 'POST',
          json: { practitionerId: lise, start: ten[i % 10]!.start, visitType: 'clinic', reason: '' },
          headers: { 'idempotency-key': `race-${i}-xxxxxxxx` },
        }).then(async (r) => ({ status: r.status, body: await r.json() })),
      ),
    );
    const won = results.filter((r) => r.status === 201);
    const lost = results.filter((r) => r.status === 409);
    expect(won).toHaveLength(10);
    expect(lost).toHaveLength(190);
    expect(lost.every((r) => String(r.body.type).endsWith('/slot-taken'))).toBe(true);
    expect(new Set(won.map((r) => r.body.start)).size).toBe(10);

    const overlaps = await o.query(`
      SELECT count(*)::int AS n FROM appointments a JOIN appointments b
        ON a.practitioner_id = b.practitioner_id AND a.id < b.id
       AND a.status = 'booked' AND b.status = 'booked'
       AND tstzrange(a.starts_at, a.blocked_until) && tstzrange(b.starts_at, b.blocked_until)`);
    expect(overlaps.rows[0].n).toBe(0);
    const booked = await o.query(`SELECT count(*)::int AS n FROM appointments WHERE practitioner_id = $1 AND status = 'booked'`, [lise]);
    expect(booked.rows[0].n).toBe(10);
  });
});
