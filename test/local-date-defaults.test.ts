// Every date column's default is today's date in Norway whatever the database session's time zone. Evaluated under
// UTC+14 and UTC-11: at any hour at least one of them is on another calendar day than Oslo, so a default that follows
// the session's zone (current_date) fails here whenever the suite runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from './database.ts';
import { localDate } from '../src/shared/time.ts';

describe('date column defaults', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase();
  });
  afterAll(async () => t?.drop());

  it('are the Norwegian calendar day, not the session zone’s', async () => {
    const { rows: defaults } = await t.owner.query<{ column: string; expr: string }>(`
      SELECT c.relname || '.' || a.attname AS column, pg_get_expr(d.adbin, d.adrelid) AS expr
        FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum JOIN pg_class c ON c.oid = d.adrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND a.atttypid = 'date'::regtype`);
    expect(defaults.map((d) => d.column)).toEqual(expect.arrayContaining(['gp_list_entries.since', 'availability_rules.valid_from']));
    const client = await t.owner.connect();
    try {
      for (const zone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
        await client.query(`SET TimeZone = '${zone}'`);
        for (const d of defaults) {
          const { rows } = await client.query<{ day: string }>(`SELECT (${d.expr})::text AS day`);
          expect({ column: d.column, zone, day: rows[0]!.day }).toEqual({ column: d.column, zone, day: localDate(new Date()) });
        }
      }
    } finally {
      client.release();
    }
  });
});
