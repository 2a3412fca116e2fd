// What every capability plugin is given: the shared services of the running server.
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import type { Db } from './platform/db/database.ts';
import type { EventBus } from './platform/events/bus.ts';
import type { JobQueue } from './platform/jobs/queue.ts';
import type { NotificationService } from './notifications/service.ts';
import type { PaymentService } from './payments/service.ts';
import type { FileStore } from './files/store.ts';

export interface CapabilityOptions {
  config: Config;
  log: Logger;
  db: Db;
  jobs: JobQueue;
  bus: EventBus;
  notifications: NotificationService;
  payments: PaymentService;
  files: FileStore;
}
