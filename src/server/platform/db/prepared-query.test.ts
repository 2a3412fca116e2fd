// A prepared query's SQL is built once: later calls bind their own arguments to the parameters they stood for, next
// to the query's constants, and a query that writes an argument into its SQL, or leaves one out, is refused.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../../../../test/database.ts';
import { preparedQuery } from './database.ts';

describe('preparedQuery', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase();
  });
  afterAll(async () => database?.drop());

  it('binds each call’s arguments where they stood, however often and in whatever order, beside constants', async () => {
    let built = 0;
    const echo = preparedQuery('test-echo', (db, a: string, b: string) => {
      built++;
      return db.selectNoFrom([sql<string>`${b}::text`.as('b'), sql<string>`${a}::text`.as('a'), sql<string>`${'constant'}::text`.as('k'), sql<string>`${a}::text || ${b}::text`.as('ab')]);
    });
    expect(await echo(database.db, 'x', 'y')).toEqual([{ b: 'y', a: 'x', k: 'constant', ab: 'xy' }]);
    expect(await echo(database.db, 'p', 'q')).toEqual([{ b: 'q', a: 'p', k: 'constant', ab: 'pq' }]);
    expect(built).toBe(1);
  });

  it('refuses a query that writes an argument into its SQL or does not use one', async () => {
    const inline = preparedQuery('test-inline', (db, a: string) => db.selectNoFrom(sql<string>`${sql.lit(a)}::text`.as('a')));
    await expect(inline(database.db, 'x')).rejects.toThrow(/written into its SQL/);
    const unused = preparedQuery('test-unused', (db, _a: string) => db.selectNoFrom(sql<number>`1`.as('one')));
    await expect(unused(database.db, 'x')).rejects.toThrow(/argument 0 is not used/);
  });
});
