// Each test file gets its own database, copied from the migrated template on the run's real PostgreSQL.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import { inject } from 'vitest';
import { appRoleAvailable, openDatabase, type Db } from '../src/server/platform/db/database.ts';
import { withDatabase } from './global-setup.ts';

export interface TestDatabase {
  url: string;
  db: Db;
  /** The owner's connection: for checks a test makes behind the application's back. */
  owner: pg.Pool;
  drop(): Promise<void>;
}

export async function freshDatabase(): Promise<TestDatabase> {
  const adminUrl = inject('adminUrl');
  const name = `${inject('runPrefix')}${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('templateDb')}`);
  await admin.end();
  const url = withDatabase(adminUrl, name);
  const { db } = openDatabase(url, pino({ level: 'silent' }), { useAppRole: await appRoleAvailable(url), max: 5 });
  const owner = new pg.Pool({ connectionString: url, max: 2 });
  return {
    url,
    db,
    owner,
    async drop() {
      await db.destroy();
      await owner.end();
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      // pg's pool.end() resolves before its sockets have closed: wait for them, or FORCE would kill a connection
      // mid-close and its client would raise 57P01 with nobody listening.
      for (let i = 0; i < 200; i++) {
        const open = await a.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
        if (open.rows[0].n === 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      // Still connected after 10 s: say who, since FORCE makes their clients fail with 57P01 where nobody listens.
      const left = await a.query('SELECT usename, application_name, state, query, now() - state_change AS idle_for FROM pg_stat_activity WHERE datname = $1', [name]);
      if (left.rows.length) console.error(`test database ${name}: connections left at drop: ${JSON.stringify(left.rows)}`);
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}
