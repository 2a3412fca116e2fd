// Concurrent patients booking over HTTP: each client browses free times now and then and books among the first few, so they contend.
// They run on a worker thread of their own, so the clients' work does not queue behind the server's on one event loop.
import { randomInt, randomUUID } from 'node:crypto';
import http from 'node:http';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { Patient } from './booking-setup.ts';

export interface LoadOptions {
  baseUrl: string;
  clinicId: string;
  patients: Patient[];
  clients: number;
  seconds: number;
  /** Each attempt picks at random among this many of the earliest free times the client has seen. */
  pickAmong: number;
  /** Where bookings are posted (default /api/appointments). */
  bookPath?: string;
}

export interface LoadResult {
  attempts: number;
  booked: number;
  conflicts: number;
  errors: number;
  browses: number;
  elapsedMs: number;
  latenciesMs: number[];
  firstError?: string;
}

interface Slot {
  practitionerId: string;
  start: string;
  visitType: string;
}

/** Plain keep-alive HTTP/1.1: the client's own overhead should be small next to the server's. */
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

function request(url: string, method: string, headers: Record<string, string>, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers: body ? { ...headers, 'content-length': String(Buffer.byteLength(body)) } : headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** How far ahead one look at the free times reaches. */
const WINDOW_MS = 3 * 3600_000;

export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const result: LoadResult = { attempts: 0, booked: 0, conflicts: 0, errors: 0, browses: 0, elapsedMs: 0, latenciesMs: [] };
  // Where the earliest free times are: shared, as every patient sees the same calendar.
  let cursor = Date.now() + 60_000;
  const started = performance.now();
  const deadline = started + o.seconds * 1000;

  async function browse(p: Patient): Promise<Slot[]> {
    for (let tries = 0; tries < 500; tries++) {
      const from = cursor;
      const q = new URLSearchParams({ clinicId: o.clinicId, from: new Date(from).toISOString(), to: new Date(from + WINDOW_MS).toISOString() });
      const res = await request(`${o.baseUrl}/api/availability?${q}`, 'GET', { cookie: p.cookie });
      result.browses++;
      if (res.status !== 200) throw new Error(`free times: ${res.status} ${res.body}`);
      const slots = (JSON.parse(res.body) as { slots: Slot[] }).slots;
      if (slots.length > 0) return slots;
      cursor = Math.max(cursor, from + WINDOW_MS);
    }
    throw new Error('no free times left');
  }

  async function client(index: number): Promise<void> {
    const mine = o.patients.filter((_, i) => i % o.clients === index);
    let free: Slot[] = [];
    for (let n = 0; performance.now() < deadline; n++) {
      const patient = mine[n % mine.length]!;
      if (free.length < o.pickAmong) free = await browse(patient);
      const slot = free.splice(randomInt(Math.min(o.pickAmong, free.length)), 1)[0]!;
      const t0 = performance.now();
      const res = await request(
        `${o.baseUrl}${o.bookPath ?? '/api/appointments'}`,
        'POST',
        { cookie: patient.cookie, 'x-csrf-token': patient.csrfToken, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
        JSON.stringify({ practitionerId: slot.practitionerId, start: slot.start, visitType: slot.visitType }),
      );
      result.latenciesMs.push(performance.now() - t0);
      result.attempts++;
      if (res.status === 201) result.booked++;
      else if (res.status === 409) {
        result.conflicts++;
        // "Just taken by someone else": the web app shows the free times again, and so does this patient.
        free = [];
      } else {
        result.errors++;
        result.firstError ??= `${res.status} ${res.body.slice(0, 300)}`;
      }
    }
  }

  await Promise.all(Array.from({ length: o.clients }, (_, i) => client(i)));
  result.elapsedMs = performance.now() - started;
  return result;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Runs the load on a worker thread and returns its result. */
export function runLoadOnWorker(o: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: o });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => (code ? reject(new Error(`the load worker exited with ${code}`)) : undefined));
  });
}

if (!isMainThread && workerData) {
  parentPort!.postMessage(await runLoad(workerData as LoadOptions));
  agent.destroy();
}
