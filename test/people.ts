// Looks up the seeded demo people a test logs in as.
import type pg from 'pg';

export interface DemoPerson {
  id: string;
  nationalId: string;
  hpr: string | null;
}

export async function demoPerson(owner: pg.Pool, name: string): Promise<DemoPerson> {
  const r = await owner.query(
    `SELECT p.id, p.national_id, pr.hpr_number FROM persons p LEFT JOIN practitioners pr ON pr.person_id = p.id WHERE p.name = $1`,
    [name],
  );
  if (!r.rows[0]) throw new Error(`no demo person ${name}`);
  return { id: r.rows[0].id, nationalId: r.rows[0].national_id, hpr: r.rows[0].hpr_number };
}

export async function demoClinicId(owner: pg.Pool, name: string): Promise<string> {
  const r = await owner.query('SELECT id FROM clinics WHERE name = $1', [name]);
  if (!r.rows[0]) throw new Error(`no demo clinic ${name}`);
  return r.rows[0].id;
}

/** The practitioner id (not the person id) of a demo clinician. */
export async function demoPractitionerId(owner: pg.Pool, name: string): Promise<string> {
  const r = await owner.query('SELECT pr.id FROM practitioners pr JOIN persons p ON p.id = pr.person_id WHERE p.name = $1', [name]);
  if (!r.rows[0]) throw new Error(`no demo clinician ${name}`);
  return r.rows[0].id;
}
