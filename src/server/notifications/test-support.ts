// Helpers for the notification tests: reading rows and pg-boss jobs behind the service's back.
import type { TestDatabase } from '../../../test/database.ts';

export async function notificationRow(t: TestDatabase, id: string) {
  return t.db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** Jobs pg-boss holds for a queue whose data contains `match`. */
export async function jobsFor(t: TestDatabase, queue: string, match: Record<string, string>): Promise<Array<{ data: Record<string, unknown> }>> {
  const r = await t.owner.query(`SELECT data FROM pgboss.job WHERE name = $1 AND data @> $2::jsonb`, [queue, JSON.stringify(match)]);
  return r.rows;
}
