// Operations (issue 12): one instance of a three-instance cluster killed with kill -9 while patients book. Each client
// retries with its own Idempotency-Key when its request fails (a reset connection, a 502 from HAProxy); afterwards the
// database holds exactly one booking per client — none lost, none doubled. Real processes, real HAProxy, one database.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from './database.ts';
import { startCluster, type TestCluster } from './cluster.ts';
import { killHard } from './server-process.ts';
import { Browser } from './server.ts';
import { syntheticNationalId } from '../src/server/demo/synthetic-ids.ts';

const CLIENTS = 24;

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

  it('clients retrying with their Idempotency-Key get exactly one booking each', { timeout: 180_000 }, async () => {
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
    const slots = free.slots.filter((s, i, all) => all.findIndex((x) => x.start === s.start) === i).slice(0, CLIENTS);
    expect(slots).toHaveLength(CLIENTS);

    let sent = 0;
    const book = async (c: { who: Browser }, slot: { practitionerId: string; start: string }) => {
      const key = randomUUID();
      for (let attempt = 0; attempt < 60; attempt++) {
        sent++;
        try {
          const res = await c.who.fetch('/api/appointments', { method: 'POST', headers: { 'idempotency-key': key }, json: { practitionerId: slot.practitionerId, start: slot.start, visitType: 'video' } });
          if (res.status === 201 || res.status === 200) return res.status;
          await res.arrayBuffer();
          if (res.status < 500) return res.status;
        } catch {
          /* the connection went with the instance: ask again, with the same key */
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      return 0;
    };
    const results = Promise.all(clients.map((c, i) => book(c, slots[i]!)));
    // Kill the second instance while the bookings are under way.
    while (sent < CLIENTS / 2) await new Promise((r) => setTimeout(r, 5));
    await killHard(cluster.instances[1]!);
    const sentAtKill = sent;
    const statuses = await results;
    // Bookings went on after the kill, through the two instances left.
    expect(sent).toBeGreaterThan(sentAtKill);
    expect(cluster.instances[1]!.signalCode).toBe('SIGKILL');

    expect(statuses.every((s) => s === 201)).toBe(true);
    const per = await o.query(`SELECT patient_id, count(*)::int AS n FROM appointments WHERE patient_id = ANY($1::uuid[]) AND status = 'booked' GROUP BY patient_id`, [clients.map((c) => c.id)]);
    expect(per.rows).toHaveLength(CLIENTS);
    expect(per.rows.every((r: { n: number }) => r.n === 1)).toBe(true);
  });
});
