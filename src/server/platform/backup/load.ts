// Loads a backup's tables into a database whose schema is already at the backup's level, in one transaction: every
// row and sequence, checked against the manifest before COMMIT, or nothing.
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { copyOut } from './dump.ts';
import type { Manifest } from './manifest.ts';
import { SCHEMAS, SESSION_SETTINGS, columnList, listTables, qualified } from './tables.ts';

export class RestoreRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RestoreRefusedError';
  }
}

const NEEDS_SUPERUSER = 'restoring needs a superuser (or a role granted SET on session_replication_role): triggers and foreign keys are set aside while the rows are loaded';

/**
 * A restore goes only into a database with none of our tables (it never merges into, or overwrites, live data), as a
 * role that may set triggers aside: both checked before anything is made.
 */
export async function assertRestorableTarget(url: string, label: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = ANY($1) AND c.relkind IN ('r', 'p', 'v', 'm', 'S')`,
      [SCHEMAS],
    );
    if (r.rows[0]!.n > 0) {
      throw new RestoreRefusedError(
        `${label} is not empty (${r.rows[0]!.n} tables, views or sequences in ${SCHEMAS.join(', ')}): a restore goes only into an empty database — create a new one (CREATE DATABASE …, or a new DATA_DIR) and point DATABASE_URL or DATA_DIR at it`,
      );
    }
    const may = await client.query<{ ok: boolean }>(`SELECT has_parameter_privilege('session_replication_role', 'SET') AS ok`);
    if (!may.rows[0]!.ok) throw new RestoreRefusedError(NEEDS_SUPERUSER);
  } finally {
    await client.end();
  }
}

async function copyIn(client: pg.ClientBase, dir: string, t: Manifest['database']['tables'][number]): Promise<number> {
  const stream = client.query(copyFrom(`COPY ${qualified(t.schema, t.name)} (${columnList(t.columns)}) FROM STDIN`));
  await pipeline(createReadStream(path.join(dir, t.file)), stream);
  return stream.rowCount;
}

export async function loadDatabase(url: string, dir: string, m: Manifest['database']): Promise<void> {
  const client = new pg.Client({ connectionString: url, application_name: 'nettlege-restore' });
  await client.connect();
  try {
    for (const s of SESSION_SETTINGS) await client.query(s);
    await client.query('BEGIN');
    try {
      // The rows already met every constraint and trigger once: loaded as they are (as pg_restore --disable-triggers
      // does), so the frikort trigger grants nothing twice and the append-only triggers allow the load.
      await client.query('SET LOCAL session_replication_role = replica');
    } catch (err) {
      if ((err as { code?: string }).code !== '42501') throw err;
      throw new RestoreRefusedError(NEEDS_SUPERUSER);
    }
    // What the migrations and pg-boss put in an empty database (tariffs, its own queue) is in the backup too.
    await client.query(`TRUNCATE ${m.tables.map((t) => qualified(t.schema, t.name)).join(', ')}`);
    for (const t of m.tables) {
      const rows = await copyIn(client, dir, t);
      if (rows !== t.rows) throw new Error(`${t.schema}.${t.name}: loaded ${rows} rows, the backup has ${t.rows}`);
    }
    for (const s of m.sequences) {
      await client.query('SELECT setval($1::regclass, $2::bigint, $3)', [qualified(s.schema, s.name), s.lastValue, s.isCalled]);
    }
    // Read back through the dump's own statement: the same bytes, or the transaction is rolled back.
    const here = new Map((await listTables(client)).map((t) => [`${t.schema}.${t.name}`, t]));
    for (const t of m.tables) {
      const info = here.get(`${t.schema}.${t.name}`);
      if (!info) throw new Error(`${t.schema}.${t.name} is in the backup but not in the restored schema`);
      const back = await copyOut(client, { ...info, columns: t.columns });
      if (back.sha256 !== t.sha256 || back.rows !== t.rows) throw new Error(`${t.schema}.${t.name} does not read back as it was backed up`);
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await client.end();
  }
}
