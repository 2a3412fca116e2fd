// Operations (issue 12): a slow database — a lock held for 10 s on a hot table (appointments). Requests that need the
// table wait for it (within the statement timeout, 15 s) and then go through; they hold only their own connections, so
// the rest of the service answers all the while from the same pool. A real server process on a fresh database.
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

  it('bookings wait for the lock and go through, while the rest of the service answers', { timeout: 90_000 }, async () => {
    const o = database.owner;
    const ola = new Browser(processUrl(port));
    await ola.login((await demoPerson(o, 'Ola Hansen')).nationalId);
    const clinic = await demoClinicId(o, 'Fjordbyen legekontor');
    const from = new Date(Date.now() + 2 * 86_400_000);
    const { slots } = (await (await ola.fetch(`/api/availability?${new URLSearchParams({ clinicId: clinic, visitType: 'video', from: from.toISOString(), to: new Date(from.getTime() + 7 * 86_400_000).toISOString() })}`)).json()) as { slots: Array<{ practitionerId: string; start: string }> };
    // One clinician's times: they never overlap, so one patient may hold them all.
    const own = slots.filter((x) => x.practitionerId === slots[0]!.practitionerId);
    const book = (slot: { practitionerId: string; start: string }) => ola.fetch('/api/appointments', { method: 'POST', headers: { 'idempotency-key': randomUUID() }, json: { practitionerId: slot.practitionerId, start: slot.start, visitType: 'video' } });

    const locker = await o.connect();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE appointments IN ACCESS EXCLUSIVE MODE');
    const t0 = Date.now();
    const release = setTimeout(() => void locker.query('ROLLBACK').finally(() => locker.release()), 10_000);
    try {
      const bookings = Promise.all(
        Array.from({ length: 10 }, async (_, i) => {
          const res = await book(own[i]!);
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
      // The rest of the service answered quickly all the while.
      expect(others.length).toBeGreaterThan(10);
      expect(others.every((r) => r.status === 200 && r.ms < 2_500)).toBe(true);
      const done = await bookings;
      // Each booking waited for the lock (10 s) and then went through; none hung past the statement timeout.
      expect(done.map((b) => b.status)).toEqual(Array(10).fill(201));
      expect(Math.min(...done.map((b) => b.ms))).toBeGreaterThanOrEqual(9_500);
      expect(Math.max(...done.map((b) => b.ms))).toBeLessThan(15_000);
    } finally {
      await new Promise((r) => setTimeout(r, Math.max(0, 10_500 - (Date.now() - t0))));
      clearTimeout(release);
    }
    // Afterwards a booking takes its ordinary time.
    expect((await book(own[12]!)).status).toBe(201);
  });
});
