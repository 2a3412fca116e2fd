// The tables and sequences a backup carries, found in the catalogue, and the session settings both sides of a copy use.
import pg from 'pg';

/** Our migrations' tables (public, with kysely_migration) and the job queue's (pgboss), so pending jobs survive. */
export const SCHEMAS = ['public', 'pgboss'];

/**
 * pg-boss's bookkeeping of the running installation, not data: its schema version (made again, and checked, at
 * restore), its background schema work, the processes registered as running, warnings and monitoring counters
 * (queue_stats is partitioned by day, and the days of an old backup have no partition in a new installation).
 */
export const SKIPPED = new Set(['pgboss.version', 'pgboss.bam', 'pgboss.instance', 'pgboss.warning', 'pgboss.queue_stats']);

/**
 * Fixed text forms for the copies, as pg_dump sets them: the same value is written as the same bytes whatever the
 * server's or the role's defaults, so a table's checksum after loading can be compared with the one in the manifest.
 */
export const SESSION_SETTINGS = [
  "SET client_encoding = 'UTF8'",
  "SET DateStyle = 'ISO'",
  "SET IntervalStyle = 'postgres'",
  "SET TimeZone = 'UTC'",
  'SET extra_float_digits = 3',
  "SET bytea_output = 'hex'",
  'SET statement_timeout = 0',
];

export interface TableInfo {
  schema: string;
  name: string;
  partitioned: boolean;
  columns: string[];
}

export const qualified = (schema: string, name: string) => `${pg.escapeIdentifier(schema)}.${pg.escapeIdentifier(name)}`;
export const columnList = (columns: string[]) => columns.map((c) => pg.escapeIdentifier(c)).join(', ');

/** Top-level tables (a partitioned table as one, not its partitions), by name: the load ignores foreign keys, so order is free. */
export async function listTables(client: pg.ClientBase): Promise<TableInfo[]> {
  const r = await client.query<{ schema: string; name: string; partitioned: boolean; columns: string[] }>(
    `SELECT n.nspname AS schema, c.relname AS name, c.relkind = 'p' AS partitioned,
            array(SELECT a.attname::text FROM pg_attribute a
                   WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
                   ORDER BY a.attnum) AS columns
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = ANY($1) AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relpersistence = 'p'
      ORDER BY n.nspname DESC, c.relname`,
    [SCHEMAS],
  );
  return r.rows.filter((t) => !SKIPPED.has(`${t.schema}.${t.name}`));
}

export async function listSequences(client: pg.ClientBase): Promise<Array<{ schema: string; name: string }>> {
  const r = await client.query<{ schema: string; name: string }>(
    `SELECT n.nspname AS schema, c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = ANY($1) AND c.relkind = 'S' ORDER BY 1 DESC, 2`,
    [SCHEMAS],
  );
  return r.rows;
}
