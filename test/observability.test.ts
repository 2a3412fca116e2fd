// Seeing it run (issue 12): /metrics for Prometheus behind the operator's token, one correlation id from a request
// through its logs and the jobs it causes, and a /readyz that tells the load balancer the truth.
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, startTestServer, type TestServer } from './server.ts';
import { demoClinicId, demoPerson } from './people.ts';
import { LiveClient } from './live-client.ts';
import { bookFirstFree } from '../src/server/booking/test-booking.ts';
import { econsultFlow, json } from '../src/server/econsult/test-flow.ts';

const TOKEN = 'operator-token-for-the-test-0123456789';

function metric(body: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of body.split('\n')) {
    if (!line.startsWith(name + '{') && !line.startsWith(name + ' ')) continue;
    if (!Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) continue;
    return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe('metrics, correlation ids and readiness', () => {
  let server: TestServer;
  const lines: Array<Record<string, unknown>> = [];
  let kari: Browser;
  let clinicId: string;

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _enc, done) {
        for (const l of String(chunk).split('\n')) if (l.trim()) lines.push(JSON.parse(l) as Record<string, unknown>);
        done();
      },
    });
    server = await startTestServer({ METRICS_TOKEN: TOKEN, LOG_LEVEL: 'info' }, sink);
    kari = new Browser(server.url);
    await kari.login((await demoPerson(server.database.owner, 'Kari Nordmann')).nationalId);
    clinicId = await demoClinicId(server.database.owner, 'Fjordbyen legekontor');
  });
  afterAll(async () => server?.stop());

  const scrape = (auth?: string) => fetch(`${server.url}/metrics`, auth ? { headers: { authorization: auth } } : {});

  it('refuses /metrics without the operator token, and to a wrong one', async () => {
    for (const res of [await scrape(), await scrape(`Bearer ${TOKEN}x`), await scrape(`Basic ${TOKEN}`), await kari.fetch('/metrics')]) {
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
  });

  it('counts requests per route template, jobs per queue, notifications, deadlines, the pool and open sockets', async () => {
    const live = await LiveClient.open(kari, server.url);
    await bookFirstFree(kari, clinicId, 'video', 3);
    for (let i = 0; i < 3; i++) expect((await kari.fetch('/api/appointments')).status).toBe(200);
    const res = await scrape(`Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const body = await res.text();
    // The template, never a URL with ids in it.
    expect(metric(body, 'nettlege_http_requests_total', { method: 'GET', route: '/api/appointments', status: '200' })).toBeGreaterThanOrEqual(3);
    expect(metric(body, 'nettlege_http_requests_total', { method: 'POST', route: '/api/appointments', status: '201' })).toBe(1);
    expect(body).not.toMatch(/route="\/api\/appointments\/[0-9a-f-]{36}/);
    expect(metric(body, 'nettlege_http_request_duration_seconds_count', { method: 'GET', route: '/api/appointments' })).toBeGreaterThanOrEqual(3);
    // The booking's reminders wait for their time in the reminder queue; every defined queue is listed.
    const queues = [...body.matchAll(/^nettlege_jobs_deferred\{queue="([^"]+)"\} (\d+)/gm)].map((m) => ({ queue: m[1]!, n: Number(m[2]) }));
    expect(queues.length).toBeGreaterThan(3);
    expect(queues.reduce((s, q) => s + q.n, 0)).toBeGreaterThan(0);
    expect(body).toMatch(/^nettlege_jobs_oldest_ready_age_seconds\{queue="[^"]+"\} [\d.]+$/m);
    expect(body).toMatch(/^nettlege_notifications\{channel="(sms|email)",state="[a-z]+"\} \d+$/m);
    for (const u of ['overdue', 'near_due', 'in_time']) expect(metric(body, 'nettlege_econsult_cases_open', { urgency: u })).toBeGreaterThanOrEqual(0);
    expect(metric(body, 'nettlege_db_pool_connections', { state: 'total' })).toBeGreaterThan(0);
    expect(metric(body, 'nettlege_websockets_open')).toBe(1);
    expect(metric(body, 'nettlege_process_resident_memory_bytes')).toBeGreaterThan(0);
    live.close();
  });

  it('the Grafana dashboard in the repository asks only for metrics the server gives', async () => {
    const dashboard = JSON.parse(readFileSync(new URL('../ops/grafana/nettlege-dashboard.json', import.meta.url), 'utf8')) as { panels: Array<{ targets: Array<{ expr: string }> }> };
    const asked = new Set(dashboard.panels.flatMap((p) => p.targets.flatMap((t) => [...t.expr.matchAll(/\bnettlege_[a-z0-9_]+/g)].map((m) => m[0]))));
    expect(asked.size).toBeGreaterThan(8);
    const body = await (await scrape(`Bearer ${TOKEN}`)).text();
    // A labelled counter nothing has counted yet is declared (# TYPE) without a sample.
    const given = new Set([...body.matchAll(/^(?:# TYPE )?(nettlege_[a-z0-9_]+)[{ ]/gm)].map((m) => m[1]!));
    expect([...asked].filter((m) => !given.has(m))).toEqual([]);
  });

  it('counts an open e-consultation past its deadline as overdue', async () => {
    const o = server.database.owner;
    const before = metric(await (await scrape(`Bearer ${TOKEN}`)).text(), 'nettlege_econsult_cases_open', { urgency: 'overdue' })!;
    // Kari sends one and pays its reservation; then its deadline passes.
    const flow = econsultFlow(() => server);
    const id = await flow.draft(kari, clinicId);
    const submitted = await json(await kari.fetch(`/api/econsult/cases/${id}/submit`, { method: 'POST' }));
    expect(submitted.status).toBe(200);
    await flow.pay(kari, submitted.body.redirectUrl, '4242 4242 4242 4242');
    expect((await o.query(`SELECT status FROM econsult_cases WHERE id = $1`, [id])).rows[0].status).toBe('open');
    await o.query(`UPDATE econsult_cases SET due_at = now() - interval '1 minute' WHERE id = $1`, [id]);
    const after = metric(await (await scrape(`Bearer ${TOKEN}`)).text(), 'nettlege_econsult_cases_open', { urgency: 'overdue' })!;
    expect(after).toBe(before + 1);
  });

  it('gives every request a correlation id — kept from the load balancer — that its logs and the jobs it causes carry', async () => {
    const fresh = await kari.fetch('/api/session');
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const given = 'lb-7f3a9c21d4e8';
    expect((await kari.fetch('/api/session', { headers: { 'x-request-id': given } })).headers.get('x-request-id')).toBe(given);
    // Junk is not echoed back into headers and logs: a fresh id instead.
    expect((await kari.fetch('/api/session', { headers: { 'x-request-id': 'a b<script>' } })).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

    // A booking writes its confirmation notice; the send job logs under the booking request's id.
    const id = 'booking-req-' + Date.now().toString(36);
    const before = lines.length;
    await bookFirstFreeWithId(id);
    const job = await server.database.owner.query(`SELECT name FROM pgboss.job WHERE data->>'_correlationId' = $1`, [id]);
    expect(job.rowCount).toBeGreaterThan(0);
    for (let t0 = Date.now(); Date.now() - t0 < 15_000; ) {
      if (lines.slice(before).some((l) => l.correlationId === id && l.msg === 'notification sent')) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const mine = lines.slice(before).filter((l) => l.correlationId === id);
    expect(mine.some((l) => l.msg === 'request completed')).toBe(true);
    expect(mine.some((l) => l.msg === 'notification sent')).toBe(true);
  });

  async function bookFirstFreeWithId(requestId: string): Promise<void> {
    const from = new Date(Date.now() + 5 * 86400_000);
    const q = new URLSearchParams({ clinicId, visitType: 'phone', from: from.toISOString(), to: new Date(from.getTime() + 7 * 86400_000).toISOString() });
    // The first time Kari can take (not one overlapping an appointment she already has).
    for (const slot of (await (await kari.fetch(`/api/availability?${q}`)).json()).slots.slice(0, 20)) {
      const res = await kari.fetch('/api/appointments', {
        method: 'POST',
        headers: { 'idempotency-key': crypto.randomUUID(), 'x-request-id': requestId },
        json: { practitionerId: slot.practitionerId, start: slot.start, visitType: 'phone', reason: 'kontroll' },
      });
      const body = (await res.json()) as { type?: string };
      if (res.status === 409 && body.type?.endsWith('/patient-busy')) continue;
      expect(res.status, JSON.stringify(body)).toBe(201);
      return;
    }
    throw new Error('no time Kari could take');
  }

  it('/readyz reports the database, the migrations and the job runner; /healthz stays cheap', async () => {
    const ok = await fetch(`${server.url}/readyz`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ status: 'ready', checks: { database: 'ok', migrations: 'ok', jobs: 'ok' } });
    // A database that lacks one of this code's migrations (restored from an older backup, say) is not ready.
    const o = server.database.owner;
    const last = (await o.query(`SELECT name, timestamp FROM kysely_migration ORDER BY name DESC LIMIT 1`)).rows[0];
    await o.query(`DELETE FROM kysely_migration WHERE name = $1`, [last.name]);
    try {
      const not = await fetch(`${server.url}/readyz`);
      expect(not.status).toBe(503);
      expect(not.headers.get('content-type')).toContain('application/problem+json');
      expect((await not.json()).checks).toEqual({ database: 'ok', migrations: 'failing', jobs: 'ok' });
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      await o.query(`INSERT INTO kysely_migration (name, timestamp) VALUES ($1, $2)`, [last.name, last.timestamp]);
    }
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  });
});
