// Reads the whole database as pg_dump's logical dump does, in Node (the embedded PostgreSQL 18 ships no pg_dump, and an
// older pg_dump refuses a newer server): one repeatable-read snapshot, each table COPYed out to its own file.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { Manifest, SequenceEntry, TableEntry } from './manifest.ts';
import { SESSION_SETTINGS, columnList, listSequences, listTables, qualified, type TableInfo } from './tables.ts';

/**
 * Streams one table out while hashing it, into `file` when given: no table is held in memory, however large. The
 * restore runs the same copy over what it loaded, so both checksums come from the same statement.
 */
export async function copyOut(client: pg.ClientBase, table: TableInfo, file?: string): Promise<{ rows: number; sha256: string }> {
  const source = table.partitioned
    ? `(SELECT ${columnList(table.columns)} FROM ${qualified(table.schema, table.name)})`
    : `${qualified(table.schema, table.name)} (${columnList(table.columns)})`;
  const stream = client.query(copyTo(`COPY ${source} TO STDOUT`));
  const hash = createHash('sha256');
  if (file) {
    const tap = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        done(null, chunk);
      },
    });
    await pipeline(stream, tap, createWriteStream(file, { mode: 0o600 }));
  } else {
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        done();
      },
    });
    await pipeline(stream, sink);
  }
  return { rows: stream.rowCount, sha256: hash.digest('hex') };
}

/** pg-boss's schema version, or null where pg-boss has never started on this database. */
export async function readPgbossVersion(client: pg.ClientBase): Promise<number | null> {
  const present = await client.query<{ ok: boolean }>(`SELECT to_regclass('pgboss.version') IS NOT NULL AS ok`);
  if (!present.rows[0]!.ok) return null;
  const r = await client.query<{ version: string }>('SELECT version::text AS version FROM pgboss.version');
  return r.rows[0] ? Number(r.rows[0].version) : null;
}

export async function dumpDatabase(url: string, dir: string): Promise<Manifest['database']> {
  await mkdir(path.join(dir, 'data'), { recursive: true, mode: 0o700 });
  const client = new pg.Client({ connectionString: url, application_name: 'nettlege-backup' });
  await client.connect();
  try {
    for (const s of SESSION_SETTINGS) await client.query(s);
    // One snapshot for every table: what the backup holds is the database as it was at one instant, whatever the
    // running server writes meanwhile. (DEFERRABLE would matter only under SERIALIZABLE.)
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const serverVersion = (await client.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
    const tables = await listTables(client);
    if (!tables.some((t) => t.schema === 'public' && t.name === 'kysely_migration')) {
      throw new Error('the database has no migrations table: it is not a Nettlege database, or was never started');
    }
    // As pg_dump does: no migration may change a table while it is read (a server starting and migrating, say).
    await client.query("SET LOCAL lock_timeout = '60s'");
    await client.query(`LOCK TABLE ${tables.map((t) => qualified(t.schema, t.name)).join(', ')} IN ACCESS SHARE MODE`);
    const migrations = (await client.query<{ name: string }>('SELECT name FROM kysely_migration ORDER BY name')).rows.map((r) => r.name);
    const pgbossVersion = await readPgbossVersion(client);

    const entries: TableEntry[] = [];
    for (const t of tables) {
      const file = path.join('data', `${t.schema}.${t.name}.copy`);
      const { rows, sha256 } = await copyOut(client, t, path.join(dir, file));
      entries.push({ schema: t.schema, name: t.name, columns: t.columns, file, rows, sha256 });
    }
    // Sequences stand outside the snapshot (they never roll back): read last, each is at or past what the rows used.
    const sequences: SequenceEntry[] = [];
    for (const s of await listSequences(client)) {
      const r = await client.query<{ last_value: string; is_called: boolean }>(`SELECT last_value::text AS last_value, is_called FROM ${qualified(s.schema, s.name)}`);
      sequences.push({ ...s, lastValue: r.rows[0]!.last_value, isCalled: r.rows[0]!.is_called });
    }
    await client.query('COMMIT');
    return { serverVersion, migrations, pgbossVersion, tables: entries, sequences };
  } finally {
    await client.end();
  }
}
