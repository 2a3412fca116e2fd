// The shapes of the identity API as the server sends them (session, /api/me, access log).
import type { Language } from '../i18n/languages.ts';

/** Names may be missing in the population register; show "name.missing" then. */
export interface PersonRef {
  id: string;
  name: string | null;
}

export type SessionKind = 'patient' | 'staff';

export type Session =
  | { authenticated: false; devOutbox: boolean }
  | {
      authenticated: true;
      kind: SessionKind;
      csrfToken: string;
      language: Language;
      person: PersonRef;
      actingFor: PersonRef | null;
      devOutbox: boolean;
    };

export type ClinicKind = 'public_gp' | 'private' | 'hospital_outpatient';

export interface Clinic {
  id: string;
  name: string;
  kind: ClinicKind;
  phone: string | null;
  email: string | null;
  address: string | null;
  website: string | null;
  services: string[];
}

export interface Child {
  id: string;
  name: string | null;
  age: number;
  maskedNationalId: string;
  canActFor: boolean;
  /** 'limited' from 12: booking, e-consultation and the messages the child's clinic allows. */
  access: 'full' | 'limited' | 'none';
  /** The child's GP, if the child is on a list. */
  gp?: { name: string | null; practitionerId?: string } | null;
}

export interface Me {
  person: {
    id: string;
    name: string | null;
    maskedNationalId: string;
    birthDate: string;
    age: number;
    phone: string | null;
    email: string | null;
  };
  actingFor: PersonRef | null;
  /** Whose data the page shows: the person, or the child they act for. */
  subject: { id: string; name: string | null; maskedNationalId: string; age: number };
  /** practitionerId: the GP's id for booking (absent from servers older than the booking capability). */
  gp: { name: string | null; profession: string; practitionerId?: string } | null;
  clinic: Clinic | null;
  children: Child[];
}

export interface ContactChange {
  phone?: string | null;
  email?: string | null;
}

export type ActorKind = 'staff' | 'guardian' | 'self' | 'system';

