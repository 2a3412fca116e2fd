// Looks up the seeded demo people a test logs in as.
import type pg from 'pg';
import { Browser, type TestServer } from './server.ts';

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

/** The demo people tests log in as, by a short key. */
export const DEMO_PEOPLE = {
  ola: 'Ola Hansen',
  ingrid: 'Ingrid Solberg',
  kari: 'Kari Nordmann',
  emma: 'Emma Nordmann',
  jonas: 'Jonas Nordmann',
  lise: 'Lise Berg',
  per: 'Per Olsen',
  mari: 'Mari Dahl',
  tone: 'Tone Ås',
  anna: 'Anna Lindqvist',
} as const;
export type DemoKey = keyof typeof DEMO_PEOPLE;
/** Emma (9) does not log in herself (her parent acts for her); Jonas (14) has his own e-ID login. */
const CHILDREN: readonly DemoKey[] = ['emma'];

/** Every demo person logged in as they would (staff through the staff login, with their HPR number); a young child by id only. */
export async function logInDemoPeople(server: TestServer): Promise<{ b: Record<DemoKey, Browser>; ids: Record<DemoKey, string>; nationalIds: Record<DemoKey, string> }> {
  const o = server.database.owner;
  const b = {} as Record<DemoKey, Browser>;
  const ids = {} as Record<DemoKey, string>;
  const nationalIds = {} as Record<DemoKey, string>;
  for (const [key, name] of Object.entries(DEMO_PEOPLE) as Array<[DemoKey, string]>) {
    const p = await demoPerson(o, name);
    ids[key] = p.id;
    nationalIds[key] = p.nationalId;
    if (CHILDREN.includes(key)) continue;
    const staff = (await o.query('SELECT 1 FROM staff_roles WHERE person_id = $1 LIMIT 1', [p.id])).rowCount! > 0;
    b[key] = new Browser(server.url);
    await b[key].login(p.nationalId, staff ? 'staff' : 'patient', p.hpr ? { hpr: p.hpr } : undefined);
  }
  return { b, ids, nationalIds };
}
