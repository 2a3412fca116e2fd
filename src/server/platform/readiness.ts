// What /readyz checks, so the load balancer sends requests only where they can be served: the database answers
// within a second, it carries every migration this code needs (a newer schema is fine: migrations only add), and
// this process's job runner is running.
import { sql } from 'kysely';
import type { Db } from './db/database.ts';
import type { JobQueue } from './jobs/queue.ts';
import { knownMigrations } from './db/migrate.ts';

export type Check = 'ok' | 'failing';
export interface Readiness {
  database: Check;
  migrations: Check;
  jobs: Check;
}

const TIMEOUT_MS = 1_000;

export function readiness(deps: { db: Db; jobs: JobQueue }): () => Promise<Readiness> {
  const needed = knownMigrations();
  return async () => {
    let database: Check = 'failing';
    let migrations: Check = 'failing';
    try {
      const applied = await Promise.race([
        sql<{ n: number }>`SELECT count(*)::int AS n FROM kysely_migration WHERE name = ANY(${needed})`.execute(deps.db),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('readiness timeout')), TIMEOUT_MS).unref()),
      ]);
      database = 'ok';
      migrations = applied.rows[0]?.n === needed.length ? 'ok' : 'failing';
    } catch {
      /* database stays 'failing' */
    }
    return { database, migrations, jobs: deps.jobs.running ? 'ok' : 'failing' };
  };
}
