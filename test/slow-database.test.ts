// Operations (issue 12): a slow database — a lock held for 10 s on a hot table (appointments). Requests that need the
// table fail cleanly (503 problem+json after the lock timeout: never a hang, never a 500), the pool is not held hostage
// and the rest of the service answers meanwhile; once the lock is gone, booking works again. A real server process on
// a fresh database.
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from './database.ts';
import { freePort } from './global-setup.ts';
import { demoClinicId, demoPerson } from './people.ts';
import { processUrl, startServerProcess } from './server-process.ts';
import { Browser } from './server.ts';

describe('a lock held for 10 s on a hot table', () => {
  let database: TestDatabase;
  let proc: ChildProcess | undefined;
  let port = 0;

  beforeAll(async () => {
    database = await freshDatabase();
    port = await freePort();
    proc = await startServerProcess({ port, databaseUrl: database.url });
  }, 120_000);
  afterAll(async () => {
    if (proc && proc.exitCode === null) proc.kill('SIGKILL');
    await database?.drop();
  });

  it('bookings fail cleanly with 503 while the rest answers; afterwards booking works', { timeout: 90_000 }, async () => {
    const o = database.owner;
    const ola = new Browser(processUrl(port));
    await ola.login((await demoPerson(o, 'Ola Hansen')).nationalId);
    const clinic = await demoClinicId(o, 'Fjordbyen legekontor');
    const from = new Date(Date.now() + 2 * 86_400_000);
    const { slots } = (await (await ola.fetch(`/api/availability?${new URLSearchParams({ clinicId: clinic, visitType: 'video', from: from.toISOString(), to: new Date(from.getTime() + 7 * 86_400_000).toISOString() })}`)).json()) as { slots: Array<{ practitionerId: string; start: string }> };
    const book = (slot: { practitionerId: string; start: string }) => ola.fetch('/api/appointments', { method: 'POST', headers: { 'idempotency-key': randomUUID() }, json: { practitionerId: slot.practitionerId, start: slot.start, visitType: 'video' } });

    const locker = await o.connect();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE appointments IN ACCESS EXCLUSIVE MODE');
    const t0 = Date.now();
    const release = setTimeout(() => void locker.query('ROLLBACK').finally(() => locker.release()), 10_000);
    try {
      const bookings = Promise.all(
        Array.from({ length: 25 }, async (_, i) => {
          const res = await book(slots[i % slots.length]!);
          return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as { type: string }, ms: Date.now() - t0 };
        }),
      );
      // Meanwhile the rest of the service: the GP search, again and again, while the lock is still held.
      const others: Array<{ status: number; ms: number }> = [];
      while (Date.now() - t0 < 8_000) {
        const s0 = Date.now();
        const res = await ola.fetch('/api/gp/search?municipality=Oslo');
        await res.arrayBuffer();
        others.push({ status: res.status, ms: Date.now() - s0 });
      }
      const done = await bookings;
      expect(done.every((b) => b.status === 503)).toBe(true);
      expect(done.every((b) => b.type?.startsWith('application/problem+json') && /unavailable$/.test(b.body.type))).toBe(true);
      // Each gave up well before the lock went (10 s), none hung.
      expect(Math.max(...done.map((b) => b.ms))).toBeLessThan(9_500);
      expect(others.length).toBeGreaterThan(3);
      expect(others.every((r) => r.status === 200 && r.ms < 5_000)).toBe(true);
    } finally {
      await new Promise((r) => setTimeout(r, Math.max(0, 10_500 - (Date.now() - t0))));
      clearTimeout(release);
    }
    // The lock is gone: booking works again.
    expect((await book(slots[0]!)).status).toBe(201);
  });
});
