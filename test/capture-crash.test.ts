// The server process killed (kill -9) right after a clinician closes a paid e-consultation, between "case closed" and
// "capture confirmed": after a restart the reservation is captured exactly once at the card simulator and the
// co-payment counted once. The server runs as its own process on a fresh database, as in production.
import type { ChildProcess } from 'node:child_process';
import { crashActors, killHard, redeliverDeadCapture, startServerProcess } from './server-process.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from './database.ts';
import { freePort } from './global-setup.ts';
import type { TestServer } from './server.ts';
import { econsultFlow } from '../src/server/econsult/test-flow.ts';

describe('capture across a crash of the server process', () => {
  let database: TestDatabase;
  let port = 0;
  let proc: ChildProcess | undefined;
  const url = () => `http://127.0.0.1:${port}`;
  // The flow helpers need the server's address and the database's owner connection only.
  const flow = econsultFlow(() => ({ url: url(), database }) as unknown as TestServer);

  const start = (): Promise<ChildProcess> => startServerProcess({ port, databaseUrl: database.url, env: {} });

  beforeAll(async () => {
    database = await freshDatabase();
    port = await freePort();
  });
  afterAll(async () => {
    if (proc && proc.exitCode === null) proc.kill('SIGKILL');
    await database?.drop();
  });

  it('captures the reservation exactly once and counts the co-payment once', { timeout: 120_000 }, async () => {
    proc = await start();
    const o = database.owner;
    const { who: ola, lise, fjordbyen } = await crashActors(port, o);

    const id = await flow.draft(ola, fjordbyen);
    const { paymentId } = await flow.submitAndPay(ola, id, { amountOre: 17000, currency: 'NOK', rule: 'copayment' });
    await flow.claimAndClose(lise, id);

    // At once, with no chance to finish anything: the capture was asked for in the close's transaction.
    await killHard(proc);
    const [atCrash] = (await o.query('SELECT status FROM payments WHERE id = $1', [paymentId])).rows as Array<{ status: string }>;
    expect(['capture_requested', 'captured']).toContain(atCrash!.status);

    await redeliverDeadCapture(o, paymentId);
    proc = await start();
    await flow.settle(paymentId, 'captured');
    const [checkout] = (await o.query(`SELECT s.status, s.capture_count FROM payments p JOIN card_simulator_checkouts s ON s.id::text = p.provider_ref WHERE p.id = $1`, [paymentId])).rows;
    expect(checkout).toEqual({ status: 'captured', capture_count: 1 });
    expect((await o.query(`SELECT count(*)::int AS n FROM copayments WHERE purpose = 'econsult' AND purpose_id = $1`, [id])).rows).toEqual([{ n: 1 }]);
    proc.kill('SIGTERM');
    await new Promise((r) => proc!.once('exit', r));
  });
});
