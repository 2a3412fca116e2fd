// Helpers for the prescription tests: the demo people logged in, and prescriptions written behind the API's back.
import type pg from 'pg';
import { Browser, type TestServer } from '../../../test/server.ts';
import { logInDemoPeople, type DemoKey } from '../../../test/people.ts';
import { localDate } from '../../shared/time.ts';
import { seedPrescriptionsDemo } from '../demo/seed-prescriptions.ts';
import { bundledCatalogue } from './catalogue.ts';
import { validUntil, type PrescriptionType } from './rules.ts';

export type Who = DemoKey;

/** Seeds the demo prescriptions and logs in everyone who has a login; ids and national IDs by key. */
export async function demoCast(server: TestServer): Promise<{ b: Record<Who, Browser>; ids: Record<Who, string>; nationalIds: Record<Who, string> }> {
  await seedPrescriptionsDemo(server.database.db);
  return logInDemoPeople(server);
}

export const today = () => localDate(new Date(), 'Europe/Oslo');

/** A prescription written by `prescriber` (a demo clinician, at their clinic); its id. */
export async function prescribe(owner: pg.Pool, patientId: string, prescriber: string, drugId: string, opts: { type?: PrescriptionType; issuedOn?: string; withdrawals?: number } = {}): Promise<string> {
  const drug = bundledCatalogue.find(drugId);
  if (!drug) throw new Error(`no drug ${drugId} in the catalogue`);
  const pr = await owner.query(
    `SELECT pr.id, s.clinic_id FROM practitioners pr JOIN persons p ON p.id = pr.person_id JOIN staff_roles s ON s.person_id = p.id AND s.role = 'clinician' WHERE p.name = $1`,
    [prescriber],
  );
  const issuedOn = opts.issuedOn ?? today();
  const withdrawals = opts.withdrawals ?? 3;
  const r = await owner.query(
    `INSERT INTO prescriptions (patient_id, clinic_id, prescriber_practitioner_id, drug_id, strength, dosage_text, type, issued_on, valid_until, withdrawals_prescribed, withdrawals_left)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id`,
    [patientId, pr.rows[0].clinic_id, pr.rows[0].id, drug.id, drug.strength, '1 tablett daglig', opts.type ?? 'white', issuedOn, validUntil(drug, issuedOn), withdrawals],
  );
  return r.rows[0].id;
}

export const json = async (res: Response) => ({ status: res.status, body: await res.json() });
