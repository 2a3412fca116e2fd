// What the prescription use cases are given: the database, the drug catalogue, the registry, and notifications.
import type { Db } from '../platform/db/database.ts';
import type { NotificationService } from '../notifications/service.ts';
import type { DrugCatalogue } from './catalogue.ts';
import type { PrescriptionRegistry } from './registry.ts';

export interface PrescriptionDeps {
  db: Db;
  catalogue: DrugCatalogue;
  registry: PrescriptionRegistry;
  notifications: NotificationService;
  /** The clock; tests may pass another. */
  now?: () => Date;
}

export const nowOf = (deps: Pick<PrescriptionDeps, 'now'>) => (deps.now ?? (() => new Date()))();
