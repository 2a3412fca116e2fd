// The video pages as a person uses them, shared by the browser tests and bench:video: logging in through the test
// identity provider, the clinician in the room, the patient waiting with devices allowed, letting someone in.
import type pg from 'pg';
import type { Page } from 'playwright-core';
import { demoPerson, demoPractitionerId } from '../test/people.ts';

export async function logIn(p: Page, baseUrl: string, name: string, kind: 'patient' | 'staff' = 'patient'): Promise<void> {
  await p.goto(baseUrl);
  await p.getByRole('link', { name: kind === 'patient' ? 'Logg inn' : 'Logg inn som helsepersonell', exact: true }).click();
  await p.waitForURL(/\/dev-idp\/interaction\//);
  await p.getByRole('button', { name: new RegExp(name) }).first().click();
  await p.waitForURL(kind === 'patient' ? /\/min-side$/ : /\/ansatt$/);
}

/** Lise Berg (the demo GP) in the appointment's room with camera and microphone on. */
export async function clinicianIn(p: Page, baseUrl: string, appointmentId: string): Promise<Page> {
  await logIn(p, baseUrl, 'Lise Berg', 'staff');
  await p.goto(`${baseUrl}/ansatt/video/${appointmentId}`);
  await p.getByRole('heading', { name: 'Venterommet' }).waitFor();
  await p.getByRole('button', { name: 'Gi tilgang til kamera og mikrofon' }).click();
  await p.getByRole('button', { name: 'Slå av mikrofonen' }).waitFor();
  return p;
}

/** The patient opens the appointment (by its page, or from "Mine timer") and waits, camera and microphone allowed. */
export async function patientWaiting(p: Page, baseUrl: string, name: string, opts: { loggedIn?: boolean; appointmentId?: string } = {}): Promise<void> {
  if (!opts.loggedIn) await logIn(p, baseUrl, name);
  if (opts.appointmentId) await p.goto(`${baseUrl}/video/join?time=${opts.appointmentId}`);
  else {
    await p.goto(`${baseUrl}/timer`);
    await p.getByRole('link', { name: 'Gå til videotimen' }).first().click();
  }
  await p.getByText('Behandleren er varslet om at du er her.').waitFor();
  await p.getByRole('button', { name: 'Gi tilgang til kamera og mikrofon' }).click();
  await p.getByText(/Lydnivå fra mikrofonen/).waitFor();
}

export async function admit(clinician: Page, who: RegExp): Promise<void> {
  await clinician.getByRole('heading', { name: who }).waitFor();
  await clinician.getByRole('button', { name: 'Slipp inn' }).first().click();
}

/** A booked video appointment with Lise Berg for a demo patient, starting `inMinutes` from now (inside the room's window). */
export async function videoAppointment(owner: pg.Pool, patient: string, inMinutes: number): Promise<string> {
  const p = await demoPerson(owner, patient);
  const practitioner = await demoPractitionerId(owner, 'Lise Berg');
  const start = new Date(Date.now() + inMinutes * 60_000);
  const end = new Date(start.getTime() + 5 * 60_000);
  const r = await owner.query(
    `INSERT INTO appointments (clinic_id, practitioner_id, patient_id, booked_by, visit_type, starts_at, ends_at, blocked_until)
     SELECT s.clinic_id, $1, $2, $2, 'video', $3, $4, $4 FROM practitioners pr JOIN staff_roles s ON s.person_id = pr.person_id WHERE pr.id = $1 LIMIT 1 RETURNING id`,
    [practitioner, p.id, start, end],
  );
  return r.rows[0].id;
}
