// The queue benchmark's world: its own database with a million e-consultations over fifty clinics, made in SQL.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { withDatabase } from '../test/global-setup.ts';


export async function admin<R extends object = object>(url: string, statement: string, params: unknown[] = []): Promise<R[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(statement, params)).rows as R[];
  } finally {
    await c.end();
  }
}

export async function createBenchDatabase(adminUrl: string): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `nettlege_benchq_${randomBytes(5).toString('hex')}`;
  await admin(adminUrl, `CREATE DATABASE ${name}`);
  return {
    name,
    url: withDatabase(adminUrl, name),
    async drop() {
      for (let i = 0; i < 50; i++) {
        const [row] = await admin<{ n: number }>(adminUrl, 'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
        if (!row?.n) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      await admin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

const REASONS = ['rash', 'urinary', 'cough', 'contraception', 'low-mood', 'child-fever', 'prescription-renewal', 'other'];

/**
 * Fifty clinics with one clinician each, `patients` people, and `cases` cases spread evenly over the clinics: about 2 % live
 * (open, claimed, waiting for the patient) with deadlines around now, the rest closed in the past year, as a busy region
 * would hold between retention runs. Runs as the owner on a freshly migrated database.
 */
export async function fillCases(url: string, o: { clinics: number; patients: number; cases: number }): Promise<{ clinicIds: string[]; clinicianPersonIds: string[] }> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`
      INSERT INTO clinics (name, org_number, kind, services, time_zone)
      SELECT 'Benk klinikk ' || g, lpad((900000100 + g)::text, 9, '0'), 'private', ARRAY['econsult'], 'Europe/Oslo' FROM generate_series(1, $1::int) g`, [o.clinics]);
    await c.query(`
      INSERT INTO persons (national_id, national_id_kind, name, birth_date)
      SELECT 'benk-' || g, 'synthetic', 'Benk person ' || g, date '1950-01-01' + (g % 20000) FROM generate_series(1, $1::int + $2::int) g`, [o.patients, o.clinics]);
    const clinics = (await c.query<{ id: string }>('SELECT id FROM clinics WHERE name LIKE $1 ORDER BY org_number', ['Benk klinikk %'])).rows;
    const staff = (await c.query<{ id: string }>(`SELECT id FROM persons WHERE national_id LIKE 'benk-%' ORDER BY id LIMIT $1`, [o.clinics])).rows;
    await c.query(`
      INSERT INTO practitioners (person_id, hpr_number, profession)
      SELECT s.id, (8000000 + row_number() OVER ())::text, 'doctor' FROM unnest($1::uuid[]) AS s(id)`, [staff.map((s) => s.id)]);
    await c.query(`
      INSERT INTO staff_roles (person_id, clinic_id, role)
      SELECT s, k, 'clinician' FROM unnest($1::uuid[], $2::uuid[]) AS t(s, k)`, [staff.map((s) => s.id), clinics.map((k) => k.id)]);
    await c.query(`CREATE TEMP TABLE bench_clinic AS
      SELECT row_number() OVER (ORDER BY k) - 1 AS i, k AS clinic_id, pr.id AS practitioner_id
      FROM unnest($1::uuid[], $2::uuid[]) AS t(k, s) JOIN practitioners pr ON pr.person_id = t.s`, [clinics.map((k) => k.id), staff.map((s) => s.id)]);
    await c.query(`CREATE TEMP TABLE bench_patient AS
      SELECT row_number() OVER (ORDER BY id) - 1 AS i, id FROM persons WHERE national_id LIKE 'benk-%' AND NOT (id = ANY($1::uuid[]))`, [staff.map((s) => s.id)]);
    await c.query(`
      INSERT INTO econsult_cases (clinic_id, patient_id, submitted_by, status, screening_version, reason_id, questionnaire_version,
        answers, flags, flag_count, patient_age, description, price_ore, price_rule, claimed_by, created_at, submitted_at, due_at, first_response_at, closed_at, outcome)
      SELECT k.clinic_id, p.id, p.id, s.status, 1, ($3::text[])[1 + g % 8], 1,
        '{"duration":"days"}', CASE WHEN g % 7 = 0 THEN '[{"questionId":"x","reason":{}}]'::jsonb ELSE '[]' END,
        CASE WHEN g % 7 = 0 THEN 1 ELSE 0 END, 20 + g % 60, 'Benk', 35000, 'private',
        CASE WHEN s.status IN ('claimed', 'waiting_for_patient') THEN k.practitioner_id END,
        s.submitted, s.submitted, s.submitted + interval '1 day',
        CASE WHEN s.status IN ('waiting_for_patient', 'closed') THEN s.submitted + interval '2 hours' END,
        CASE WHEN s.status = 'closed' THEN s.submitted + interval '3 hours' END,
        CASE WHEN s.status = 'closed' THEN 'advice' END
      FROM generate_series(1, $1::int) g
      JOIN bench_clinic k ON k.i = (g / 100) % $2::int
      JOIN bench_patient p ON p.i = (g::bigint * 7919) % $4::int
      CROSS JOIN LATERAL (SELECT
        CASE WHEN g % 100 = 0 THEN 'open' WHEN g % 100 = 1 THEN 'claimed' WHEN g % 200 = 2 THEN 'waiting_for_patient' ELSE 'closed' END AS status,
        CASE WHEN g % 100 < 3 THEN now() - interval '20 hours' + (g % 97) * interval '30 minutes' ELSE now() - (g % 365) * interval '1 day' END AS submitted
      ) s`, [o.cases, o.clinics, REASONS, o.patients]);
    // A settled database, as in operation: visibility map and statistics made now, not by autovacuum in the middle of the reads.
    await c.query('VACUUM (ANALYZE) econsult_cases');
    await c.query('CHECKPOINT');
    return { clinicIds: clinics.map((k) => k.id), clinicianPersonIds: staff.map((s) => s.id) };
  } finally {
    await c.end();
  }
}
