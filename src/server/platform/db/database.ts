// Opens the application's Kysely connection pool; every connection acts as the restricted role nettlege_app.
import pg from 'pg';
import { Kysely, PostgresDialect, type Compilable, type Transaction } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;

// Dates and timestamps: timestamptz as Date; plain dates stay 'YYYY-MM-DD' strings so no zone can shift them.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => v);

export async function appRoleAvailable(connectionString: string): Promise<boolean> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const r = await client.query(`SELECT pg_has_role(current_user, 'nettlege_app', 'MEMBER') AS ok FROM pg_roles WHERE rolname = 'nettlege_app'`);
    return r.rows[0]?.ok === true;
  } finally {
    await client.end();
  }
}

export function openDatabase(connectionString: string, log: Logger, opts: { useAppRole: boolean; max?: number }): { db: Db; pool: pg.Pool } {
  const pool = new pg.Pool({
    connectionString,
    max: opts.max ?? 20,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    statement_timeout: 15_000,
    application_name: 'nettlege',
  });
  // An idle client whose server went away (restart, shutdown) must not take the process down.
  pool.on('error', (err) => log.warn({ err: err.message }, 'idle database connection lost'));
  if (opts.useAppRole) {
    pool.on('connect', (client) => {
      client.query('SET ROLE nettlege_app').catch((err: Error) => log.error({ err: err.message }, 'SET ROLE nettlege_app failed'));
    });
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  pools.set(db, pool);
  return { db, pool };
}

const pools = new WeakMap<Db, pg.Pool>();

/**
 * Runs a hot read as a named prepared statement: PostgreSQL plans it once per connection instead of on every call
 * (a five-table join spends most of its time being planned). Give each query shape its own name, and name its
 * columns rather than `a.*`: a cached plan refuses to change its result's row type, which a column added by a
 * migration during a rolling upgrade would otherwise do.
 */
export async function preparedRows<R>(db: Db, name: string, query: Compilable<R>): Promise<R[]> {
  const compiled = query.compile();
  const pool = pools.get(db);
  if (!pool) return (await db.executeQuery(compiled)).rows;
  return (await pool.query({ name, text: compiled.sql, values: compiled.parameters as unknown[] })).rows as R[];
}

const DEADLOCK = '40P01';
const SERIALIZATION = '40001';

/**
 * Runs a transaction again when PostgreSQL chose it as a deadlock victim: two inserts racing on one exclusion
 * constraint can wait on each other, and the victim's work is simply redone (then usually meets the winner's row).
 */
export async function retryingTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await db.transaction().execute(work);
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (i >= attempts || (code !== DEADLOCK && code !== SERIALIZATION)) throw err;
    }
  }
}
