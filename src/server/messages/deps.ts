// What the messages use cases are given, and who acts: someone on the patient side, or staff at their session's clinic.
import type { Logger } from 'pino';
import type { Db } from '../platform/db/database.ts';
import type { StaffRole } from '../platform/db/schema.ts';
import type { NotificationService } from '../notifications/service.ts';
import type { FileStore } from '../files/store.ts';

export interface MessagesDeps {
  db: Db;
  notifications: NotificationService;
  files: FileStore;
  log: Logger;
  /** The clock; tests of deadlines pass their own. */
  now?: () => Date;
}

/** The logged-in person (a patient, or a parent) and the patient they act for in this session. */
export interface PatientActor {
  personId: string;
  subjectId: string;
  requestId: string;
}

export interface StaffActor {
  personId: string;
  clinicId: string;
  roles: StaffRole[];
  requestId: string;
}

export const nowOf = (deps: MessagesDeps) => (deps.now ? deps.now() : new Date());
