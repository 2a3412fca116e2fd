// What the e-consultation's use cases are given, and the small part of the payments service they use.
import type { Logger } from 'pino';
import type { Db, Tx } from '../platform/db/database.ts';
import type { EventBus } from '../platform/events/bus.ts';
import type { JobQueue } from '../platform/jobs/queue.ts';
import type { NotificationService } from '../notifications/service.ts';
import type { FileStore } from '../files/store.ts';
import type { Language } from '../platform/http/messages.ts';

export interface AuthorizedPayment {
  id: string;
  purposeId: string;
  personId: string;
  clinicId: string;
  amountOre: number;
}

/** The payments service as the e-consultation uses it: reserve at submit, capture at close, release otherwise. */
export interface PaymentsPort {
  begin(input: {
    clinicId: string;
    personId: string;
    purpose: string;
    purposeId: string;
    amountOre: number;
    currency: 'NOK' | 'SEK';
    description: string;
    returnPath: string;
    language: Language;
  }): Promise<{ paymentId: string; redirectUrl: string }>;
  requestCapture(tx: Tx, paymentId: string): Promise<void>;
  requestRelease(tx: Tx, paymentId: string): Promise<void>;
  onAuthorized(purpose: string, hook: (tx: Tx, payment: AuthorizedPayment) => Promise<void>): void;
  onDeclined(purpose: string, hook: (tx: Tx, payment: AuthorizedPayment) => Promise<void>): void;
  onCaptured(purpose: string, hook: (tx: Tx, payment: AuthorizedPayment) => Promise<void>): void;
  afterMove(purpose: string, hook: (payment: AuthorizedPayment) => Promise<void>): void;
}

export interface EconsultDeps {
  db: Db;
  jobs: JobQueue;
  bus: EventBus;
  log: Logger;
  notifications: NotificationService;
  payments: PaymentsPort;
  files: FileStore;
}

/** Who acts: a patient (or parent), or a staff member at their session's clinic. */
export interface Actor {
  personId: string;
  requestId: string;
  /** Staff: the session's clinic. Patients: null. */
  clinicId: string | null;
  language: Language;
}

export const PURPOSE = 'econsult';
export const clinicTopic = (clinicId: string) => `econsult:clinic:${clinicId}`;
export const caseTopic = (caseId: string) => `econsult:case:${caseId}`;

/** Tells live listeners that a case changed; they recompute from the database. A bus hiccup never fails the use case. */
export async function publishChange(deps: Pick<EconsultDeps, 'bus' | 'log'>, c: { id: string; clinic_id: string }): Promise<void> {
  for (const topic of [clinicTopic(c.clinic_id), caseTopic(c.id)]) {
    await deps.bus.publish(topic, { caseId: c.id }).catch((err: Error) => deps.log.warn({ err: err.message, caseId: c.id }, 'econsult event not published'));
  }
}
