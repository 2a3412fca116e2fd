// Helpers for the messages tests: the demo people logged in, and small calls to the API.
import { Browser, type TestServer } from '../../../test/server.ts';
import { demoClinicId, demoPractitionerId, logInDemoPeople, type DemoKey } from '../../../test/people.ts';

export type Who = DemoKey;

export interface Cast {
  b: Record<Who, Browser>;
  ids: Record<Who, string>;
  fjordbyen: string;
  nordlys: string;
  perPractitioner: string;
  lisePractitioner: string;
}

/** Every demo person logged in (test/people.ts), and the clinics and clinicians the tests name. */
export async function logInEveryone(server: TestServer): Promise<Cast> {
  const o = server.database.owner;
  const { b, ids } = await logInDemoPeople(server);
  return {
    b,
    ids,
    fjordbyen: await demoClinicId(o, 'Fjordbyen legekontor'),
    nordlys: await demoClinicId(o, 'Nordlys nettklinikk'),
    perPractitioner: await demoPractitionerId(o, 'Per Olsen'),
    lisePractitioner: await demoPractitionerId(o, 'Lise Berg'),
  };
}

export const json = async (res: Response) => ({ status: res.status, headers: res.headers, body: await res.json() });

export interface ThreadInput {
  kind: 'admin' | 'clinical';
  clinicId: string;
  subject: string;
  body: string;
  practitionerId?: string;
  patientId?: string;
}

export async function startThread(who: Browser, input: ThreadInput, headers: Record<string, string> = {}) {
  return json(await who.fetch('/api/threads', { method: 'POST', json: input, headers }));
}
