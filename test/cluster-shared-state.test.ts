// Instances share nothing but PostgreSQL, Redis and the file store (issue 12): a session made through one instance
// works on every other, and the request limit is one count across the cluster (in Redis), not one per instance.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from './database.ts';
import { startCluster, type TestCluster } from './cluster.ts';
import { Browser } from './server.ts';
import { demoPerson } from './people.ts';

const LIMIT = 30;

describe('state shared across the cluster', () => {
  let database: TestDatabase;
  let cluster: TestCluster;

  beforeAll(async () => {
    database = await freshDatabase();
    cluster = await startCluster({ databaseUrl: database.url, redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', env: { RATE_LIMIT_PER_MINUTE: String(LIMIT), REDIS_PREFIX: `nettlege-shared-${Date.now().toString(36)}:` } });
  }, 180_000);
  afterAll(async () => {
    await cluster?.stop();
    await database?.drop();
  });

  it('a session works on every instance, and the request limit counts across them', { timeout: 120_000 }, async () => {
    const ola = new Browser(cluster.url);
    await ola.login((await demoPerson(database.owner, 'Ola Hansen')).nationalId);
    // Each instance on its own, with the one session.
    const direct = cluster.ports.map((p) => {
      const b = new Browser(`http://127.0.0.1:${p}`);
      for (const [k, v] of ola.cookies) b.cookies.set(k, v);
      return b;
    });
    for (const b of direct) expect(((await (await b.fetch('/api/session')).json()) as { person?: { name: string } }).person?.name).toBe('Ola Hansen');

    // Round the instances until refused: the limit is reached once for all of them, not once each.
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT * 2; i++) statuses.push((await direct[i % direct.length]!.fetch('/api/appointments')).status);
    const allowed = statuses.filter((s) => s === 200).length;
    expect(allowed).toBeLessThanOrEqual(LIMIT);
    expect(allowed).toBeGreaterThan(LIMIT - 5);
    expect(statuses.slice(-direct.length)).toEqual(direct.map(() => 429));
  });
});
