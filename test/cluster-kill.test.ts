// Operations (issue 12): one instance of a three-instance cluster killed with kill -9 while patients book. Each client
// retries with the request's own Idempotency-Key when it fails (a reset connection, a 502 from HAProxy); afterwards the
// database holds exactly one booking per request — none lost, none doubled. Real processes, real HAProxy, one database.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from './database.ts';
import { startCluster, type TestCluster } from './cluster.ts';
import { killHard } from './server-process.ts';
import { Browser } from './server.ts';
import { syntheticNationalId } from '../src/server/demo/synthetic-ids.ts';

const CLIENTS = 16;
/** Bookings each client makes, one after the other, so the load goes on across the kill. */
const EACH = 3;

describe('a cluster instance killed during bookings', () => {
  let database: TestDatabase;
  let cluster: TestCluster;

  beforeAll(async () => {
    database = await freshDatabase();
    cluster = await startCluster({ databaseUrl: database.url });
  }, 180_000);
  afterAll(async () => {
    await cluster?.stop();
    await database?.drop();
  });

  it('clients retrying with their Idempotency-Key get exactly one booking per request', { timeout: 180_000 }, async () => {
    const o = database.owner;
    const clinic = (await o.query(`SELECT id FROM clinics WHERE name = 'Fjordbyen legekontor'`)).rows[0].id as string;
    // Patients of their own, logged in through HAProxy (the identity provider runs in the first instance).
    const clients: Array<{ who: Browser; id: string }> = [];
    for (let i = 0; i < CLIENTS; i++) {
      const birth = `1960-02-${String(i + 1).padStart(2, '0')}`;
      const nid = syntheticNationalId(birth, 9);
      const { id } = (await o.query(`INSERT INTO persons (national_id, national_id_kind, name, birth_date) VALUES ($1, 'synthetic', $2, $3) RETURNING id`, [nid, `Klient ${i + 1}`, birth])).rows[0];
      const who = new Browser(cluster.url);
      await who.login(nid);
      clients.push({ who, id });
    }
    // A free time each, from the same clinician's next days.
    const from = new Date(Date.now() + 2 * 86_400_000);
    const free = (await (await clients[0]!.who.fetch(`/api/availability?${new URLSearchParams({ clinicId: clinic, visitType: 'video', from: from.toISOString(), to: new Date(from.getTime() + 14 * 86_400_000).toISOString() })}`)).json()) as { slots: Array<{ practitionerId: string; start: string }> };
    const slots = free.slots.filter((s, i, all) => all.findIndex((x) => x.start === s.start) === i).sort((a, b) => Date.parse(a.start) - Date.parse(b.start)).slice(0, CLIENTS * EACH);
    expect(slots).toHaveLength(CLIENTS * EACH);

    let completed = 0;
    const book = async (c: { who: Browser }, slot: { practitionerId: string; start: string }) => {
      const key = randomUUID();
      for (let attempt = 0; attempt < 60; attempt++) {
        try {
          const res = await c.who.fetch('/api/appointments', { method: 'POST', headers: { 'idempotency-key': key }, json: { practitionerId: slot.practitionerId, start: slot.start, visitType: 'video' } });
          if (res.status === 201 || res.status === 200) {
            completed++;
            return res.status;
          }
          await res.arrayBuffer();
          if (res.status < 500) return res.status;
        } catch {
          /* the connection went with the instance: ask again, with the same key */
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      return 0;
    };
    // Each client books its slots one after the other; the second instance is killed a third of the way through.
    const results = Promise.all(
      clients.map(async (c, i) => {
        const statuses: number[] = [];
        // A client's own times lie CLIENTS slots apart, so they never overlap (a patient has one visit at a time).
        for (let k = 0; k < EACH; k++) statuses.push(await book(c, slots[k * CLIENTS + i]!));
        return statuses;
      }),
    );
    while (completed < (CLIENTS * EACH) / 3) await new Promise((r) => setTimeout(r, 5));
    await killHard(cluster.instances[1]!);
    const completedAtKill = completed;
    const statuses = (await results).flat();
    // Bookings went on after the kill, through the two instances left.
    expect(completed - completedAtKill).toBeGreaterThan(0);
    expect(cluster.instances[1]!.signalCode).toBe('SIGKILL');

    expect(statuses.filter((s) => s !== 201)).toEqual([]);
    const per = await o.query(`SELECT patient_id, count(*)::int AS n FROM appointments WHERE patient_id = ANY($1::uuid[]) AND status = 'booked' GROUP BY patient_id`, [clients.map((c) => c.id)]);
    expect(per.rows).toHaveLength(CLIENTS);
    expect(per.rows.every((r: { n: number }) => r.n === EACH)).toBe(true);
  });
});
