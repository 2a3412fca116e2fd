// The prescription registry adapter: where a written prescription is sent, and who issues the reference number of a
// locked one. In production the national e-prescription database (reseptformidleren); here and in development the
// bundled local registry (local-registry.ts), which keeps them in our own tables.
import type { Tx } from '../platform/db/database.ts';
import type { PharmacyPrescription } from './api.ts';

export interface PrescriptionRegistry {
  readonly name: string;
  /**
   * Registers a prescription just written. Called in the transaction that wrote it, so a registry over the network
   * queues its call there (a job) and nothing is sent for a prescription that was rolled back.
   */
  send(tx: Tx, prescriptionId: string): Promise<void>;
  /** Locks it at the patient's request; the reference number for the pharmacy (the same one when locked already). */
  lock(tx: Tx, prescriptionId: string): Promise<string>;
}

/** The pharmacy's side of the registry: only the local registry has one, for its dev page. */
export interface PharmacyLookup {
  /** The person's prescriptions valid today; locked ones are not shown. */
  byNationalId(nationalId: string, now: Date): Promise<PharmacyPrescription[]>;
  /** The prescription with this reference number, locked or not. */
  byReference(referenceNumber: string, now: Date): Promise<PharmacyPrescription[]>;
}
