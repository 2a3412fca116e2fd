// Opens the application's Kysely connection pool; every connection acts as the restricted role nettlege_app.
import pg from 'pg';
import { Kysely, PostgresDialect, type Compilable, type CompiledQuery, type RawBuilder, type Transaction } from 'kysely';
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

/** The pool under a database opened by openDatabase (undefined for any other Kysely). */
export const poolOf = (db: Db): pg.Pool | undefined => pools.get(db);

/**
 * A hot read as a named prepared statement: PostgreSQL plans it once per connection instead of on every call (a
 * five-table join spends most of its time being planned), and its SQL is built once per process instead of on every
 * call (Kysely's compile of a join costs more than binding it). `build` is called once with a stand-in for each
 * argument; each call then binds its arguments to the parameters they stood for. So `build` must pass its arguments
 * as values (never `sql.raw`) and must not branch on them. Give each query shape its own name, and name its columns
 * rather than `a.*`: a cached plan refuses to change its result's row type, which a column added by a migration during
 * a rolling upgrade would otherwise do.
 */
export function preparedQuery<A extends string[], R>(name: string, build: (db: Db, ...args: A) => Compilable<R> | RawBuilder<R>): (db: Db, ...args: A) => Promise<R[]> {
  let plan: { text: string; params: Array<{ arg: number } | { value: unknown }> } | undefined;
  return async (db, ...args) => {
    const pool = pools.get(db);
    if (!pool) return (await db.executeQuery(compiled(db, build(db, ...args)))).rows;
    plan ??= planOf(db, name, build, args.length);
    const values = plan.params.map((p) => ('arg' in p ? args[p.arg] : p.value));
    return (await pool.query({ name, text: plan.text, values })).rows as R[];
  };
}

function planOf<A extends string[]>(db: Db, name: string, build: (db: Db, ...args: A) => Compilable<unknown> | RawBuilder<unknown>, count: number) {
  const standIns = Array.from({ length: count }, (_, i) => `\u0000${name}:${i}\u0000`);
  const q = compiled(db, build(db, ...(standIns as A)));
  if (q.sql.includes('\u0000')) throw new Error(`prepared query ${name}: an argument was written into its SQL`);
  const params = q.parameters.map((value) => {
    const arg = standIns.indexOf(value as string);
    return arg >= 0 ? { arg } : { value };
  });
  for (let i = 0; i < count; i++) if (!params.some((p) => 'arg' in p && p.arg === i)) throw new Error(`prepared query ${name}: argument ${i} is not used`);
  return { text: q.sql, params };
}

/** A query builder compiles itself (and ignores the argument); a raw `sql` template needs the database it is for. */
function compiled<R>(db: Db, q: Compilable<R> | RawBuilder<R>): CompiledQuery<R> {
  return (q as { compile(provider: Db): CompiledQuery<R> }).compile(db);
}

const DEADLOCK = '40P01';
const SERIALIZATION = '40001';

/** A deadlock or serialization failure: the transaction may simply be run again. */
export const isRetryable = (err: unknown) => [DEADLOCK, SERIALIZATION].includes((err as { code?: string }).code ?? '');

/**
 * Runs a transaction again when PostgreSQL chose it as a deadlock victim: two inserts racing on one exclusion
 * constraint can wait on each other, and the victim's work is simply redone (then usually meets the winner's row).
 */
export async function retryingTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await db.transaction().execute(work);
    } catch (err) {
      if (i >= attempts || !isRetryable(err)) throw err;
    }
  }
}
