// A real SMPP server on loopback for tests: accepts binds, counts and answers submit_sm, and sends delivery receipts.
import type { AddressInfo } from 'node:net';
import smpp, { type PDU, type Session } from 'smpp';

export interface SubmitAnswer {
  /** 0 accepts; anything else is the command_status of submit_sm_resp. */
  status: number;
  /** Send a receipt with this stat before answering, as a fast SMSC may. */
  receiptFirst?: string;
  /** Drop the connection instead of answering (a crash between taking the message and answering). */
  drop?: boolean;
}

export interface TestSmsc {
  url: string;
  port: number;
  /** Every submit_sm received, decoded. */
  submits: PDU[];
  binds: number;
  unbinds: number;
  /** Answers for the coming submits, first in first used; when empty, submits are accepted. */
  answers: SubmitAnswer[];
  /** The message id the SMSC gave the n-th accepted submit (1-based): smsc-1, smsc-2, ... */
  messageId(n: number): string;
  /** Sends a deliver_sm to the bound client and resolves with its deliver_sm_resp. */
  deliver(fields: Record<string, unknown>): Promise<PDU>;
  /** Sends a delivery receipt (SMPP 3.4 appendix B text) and resolves with its deliver_sm_resp. */
  sendReceipt(messageId: string, stat: string): Promise<PDU>;
  /** Drops every client connection (an SMSC restart). */
  dropClients(): void;
  /** From now on accepted submits are taken (and counted in `submits`) but not answered until the returned function is called. */
  hold(): () => void;
  close(): Promise<void>;
}

export async function startTestSmsc(opts: { port?: number; password?: string } = {}): Promise<TestSmsc> {
  const sessions = new Set<Session>();
  let accepted = 0;
  let held: Array<() => void> | undefined;
  const smsc: TestSmsc = {
    url: '',
    port: 0,
    submits: [],
    binds: 0,
    unbinds: 0,
    answers: [],
    messageId: (n) => `smsc-${n}`,
    deliver(fields) {
      const session = [...sessions][0];
      if (!session) return Promise.reject(new Error('no client is bound'));
      return new Promise((resolve) => {
        session.deliver_sm({ source_addr: '4791234567', destination_addr: 'Nettlege', ...fields }, resolve);
      });
    },
    sendReceipt(messageId, stat) {
      return smsc.deliver({
        esm_class: 0x04,
        short_message: `id:${messageId} sub:001 dlvrd:001 submit date:2611231200 done date:2611231201 stat:${stat} err:000 text:`,
      });
    },
    dropClients() {
      for (const s of sessions) s.destroy();
    },
    hold() {
      held = [];
      return () => {
        const answers = held ?? [];
        held = undefined;
        for (const answer of answers) answer();
      };
    },
    async close() {
      for (const s of sessions) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const server = smpp.createServer((session) => {
    session.on('error', () => undefined);
    session.on('bind_transceiver', (pdu) => {
      if (opts.password !== undefined && pdu.password !== opts.password) {
        session.send(pdu.response({ command_status: 0x0e /* ESME_RINVPASWD */ }));
        return;
      }
      smsc.binds++;
      sessions.add(session);
      session.send(pdu.response({ system_id: 'test-smsc' }));
    });
    session.on('close', () => sessions.delete(session));
    session.on('enquire_link', (pdu) => session.send(pdu.response()));
    session.on('unbind', (pdu) => {
      smsc.unbinds++;
      session.send(pdu.response());
      session.close();
    });
    session.on('submit_sm', (pdu) => {
      smsc.submits.push(pdu);
      const answer = smsc.answers.shift() ?? { status: 0 };
      if (answer.drop) {
        session.destroy();
        return;
      }
      if (answer.status !== 0) {
        session.send(pdu.response({ command_status: answer.status }));
        return;
      }
      const id = smsc.messageId(++accepted);
      const respond = () => session.send(pdu.response({ message_id: id }));
      if (answer.receiptFirst) void smsc.sendReceipt(id, answer.receiptFirst).then(respond);
      else if (held) held.push(respond);
      else respond();
    });
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  smsc.port = (server.address() as AddressInfo).port;
  smsc.url = `smpp://127.0.0.1:${smsc.port}`;
  return smsc;
}
