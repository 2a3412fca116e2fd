// Several statements in one round trip. node-postgres sends one statement per round trip, and on this kind of machine a
// round trip (a system call each way, in both processes) costs more than a small statement's work. A simple-protocol
// Query message may hold several statements: PostgreSQL runs them as one implicit transaction (all or nothing; under
// READ COMMITTED each statement still takes its own snapshot) and stops at the first error, which rolls everything back.
// That protocol has no parameters, so each statement's parameters are written into it as quoted literals — the same
// text node-postgres would have sent as the parameter's value, so PostgreSQL reads them the same way.
import { createRequire } from 'node:module';
import type { CompiledQuery } from 'kysely';
import pg from 'pg';
import { poolOf, type Db } from './database.ts';

const { escapeLiteral } = pg;
// node-postgres's own conversion of a value to the text it sends (dates in the process's zone with their offset, arrays
// as array literals, objects as JSON).
const { prepareValue } = createRequire(import.meta.url)('pg/lib/utils.js') as { prepareValue: (v: unknown) => unknown };

/** Runs the statements in one round trip, as one transaction; rejects with the first statement's error. */
export async function pipeline(db: Db, statements: readonly CompiledQuery[]): Promise<void> {
  if (statements.length === 0) return;
  const pool = poolOf(db);
  if (!pool) {
    await db.transaction().execute(async (tx) => {
      for (const s of statements) await tx.executeQuery(s);
    });
    return;
  }
  const text = statements.map(inlined).join(';\n');
  // Not pool.query: it closes the connection on any error, and here an error is often an answer (a statement that
  // refuses, rolling the whole back) on a connection that is fine. Only an error without a SQLSTATE (the connection
  // itself failed) closes it.
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query(text);
  } catch (err) {
    if (!(err as { code?: string }).code) broken = err as Error;
    throw err;
  } finally {
    client.release(broken);
  }
}

function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (Buffer.isBuffer(value) || ArrayBuffer.isView(value)) throw new Error('pipeline: binary parameters are not supported');
  if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('pipeline: a number parameter must be finite');
  return escapeLiteral(String(prepareValue(value)));
}

/**
 * The statement with each `$n` outside quotes and comments replaced by its parameter as a literal. Refuses what it
 * cannot read for certain (dollar quoting, E'' strings) and a parameter given but not used.
 */
export function inlined(q: Pick<CompiledQuery, 'sql' | 'parameters'>): string {
  const s = q.sql;
  const used = new Set<number>();
  let out = '';
  let i = 0;
  const copyUntil = (end: number) => {
    out += s.slice(i, end);
    i = end;
  };
  while (i < s.length) {
    const c = s[i]!;
    if (c === "'" || c === '"') {
      if (c === "'" && /[eE]/.test(s[i - 1] ?? '') && !/[A-Za-z0-9_$]/.test(s[i - 2] ?? '')) throw new Error('pipeline: E\'\' strings are not supported');
      let j = i + 1;
      for (;;) {
        const k = s.indexOf(c, j);
        if (k < 0) throw new Error('pipeline: unterminated quote');
        if (s[k + 1] === c) j = k + 2;
        else {
          j = k + 1;
          break;
        }
      }
      copyUntil(j);
    } else if (c === '-' && s[i + 1] === '-') {
      const k = s.indexOf('\n', i);
      copyUntil(k < 0 ? s.length : k);
    } else if (c === '/' && s[i + 1] === '*') {
      const k = s.indexOf('*/', i + 2);
      if (k < 0) throw new Error('pipeline: unterminated comment');
      copyUntil(k + 2);
    } else if (c === '$' && !/[A-Za-z0-9_$]/.test(s[i - 1] ?? '')) {
      const m = /^\$(\d+)/.exec(s.slice(i, i + 8));
      if (!m) throw new Error('pipeline: dollar quoting is not supported');
      const n = Number(m[1]);
      if (n < 1 || n > q.parameters.length) throw new Error(`pipeline: no parameter $${n}`);
      out += literal(q.parameters[n - 1]);
      used.add(n);
      i += m[0].length;
    } else {
      out += c;
      i++;
    }
  }
  if (used.size !== q.parameters.length) throw new Error('pipeline: a parameter is not used');
  return out;
}
