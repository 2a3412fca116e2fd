// A burst of notices is sent several at once, not one after the other: a send waits on the SMSC, and while the SMSC has
// not answered the first, the next ones are already submitted. Real database, pg-boss workers and SMPP server.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import pino from 'pino';
import type { TestDatabase } from '../../../test/database.ts';
import { Outbox } from './channels/outbox.ts';
import type { TestSmsc } from './channels/test-smsc.ts';
import { startSmsRig, type SmsRig } from './test-support.ts';
import { SEND_CONCURRENCY, type NotificationService } from './service.ts';

const log = pino({ level: 'silent' });

describe('sending a burst of notices', () => {
  let rig: SmsRig;
  let t: TestDatabase;
  let smsc: TestSmsc;
  let service: NotificationService;

  beforeAll(async () => {
    rig = await startSmsRig({ runWorkers: true, log, loginUrl: 'https://nettlege.test', email: new Outbox(log).email });
    ({ t, smsc, service } = rig);
  });
  afterAll(async () => rig?.stop());

  it(`has up to ${SEND_CONCURRENCY} submits out at once, and each notice is sent once when the SMSC answers`, async () => {
    const release = smsc.hold();
    const burst = SEND_CONCURRENCY + 4;
    const ids: string[] = [];
    for (let i = 0; i < burst; i++) {
      const { id } = await service.notify({ channel: 'sms', to: `+47912300${String(i).padStart(2, '0')}`, template: 'new-message', language: 'nb', params: {} });
      ids.push(id);
    }
    // Not one answered yet, and already as many submitted as may be out at once (one at a time, the second would wait
    // for the first's answer), and no more.
    await vi.waitFor(() => expect(smsc.submits.length).toBe(SEND_CONCURRENCY), { timeout: 15_000, interval: 50 });
    await new Promise((r) => setTimeout(r, 500));
    expect(smsc.submits.length).toBe(SEND_CONCURRENCY);
    release();
    await vi.waitFor(
      async () => {
        const rows = await t.owner.query(`SELECT state FROM notifications WHERE id = ANY($1::uuid[])`, [ids]);
        expect(rows.rows.map((r) => r.state)).toEqual(Array(burst).fill('sent'));
      },
      { timeout: 20_000, interval: 100 },
    );
    expect(smsc.submits).toHaveLength(burst);
  });
});
