// Helpers for the payment tests: a payer and clinic of their own, and a small real HTTP server with the security
// layer, the simulator's pages and the payments API (the full server does not mount payments until the lead wires it).
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import pino from 'pino';
import { freshDatabase, type TestDatabase } from '../../../test/database.ts';
import { freePort } from '../../../test/global-setup.ts';
import type { SessionInfo } from '../platform/http/access.ts';
import { registerProblemHandlers } from '../platform/http/problem.ts';
import { registerSecurity } from '../platform/http/security.ts';
import { JobQueue } from '../platform/jobs/queue.ts';
import { definePaymentJobs } from './jobs.ts';
import { paymentsRoutes } from './routes.ts';
import { createPayments, type BeginInput, type PaymentService } from './service.ts';
import type { PaymentProvider } from './provider.ts';
import { simulatorRoutes } from './simulator/routes.ts';
import { CardSimulator } from './simulator/simulator.ts';

export const log = pino({ level: 'silent' });
export const CSRF = 'test-csrf-token';
/** The cookie that stands in for a login in the small server: `test_session=<kind>:<personId>`. */
export const sessionCookie = (personId: string, kind: 'patient' | 'staff' = 'patient') => `test_session=${kind}:${personId}`;

export async function newPerson(t: TestDatabase): Promise<string> {
  const r = await t.owner.query(`INSERT INTO persons (national_id, national_id_kind, name, birth_date) VALUES ($1, 'synthetic', 'Test Betaler', '1980-01-01') RETURNING id`, [
    `9${randomInt(1e9, 9e9)}${randomInt(10, 99)}`,
  ]);
  return r.rows[0].id;
}

export async function newClinic(t: TestDatabase): Promise<string> {
  const r = await t.owner.query(`INSERT INTO clinics (name, org_number, kind) VALUES ('Testklinikken', $1, 'private') RETURNING id`, [String(randomInt(1e8, 1e9 - 1))]);
  return r.rows[0].id;
}

export interface PaymentsHarness {
  jobs: JobQueue;
  simulator: CardSimulator;
  payments: PaymentService;
  stop(): Promise<void>;
}

/** The service on the simulator (or `provider`), with its queues defined and stored but not worked: tests run the handlers. */
export async function paymentsHarness(t: TestDatabase, publicUrl: string, provider?: PaymentProvider): Promise<PaymentsHarness> {
  const jobs = new JobQueue(t.url, log, false);
  const simulator = new CardSimulator({ db: t.db, publicUrl });
  const payments = createPayments({ db: t.db, jobs, log, provider: provider ?? simulator, publicUrl });
  // The purpose the tests pay for; a test that watches the hooks registers its own in their place.
  payments.onAuthorized('econsult', async () => {});
  payments.onDeclined('econsult', async () => {});
  definePaymentJobs(jobs, payments);
  await jobs.start();
  return { jobs, simulator, payments, stop: () => jobs.stop() };
}

export const beginInput = (clinicId: string, personId: string, over: Partial<BeginInput> = {}): BeginInput => ({
  clinicId,
  personId,
  purpose: 'econsult',
  purposeId: randomUUID(),
  amountOre: 35_000,
  currency: 'NOK',
  description: 'E-konsultasjon, Testklinikken',
  returnPath: '/econsult/betaling',
  language: 'nb',
  ...over,
});

function testSession(cookie: string | undefined): SessionInfo | null {
  const m = /(?:^|;\s*)test_session=(patient|staff):([0-9a-f-]{36})/.exec(cookie ?? '');
  if (!m) return null;
  const kind = m[1] as 'patient' | 'staff';
  return { id: randomBytes(8).toString('hex'), personId: m[2]!, kind, actingForId: null, clinicId: null, roles: [], csrfToken: CSRF, language: 'nb' };
}

/** Listens on loopback; `port` first, so the public URL (and so the checkout's return address) is known before. */
export async function startPaymentsServer(t: TestDatabase, h: PaymentsHarness, publicUrl: string): Promise<FastifyInstance> {
  // As app.ts builds it: no type coercion, unknown fields refused, no text/plain.
  const app = Fastify({ logger: false, ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false } } });
  registerProblemHandlers(app);
  app.removeContentTypeParser('text/plain');
  await registerSecurity(app, {
    db: t.db,
    publicUrl,
    devToolsEnabled: false,
    rateLimitPerMinute: 10_000,
    redisUrl: undefined,
    redisPrefix: 'test:',
    loadSession: async (req) => testSession(req.headers.cookie),
  });
  await app.register(simulatorRoutes, { simulator: h.simulator, publicUrl });
  await app.register(paymentsRoutes, { payments: h.payments });
  const { port } = new URL(publicUrl);
  await app.listen({ host: '127.0.0.1', port: Number(port) });
  return app;
}

export interface PaymentsTestServer {
  t: TestDatabase;
  h: PaymentsHarness;
  base: string;
  clinicId: string;
  payer: string;
  stop(): Promise<void>;
}

/** A database of its own, the service on the simulator, the small server on loopback, a clinic and a payer. */
export async function paymentsTestServer(): Promise<PaymentsTestServer> {
  const t = await freshDatabase();
  const base = `http://127.0.0.1:${await freePort()}`;
  const h = await paymentsHarness(t, base);
  const app = await startPaymentsServer(t, h, base);
  return {
    t,
    h,
    base,
    clinicId: await newClinic(t),
    payer: await newPerson(t),
    async stop() {
      await app.close();
      await h.stop();
      await t.drop();
    },
  };
}

/** The simulator's and the payments' rows, read behind the service's back. */
export async function checkoutRow(t: TestDatabase, checkoutId: string) {
  const r = await t.owner.query('SELECT * FROM card_simulator_checkouts WHERE id = $1', [checkoutId]);
  return r.rows[0] as { status: string; capture_count: number; release_count: number; captured_amount_ore: number | null; card_last4: string | null };
}

export async function paymentEvents(t: TestDatabase, paymentId: string): Promise<string[]> {
  const r = await t.owner.query('SELECT from_status, to_status FROM payment_events WHERE payment_id = $1 ORDER BY id', [paymentId]);
  return r.rows.map((e) => `${e.from_status ?? '-'}>${e.to_status}`);
}

export async function jobsFor(t: TestDatabase, queue: string, paymentId: string): Promise<Array<{ start_after: Date; singleton_key: string | null }>> {
  const r = await t.owner.query(`SELECT start_after, singleton_key FROM pgboss.job WHERE name = $1 AND data @> $2::jsonb`, [queue, JSON.stringify({ paymentId })]);
  return r.rows;
}
