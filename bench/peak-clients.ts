// The Monday-08:00 pattern as virtual users: patients log in through the test identity provider, look for a time, book
// it (with an Idempotency-Key), read their inbox and list, sometimes cancel, sometimes send an e-consultation;
// clinicians poll their work queue every second. Plain keep-alive HTTP after the login, to keep the generator light.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { Browser } from '../test/server.ts';
import { screening } from '../src/server/econsult/questionnaires/catalogue.ts';

export type Op = 'login' | 'availability' | 'book' | 'cancel' | 'inbox' | 'list' | 'econsult' | 'queue';
export const OPS: Op[] = ['login', 'availability', 'book', 'cancel', 'inbox', 'list', 'econsult', 'queue'];

export interface OpStats {
  count: number;
  errors: number;
  latenciesMs: number[];
}

export interface PeakResult {
  ops: Record<Op, OpStats>;
  /** Booking attempts that met a time just taken (409): the race the product must lose cleanly, not an error. */
  conflicts: number;
  /** Appointment ids answered 201 and not cancelled since, and those cancelled with a 200. */
  booked: Set<string>;
  cancelled: Set<string>;
  firstErrors: string[];
  elapsedMs: number;
}

export interface PeakOptions {
  url: string;
  clinicId: string;
  econsultClinicId: string;
  patients: string[];
  clinicians: Array<{ nationalId: string; hpr: string }>;
  seconds: number;
  /** Share of loops that cancel what they booked, and that send an e-consultation. */
  cancelShare: number;
  econsultShare: number;
}

/** How far one look at the free times reaches, and among how many of the first free times a patient picks. */
const WINDOW_MS = 12 * 3600_000;
const PICK_AMONG = 40;

const agent = new http.Agent({ keepAlive: true, maxSockets: 1024 });

function call(base: string, path: string, who: Browser, method = 'GET', body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const h: Record<string, string> = { cookie: who.header(), ...headers };
  if (payload !== undefined) h['content-type'] = 'application/json';
  if (method !== 'GET' && who.csrfToken) h['x-csrf-token'] = who.csrfToken;
  if (payload !== undefined) h['content-length'] = String(Buffer.byteLength(payload));
  return new Promise((resolve, reject) => {
    const req = http.request(base + path, { method, headers: h, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

export async function runPeak(o: PeakOptions): Promise<PeakResult> {
  const r: PeakResult = {
    ops: Object.fromEntries(OPS.map((op) => [op, { count: 0, errors: 0, latenciesMs: [] }])) as unknown as Record<Op, OpStats>,
    conflicts: 0,
    booked: new Set(),
    cancelled: new Set(),
    firstErrors: [],
    elapsedMs: 0,
  };
  const started = performance.now();
  const deadline = started + o.seconds * 1000;
  // Times two days ahead, beyond the 24-hour cancellation cut-off, so a patient may cancel what they book.
  let cursor = Date.now() + 2 * 86400_000;

  async function timed<T>(op: Op, work: () => Promise<T>, ok: (v: T) => boolean, describe: (v: T) => string): Promise<T | undefined> {
    const t0 = performance.now();
    try {
      const v = await work();
      const s = r.ops[op];
      s.count++;
      s.latenciesMs.push(performance.now() - t0);
      if (!ok(v)) {
        s.errors++;
        if (r.firstErrors.length < 10) r.firstErrors.push(`${op}: ${describe(v)}`);
      }
      return v;
    } catch (err) {
      r.ops[op].count++;
      r.ops[op].errors++;
      if (r.firstErrors.length < 10) r.firstErrors.push(`${op}: ${(err as Error).message}`);
      return undefined;
    }
  }
  const answered = (want: number[]) => (v: { status: number }) => want.includes(v.status);
  const says = (v: { status: number; body: string }) => `${v.status} ${v.body.slice(0, 200)}`;

  async function patient(nationalId: string): Promise<void> {
    const who = new Browser(o.url);
    const login = await timed('login', () => who.login(nationalId), () => true, String);
    if (login === undefined) return;
    while (performance.now() < deadline) {
      const from = new Date(cursor).toISOString();
      const to = new Date(cursor + WINDOW_MS).toISOString();
      const free = await timed('availability', () => call(o.url, `/api/availability?${new URLSearchParams({ clinicId: o.clinicId, visitType: 'video', from, to })}`, who), answered([200]), says);
      const slots = free?.status === 200 ? (JSON.parse(free.body) as { slots: Array<{ practitionerId: string; start: string }> }).slots : [];
      // Patients choose among the times they see, as at a real peak: some meet a time just taken.
      if (slots.length < PICK_AMONG) cursor += WINDOW_MS / 2;
      const slot = slots[Math.floor(Math.random() * Math.min(PICK_AMONG, slots.length))];
      if (slot) {
        const key = randomUUID();
        const body = { practitionerId: slot.practitionerId, start: slot.start, visitType: 'video', reason: 'kontroll' };
        // A lost answer (a reset connection) is retried with the same key: it must come back as the same booking.
        let booked: { status: number; body: string } | undefined;
        for (let attempt = 0; attempt < 3 && !booked; attempt++) booked = await timed('book', () => call(o.url, '/api/appointments', who, 'POST', body, { 'idempotency-key': key }), answered([201, 409]), says);
        if (booked?.status === 409) r.conflicts++;
        if (booked?.status === 201) {
          const id = (JSON.parse(booked.body) as { id: string }).id;
          r.booked.add(id);
          if (Math.random() < o.cancelShare) {
            const c = await timed('cancel', () => call(o.url, `/api/appointments/${id}/cancel`, who, 'POST', {}), answered([200]), says);
            if (c?.status === 200) {
              r.booked.delete(id);
              r.cancelled.add(id);
            }
          }
        }
      }
      await timed('inbox', () => call(o.url, '/api/inbox', who), answered([200]), says);
      await timed('list', () => call(o.url, '/api/appointments', who), answered([200]), says);
      if (Math.random() < o.econsultShare) {
        await timed('econsult', async () => {
          const draft = await call(o.url, '/api/econsult/cases', who, 'POST', { clinicId: o.econsultClinicId, screening: SCREENING_ALL_NO });
          if (draft.status !== 201) return draft;
          const id = (JSON.parse(draft.body) as { id: string }).id;
          const saved = await call(o.url, `/api/econsult/cases/${id}`, who, 'PATCH', { reasonId: 'other', answers: OTHER_ANSWERS, description: 'Tørr hud på hendene.' });
          if (saved.status !== 200) return saved;
          return call(o.url, `/api/econsult/cases/${id}/submit`, who, 'POST');
        }, answered([200]), says);
      }
    }
  }

  async function clinician(c: { nationalId: string; hpr: string }): Promise<void> {
    const who = new Browser(o.url);
    if ((await timed('login', () => who.login(c.nationalId, 'staff', { hpr: c.hpr }), () => true, String)) === undefined) return;
    while (performance.now() < deadline) {
      await timed('queue', () => call(o.url, '/api/staff/econsult/queue', who), answered([200]), says);
      await new Promise((res) => setTimeout(res, 1000));
    }
  }

  await Promise.all([...o.patients.map(patient), ...o.clinicians.map(clinician)]);
  r.elapsedMs = performance.now() - started;
  agent.destroy();
  return r;
}

// The e-consultation's screening questions all answered "no", and a follow-up under the "other" reason: as the page sends them.
const SCREENING_ALL_NO = Object.fromEntries(screening().questions.map((q) => [q.id, false]));
const OTHER_ANSWERS = { kind: 'follow-up', question: 'Eksemen min er verre igjen.', allergy: false };
