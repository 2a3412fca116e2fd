// The audit log only grows: the application's role can add rows but not change or delete them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { freshDatabase, type TestDatabase } from './database.ts';
import { recordAccess } from '../src/server/platform/audit.ts';

describe('audit log', () => {
  let t: TestDatabase;
  let personId = '';
  beforeAll(async () => {
    t = await freshDatabase();
    const p = await t.owner.query(`INSERT INTO persons (national_id, national_id_kind, birth_date, name) VALUES ('15839012362', 'synthetic', '1990-03-15', 'A') RETURNING id`);
    personId = p.rows[0].id;
  });
  afterAll(async () => t?.drop());

  it('the application can add a row', async () => {
    await recordAccess(t.db, { actorPersonId: personId, actorKind: 'self', subjectPersonId: personId, action: 'test', reason: 'test' });
    const n = await t.owner.query('SELECT count(*)::int AS n FROM audit_log');
    expect(n.rows[0].n).toBe(1);
  });

  it('the application cannot change, delete or truncate rows', async () => {
    await expect(sql`UPDATE audit_log SET reason = 'changed'`.execute(t.db)).rejects.toThrow();
    await expect(sql`DELETE FROM audit_log`.execute(t.db)).rejects.toThrow();
    await expect(sql`TRUNCATE audit_log`.execute(t.db)).rejects.toThrow();
  });

  it('not even the owner can change a row behind the application\'s back', async () => {
    await expect(t.owner.query(`UPDATE audit_log SET reason = 'changed'`)).rejects.toThrow(/append-only/);
    await expect(t.owner.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    const n = await t.owner.query(`SELECT count(*)::int AS n FROM audit_log WHERE reason = 'test'`);
    expect(n.rows[0].n).toBe(1);
  });
});
