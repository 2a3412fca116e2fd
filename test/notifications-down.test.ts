// Operations (issue 12): the SMSC and the mail server both down while patients book, on a three-instance cluster. The
// bookings answer at once; their confirmations wait in the queue, none marked sent or delivered; when both counterparts
// come back on the same ports, each SMS and each e-mail arrives there exactly once and is marked sent (the SMS delivered,
// on the SMSC's receipt) exactly once. Real processes, real HAProxy, a real SMPP server and a real SMTP server on loopback.
import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticNationalId } from '../src/server/demo/synthetic-ids.ts';
import { startTestSmsc, type TestSmsc } from '../src/server/notifications/channels/test-smsc.ts';
import { SEND_RETRY_DELAY_MAX_SECONDS } from '../src/server/notifications/service.ts';
import { startCluster, type TestCluster } from './cluster.ts';
import { freshDatabase, type TestDatabase } from './database.ts';
import { Browser } from './server.ts';

const PATIENTS = 4;
/** A booking's answer may not wait on a counterpart: the SMPP bind wait is 5 s, the SMTP connection timeout 10 s. */
const BOOKING_MS = 3_000;
/** Every confirmation tried once (and refused) while the counterparts are down. */
const FIRST_TRIES_MS = 30_000;
/**
 * Every confirmation delivered once the counterparts are back: the next retry, which after a longer outage may be the
 * longest wait between tries away, plus the SMPP session's reconnect and the receipts. Twice the longest wait: a try
 * that starts just as they come back can still fail (the SMPP session not yet bound again) and wait once more. With one
 * wait it timed out once in a run beside other tests on the two cores, while alone it takes some 15 s.
 */
const DELIVERY_MS = 2 * SEND_RETRY_DELAY_MAX_SECONDS * 1000 + 30_000;

/** Every message an SMTP server on loopback took, kept across its restarts, with the Message-ID it carried. */
const mails: Array<{ messageId: string | undefined; to: string[] }> = [];

interface MailServer {
  port: number;
  /** Stops listening and drops every open connection. */
  close(): Promise<void>;
}

async function startMailServer(port = 0): Promise<MailServer> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    closeTimeout: 100,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        mails.push({ messageId: /^Message-ID:\s*<([^>]+)>/im.exec(raw)?.[1], to: session.envelope.rcptTo.map((r) => r.address) });
        callback();
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of server.connections) c.close();
        server.close(() => resolve());
      }),
  };
}

/** Polls `probe` until it returns a value, for at most `ms`. */
async function within<T>(ms: number, what: string, probe: () => Promise<T | undefined>): Promise<T> {
  for (const t0 = Date.now(); Date.now() - t0 < ms; ) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what}: not within ${ms} ms`);
}

interface Row {
  id: string;
  person_id: string;
  channel: 'sms' | 'email';
  address: string;
  state: string;
  attempts: number;
  last_error: string | null;
  provider_message_id: string | null;
  sent_at: Date | null;
  delivered_at: Date | null;
  job_states: string[];
}

describe('the SMSC and the mail server down while patients book', () => {
  let database: TestDatabase;
  let cluster: TestCluster;
  let smsc: TestSmsc;
  let mail: MailServer;

  beforeAll(async () => {
    database = await freshDatabase();
    smsc = await startTestSmsc();
    mail = await startMailServer();
    const redis: Record<string, string> = process.env.REDIS_URL ? { REDIS_PREFIX: `nettlege-test-${randomBytes(4).toString('hex')}:` } : {};
    cluster = await startCluster({
      databaseUrl: database.url,
      redisUrl: process.env.REDIS_URL,
      env: { SMPP_URL: smsc.url, SMTP_URL: `smtp://127.0.0.1:${mail.port}`, ...redis },
    });
  }, 180_000);
  afterAll(async () => {
    await cluster?.stop();
    await smsc?.close();
    await mail?.close();
    await database?.drop();
  });

  it('the confirmations wait in the queue and, once both are back, each arrives once and is marked sent once', { timeout: 240_000 }, async () => {
    const o = database.owner;
    const run = randomBytes(3).toString('hex');
    const clinic = (await o.query(`SELECT id FROM clinics WHERE name = 'Fjordbyen legekontor'`)).rows[0].id as string;
    // Patients of their own, each with a phone and an e-mail address (no consent withdrawn), logged in through HAProxy.
    const patients: Array<{ who: Browser; id: string; phone: string; email: string }> = [];
    for (let i = 0; i < PATIENTS; i++) {
      const birth = `1971-03-${String(i + 1).padStart(2, '0')}`;
      const phone = `+4790${String(parseInt(run, 16) % 10_000).padStart(4, '0')}${String(i).padStart(2, '0')}`;
      const email = `pasient${i}.${run}@example.no`;
      const { id } = (
        await o.query(`INSERT INTO persons (national_id, national_id_kind, name, birth_date, phone, email) VALUES ($1, 'synthetic', $2, $3, $4, $5) RETURNING id`, [
          syntheticNationalId(birth, 7),
          `Pasient ${i + 1}`,
          birth,
          phone,
          email,
        ])
      ).rows[0];
      const who = new Browser(cluster.url);
      await who.login(syntheticNationalId(birth, 7));
      patients.push({ who, id, phone, email });
    }
    const ids = patients.map((p) => p.id);
    const from = new Date(Date.now() + 2 * 86_400_000);
    const free = (await (
      await patients[0]!.who.fetch(`/api/availability?${new URLSearchParams({ clinicId: clinic, visitType: 'video', from: from.toISOString(), to: new Date(from.getTime() + 14 * 86_400_000).toISOString() })}`)
    ).json()) as { slots: Array<{ practitionerId: string; start: string }> };
    const slots = free.slots.filter((s, i, all) => all.findIndex((x) => x.start === s.start) === i).slice(0, PATIENTS);
    expect(slots).toHaveLength(PATIENTS);
    // The instances are bound to the SMSC before it goes away.
    await within(30_000, 'every instance bound to the SMSC', async () => (smsc.binds >= cluster.instances.length ? true : undefined));

    // Both counterparts go away: listening stopped, every connection dropped.
    await smsc.close();
    await mail.close();

    const booked = await Promise.all(
      patients.map(async (p, i) => {
        const t0 = Date.now();
        const res = await p.who.fetch('/api/appointments', { method: 'POST', headers: { 'idempotency-key': randomUUID() }, json: { practitionerId: slots[i]!.practitionerId, start: slots[i]!.start, visitType: 'video' } });
        await res.arrayBuffer();
        return { status: res.status, ms: Date.now() - t0 };
      }),
    );
    expect(booked.map((b) => b.status)).toEqual(patients.map(() => 201));
    for (const b of booked) expect(b.ms).toBeLessThan(BOOKING_MS);

    const rows = async (): Promise<Row[]> =>
      (
        await o.query(
          `SELECT n.id, n.person_id, n.channel, n.address, n.state, n.attempts, n.last_error, n.provider_message_id, n.sent_at, n.delivered_at,
                  coalesce((SELECT array_agg(j.state::text ORDER BY j.created_on) FROM pgboss.job j WHERE j.name = 'notification.send' AND j.data->>'notificationId' = n.id::text), '{}') AS job_states
             FROM notifications n WHERE n.person_id = ANY($1::uuid[]) ORDER BY n.person_id, n.channel`,
          [ids],
        )
      ).rows;
    // One confirmation by SMS and one by e-mail per booking, to the patient's own phone and address.
    const queued = await rows();
    expect(queued.map((r) => `${r.person_id} ${r.channel} ${r.address}`).sort()).toEqual(patients.flatMap((p) => [`${p.id} email ${p.email}`, `${p.id} sms ${p.phone}`]).sort());

    // Each is tried and refused, and waits for its retry; none is ever marked sent or delivered meanwhile.
    const neverSent = (all: Row[]) => {
      for (const r of all) {
        expect(['queued', 'sending'], `${r.channel} ${r.state}`).toContain(r.state);
        expect(r.sent_at).toBeNull();
        expect(r.delivered_at).toBeNull();
        expect(r.provider_message_id).toBeNull();
      }
    };
    const waiting = await within(FIRST_TRIES_MS, 'every confirmation tried once and waiting for its retry', async () => {
      const all = await rows();
      neverSent(all);
      return all.every((r) => r.attempts >= 1 && r.state === 'queued' && r.last_error !== null && r.job_states.includes('retry')) ? all : undefined;
    });
    expect(waiting.filter((r) => r.channel === 'sms').every((r) => /SMSC not reachable|SMPP/.test(r.last_error!))).toBe(true);
    expect(waiting.filter((r) => r.channel === 'email').every((r) => /SMTP send failed/.test(r.last_error!))).toBe(true);
    // The retries are due soon: the first ones are seconds apart, not minutes.
    const due = (await o.query(`SELECT extract(epoch FROM max(start_after - now()))::float8 AS wait FROM pgboss.job WHERE name = 'notification.send' AND state = 'retry' AND data->>'notificationId' = ANY($1::text[])`, [waiting.map((r) => r.id)])).rows[0].wait;
    expect(due).toBeLessThan(DELIVERY_MS / 1000);
    // Nothing of theirs reached a counterpart: the SMSC took no submit for these phones, the mail server no message for these addresses.
    const phones = new Set(patients.map((p) => p.phone));
    const addresses = new Set(patients.map((p) => p.email));
    const smsFor = (smscRun: TestSmsc) => smscRun.submits.flatMap((pdu, k) => (phones.has(`+${String(pdu.destination_addr)}`) ? [{ to: `+${String(pdu.destination_addr)}`, messageId: smscRun.messageId(k + 1) }] : []));
    const mailFor = () => mails.filter((m) => m.to.some((to) => addresses.has(to)));
    expect(smsFor(smsc)).toEqual([]);
    expect(mailFor()).toEqual([]);

    // Both come back on the same ports. The SMSC's message ids differ from the first run's, as a real SMSC's would.
    const again = await startTestSmsc({ port: smsc.port });
    again.messageId = (n) => `smsc-again-${n}`;
    mail = await startMailServer(mail.port);
    smsc = again;
    // The SMSC reports each accepted message delivered, as a handset's network would, over any bound session.
    let receipted = 0;
    let pumping = true;
    const pump = (async () => {
      while (pumping) {
        if (receipted < again.submits.length) {
          const resp = await again.sendReceipt(again.messageId(receipted + 1), 'DELIVRD').catch(() => undefined);
          // Not recorded (or no session yet): the SMSC sends it again a little later, as a real one does.
          if (resp?.command_status === 0) {
            receipted++;
            continue;
          }
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    })();

    try {
      // Every send job has finished: none is left to send a second copy.
      const done = await within(DELIVERY_MS, 'every confirmation sent, every SMS delivered, every send job finished', async () => {
        const all = await rows();
        const final = all.every((r) => r.state === (r.channel === 'sms' ? 'delivered' : 'sent') && r.job_states.length > 0 && r.job_states.every((s) => s === 'completed'));
        return final ? all : undefined;
      });

      expect(done).toHaveLength(2 * PATIENTS);

      // At the counterparts: each SMS once (one per patient's phone), each e-mail once (by the notification's Message-ID).
      const received = smsFor(again);
      expect(received.map((m) => m.to).sort()).toEqual([...phones].sort());
      const emails = done.filter((r) => r.channel === 'email');
      expect(mailFor().map((m) => m.messageId).sort()).toEqual(emails.map((r) => `${r.id}@nettlege.local`).sort());
      expect(mailFor().map((m) => m.to.join()).sort()).toEqual([...addresses].sort());

      // In the database: each marked once, with what the counterpart gave it (the SMS: the SMSC's own message id).
      const sms = done.filter((r) => r.channel === 'sms');
      expect(sms.map((r) => r.provider_message_id).sort()).toEqual(received.map((m) => m.messageId).sort());
      for (const r of done) {
        expect(r.attempts).toBeGreaterThanOrEqual(2);
        expect(r.sent_at).not.toBeNull();
        expect(r.last_error).toBeNull();
      }
      for (const r of sms) expect(r.delivered_at).not.toBeNull();
      // Nothing is marked delivered that was not: an e-mail's acceptance by the server is 'sent', no more.
      for (const r of emails) {
        expect(r.delivered_at).toBeNull();
        expect(r.provider_message_id).toBe(`<${r.id}@nettlege.local>`);
      }
    } finally {
      pumping = false;
      await pump;
    }
  });
});
