// Locking and the local registry through the real HTTP layer and PostgreSQL: a locked prescription gets a reference
// number; the dev pharmacy finds it by that number and no longer by national ID; the lookup never puts a national ID
// in a URL or a log line; and the database itself keeps the prescription invariants.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, startTestServer, type TestServer } from '../../../test/server.ts';
import type { MyPrescriptions } from './api.ts';
import { demoCast, json, prescribe, type Who } from './test-support.ts';

describe('locking and the dev pharmacy', () => {
  let server: TestServer;
  let b: Record<Who, Browser>;
  let ids: Record<Who, string>;
  let nationalIds: Record<Who, string>;
  const logs: string[] = [];
  const pharmacy = new Browser('');
  const lookup = async (form: Record<string, string>, headers: Record<string, string> = {}) => {
    const res = await pharmacy.fetch(`${server.url}/dev/pharmacy`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(form).toString() });
    return { status: res.status, html: await res.text() };
  };

  beforeAll(async () => {
    const sink = new Writable({ write: (chunk, _enc, done) => (logs.push(String(chunk)), done()) });
    server = await startTestServer({ DEV_OUTBOX: 'true', LOG_LEVEL: 'info' }, sink);
    ({ b, ids, nationalIds } = await demoCast(server));
  });
  afterAll(async () => server?.stop());

  it('serves an accessible lookup page whose forms POST', async () => {
    const res = await pharmacy.fetch(`${server.url}/dev/pharmacy`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<label for="nationalId">');
    expect(html).toContain('<label for="reference">');
    expect(html.match(/<form [^>]*method="post" action="\/dev\/pharmacy"/g)).toHaveLength(2);
  });

  it('locking gives a reference number; the pharmacy then finds the prescription by that number, not by national ID', async () => {
    const metformin = ((await json(await b.ola.fetch('/api/prescriptions'))).body as MyPrescriptions).prescriptions.find((p) => p.drug.id === 'metformin-500mg-tablet')!;
    const before = await lookup({ nationalId: nationalIds.ola });
    expect(before.status).toBe(200);
    expect(before.html).toContain('metformin');
    expect(before.html).toContain(`${nationalIds.ola.slice(0, 6)} *****`);
    expect(before.html).not.toContain(nationalIds.ola);
    // Expired prescriptions are not offered at the counter.
    expect(before.html).not.toContain('atorvastatin');

    const locked = await json(await b.ola.fetch(`/api/prescriptions/${metformin.id}/lock`, { method: 'POST' }));
    expect(locked.status).toBe(200);
    expect(locked.body).toMatchObject({ id: metformin.id, locked: true });
    const ref = locked.body.referenceNumber as string;
    expect(ref).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    // Locking again changes nothing: the same number.
    expect((await json(await b.ola.fetch(`/api/prescriptions/${metformin.id}/lock`, { method: 'POST' }))).body.referenceNumber).toBe(ref);
    expect(((await json(await b.ola.fetch('/api/prescriptions'))).body as MyPrescriptions).prescriptions.find((p) => p.id === metformin.id)).toMatchObject({ locked: true, referenceNumber: ref });

    const byId = await lookup({ nationalId: nationalIds.ola });
    expect(byId.html).not.toContain('metformin');
    expect(byId.html).toContain('zopiclone');
    const byRef = await lookup({ reference: ref.toLowerCase().replace('-', ' ') });
    expect(byRef.status).toBe(200);
    expect(byRef.html).toContain('metformin');
    expect(byRef.html).toContain('Ola Hansen');
    expect((await lookup({ reference: 'ZZZZ-ZZZZ' })).html).toContain('Ingen resepter');

    // The clinician sees that it is locked, never the number (the patient gives it to the pharmacy).
    const staff = await json(await b.per.fetch(`/api/staff/patients/${ids.ola}/prescriptions`));
    expect(staff.body.prescriptions.find((p: { id: string }) => p.id === metformin.id)).toMatchObject({ locked: true, referenceNumber: null });
    // The national ID went in a form body only: in no URL and no log line.
    expect(logs.join('\n')).toContain('/dev/pharmacy');
    expect(logs.join('\n')).not.toContain(nationalIds.ola);
  });

  it('refuses a lookup posted from another site, and an empty one', async () => {
    expect((await lookup({ nationalId: nationalIds.ola }, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await lookup({ nationalId: '123' })).status).toBe(400);
  });

  it('is not there where dev tools are off', async () => {
    const off = await startTestServer({ DEV_OUTBOX: 'false' });
    try {
      expect((await fetch(`${off.url}/dev/pharmacy`)).status).toBe(404);
    } finally {
      await off.stop();
    }
  });

  it('the database keeps the invariants: dates in order, withdrawals not negative, reference numbers unique, a decision once', async () => {
    const o = server.database.owner;
    const id = await prescribe(o, ids.ingrid, 'Lise Berg', 'metformin-500mg-tablet', { type: 'blue' });
    await expect(o.query(`UPDATE prescriptions SET valid_until = issued_on - 1 WHERE id = $1`, [id])).rejects.toThrow(/check/);
    await expect(o.query(`UPDATE prescriptions SET withdrawals_left = -1 WHERE id = $1`, [id])).rejects.toThrow(/check/);
    await expect(o.query(`UPDATE prescriptions SET locked = true WHERE id = $1`, [id])).rejects.toThrow(/check/);
    const taken = await o.query(`SELECT reference_number FROM prescriptions WHERE reference_number IS NOT NULL LIMIT 1`);
    await expect(o.query(`UPDATE prescriptions SET reference_number = $2 WHERE id = $1`, [id, taken.rows[0].reference_number])).rejects.toThrow(/unique|duplicate/);

    const sent = await json(await b.ingrid.fetch('/api/prescriptions/renewal-requests', { method: 'POST', json: { prescriptionIds: [id] } }));
    expect(sent.status).toBe(201);
    expect((await json(await b.lise.fetch(`/api/staff/prescriptions/renewal-requests/${sent.body.id}/decline`, { method: 'POST', json: { reason: 'Kom til kontroll.' } }))).status).toBe(200);
    await expect(o.query(`UPDATE prescription_renewal_items SET decline_reason = 'endret' WHERE request_id = $1`, [sent.body.id])).rejects.toThrow(/decided once/);
    await expect(o.query(`DELETE FROM prescription_renewal_items WHERE request_id = $1`, [sent.body.id])).rejects.toThrow(/decided once/);
  });
});
