// Helpers for the messages tests: the demo people logged in, and small calls to the API.
import { Browser, type TestServer } from '../../../test/server.ts';
import { demoClinicId, demoPerson, demoPractitionerId } from '../../../test/people.ts';

export const PEOPLE = {
  ola: 'Ola Hansen',
  ingrid: 'Ingrid Solberg',
  kari: 'Kari Nordmann',
  emma: 'Emma Nordmann',
  jonas: 'Jonas Nordmann',
  lise: 'Lise Berg',
  per: 'Per Olsen',
  tone: 'Tone Ås',
  anna: 'Anna Lindqvist',
} as const;

export type Who = keyof typeof PEOPLE;

export interface Cast {
  b: Record<Who, Browser>;
  ids: Record<Who, string>;
  fjordbyen: string;
  nordlys: string;
  perPractitioner: string;
  lisePractitioner: string;
}

/** Everyone in PEOPLE logged in (staff with their HPR number where they have one). */
export async function logInEveryone(server: TestServer): Promise<Cast> {
  const o = server.database.owner;
  const b = {} as Record<Who, Browser>;
  const ids = {} as Record<Who, string>;
  for (const [key, name] of Object.entries(PEOPLE) as Array<[Who, string]>) {
    const p = await demoPerson(o, name);
    ids[key] = p.id;
    // Emma (9) does not log in herself; her parent acts for her.
    if (key === 'emma') continue;
    b[key] = new Browser(server.url);
    await b[key].login(p.nationalId, p.hpr || key === 'tone' || key === 'anna' ? 'staff' : 'patient', p.hpr ? { hpr: p.hpr } : undefined);
  }
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
