// Statements in one round trip: parameters reach PostgreSQL as the same values they would as parameters, placeholders
// inside quotes and comments are left alone, and the statements are one transaction that an error rolls back whole.
import { sql, type CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../../../../test/database.ts';
import { inlined, pipeline } from './pipeline.ts';

describe('pipeline', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase();
    await database.owner.query(`CREATE TABLE pipeline_test (k text PRIMARY KEY, v jsonb, at timestamptz, n int, tags text[], ok boolean)`);
    await database.owner.query(`GRANT ALL ON pipeline_test TO PUBLIC`);
  });
  afterAll(async () => database?.drop());

  const insert = (k: string, v: unknown, at: Date | null, n: number | null, tags: string[], ok: boolean) =>
    sql`INSERT INTO pipeline_test (k, v, at, n, tags, ok) VALUES (${k}, ${JSON.stringify(v)}::jsonb, ${at}, ${n}, ${tags}::text[], ${ok})`.compile(database.db);
  const row = async (k: string) => (await database.owner.query(`SELECT * FROM pipeline_test WHERE k = $1`, [k])).rows[0];

  it('writes each parameter as the value it would have been, whatever quotes and backslashes it holds', async () => {
    const at = new Date('2026-03-29T00:59:59.123Z');
    const nasty = `it's a \\ "test" $1 '); DROP TABLE pipeline_test; --`;
    await pipeline(database.db, [insert(nasty, { a: "o'k", b: [1, null] }, at, -7, ['x', "y'z", 'a,b', 'q"r', '\\'], true), insert('second', null, null, null, [], false)]);
    expect(await row(nasty)).toEqual({ k: nasty, v: { a: "o'k", b: [1, null] }, at, n: -7, tags: ['x', "y'z", 'a,b', 'q"r', '\\'], ok: true });
    expect(await row('second')).toEqual({ k: 'second', v: null, at: null, n: null, tags: [], ok: false });
  });

  it('leaves placeholders inside quotes and comments alone, and refuses what it cannot read for certain', () => {
    const q = (text: string, parameters: unknown[]) => ({ sql: text, parameters }) as unknown as CompiledQuery;
    expect(inlined(q(`SELECT '$1', "$1", $1 -- $1\n, /* $1 */ $2`, ['a', 'b']))).toBe(`SELECT '$1', "$1", 'a' -- $1\n, /* $1 */ 'b'`);
    expect(inlined(q(`SELECT 'it''s $1', $1`, ['a']))).toBe(`SELECT 'it''s $1', 'a'`);
    const ten = Array.from({ length: 10 }, (_, i) => `$${i + 1}`).join(', ');
    expect(inlined(q(`SELECT ${ten}`, Array.from({ length: 10 }, (_, i) => i + 1)))).toBe(`SELECT ${Array.from({ length: 10 }, (_, i) => `'${i + 1}'`).join(', ')}`);
    expect(() => inlined(q(`SELECT $$x$$`, []))).toThrow(/dollar quoting/);
    expect(() => inlined(q(`SELECT E'\\'', $1`, ['a']))).toThrow(/E'' strings/);
    expect(() => inlined(q(`SELECT $2`, ['a', 'b']))).toThrow(/not used/);
    expect(() => inlined(q(`SELECT $3`, ['a']))).toThrow(/no parameter/);
    expect(() => inlined(q(`SELECT $1`, [Buffer.from('x')]))).toThrow(/binary/);
  });

  it('is one transaction: an error in a later statement leaves nothing of the earlier ones', async () => {
    const err = await pipeline(database.db, [insert('first', 1, null, 1, [], true), insert('first', 2, null, 2, [], true)]).catch((e: { code?: string }) => e);
    expect((err as { code?: string }).code).toBe('23505');
    expect(await row('first')).toBeUndefined();
  });
});
