// Helpers for the SMS booking tests: waiting for jobs to do their work, and reading what reached the test SMSC.
import type { PDU } from 'smpp';
import type { TestSmsc } from '../notifications/channels/test-smsc.ts';

/** Polls `probe` until it returns something truthy (notifications go out from a job queue, not at once). */
export async function eventually<T>(probe: () => T | Promise<T>, what: string, timeoutMs = 15_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The text of a submit_sm, from short_message or (long texts) message_payload. */
export function smsText(pdu: PDU): string {
  const of = (field: unknown) => (field && typeof field === 'object' && 'message' in field ? String((field as { message: unknown }).message) : '');
  return of(pdu.message_payload) || of(pdu.short_message);
}

/** The texts the SMSC was asked to send to `number` (E.164), oldest first. */
export function textsTo(smsc: TestSmsc, number: string): string[] {
  return smsc.submits.filter((p) => p.destination_addr === number.replace(/^\+/, '')).map(smsText);
}

/** An SMS from a phone, delivered by the SMSC as deliver_sm; resolves with the client's deliver_sm_resp status. */
export async function smsFromPhone(smsc: TestSmsc, from: string, text: string): Promise<number> {
  const resp = await smsc.deliver({ source_addr: from.replace(/^\+/, ''), source_addr_ton: 1, source_addr_npi: 1, destination_addr: '2222', data_coding: 0x08, short_message: text });
  return resp.command_status;
}
