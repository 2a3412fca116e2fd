// The SMPP channel against a real SMPP server on loopback: encoding, refusals, reconnects and delivery receipts.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import pino from 'pino';
import { freePort } from '../../../../test/global-setup.ts';
import { PermanentChannelError, TransientChannelError, type DeliveryReceipt, type InboundSms } from './channel.ts';
import { SmppChannel } from './smpp.ts';
import { parseReceipt } from './smpp-receipt.ts';
import { startTestSmsc, type TestSmsc } from './test-smsc.ts';

const log = pino({ level: 'silent' });
let smsc: TestSmsc;
let channel: SmppChannel;
const receipts: DeliveryReceipt[] = [];
let failReceipts = false;
const inbound: InboundSms[] = [];
let failInbound = false;

beforeAll(async () => {
  smsc = await startTestSmsc({ password: 'secret' });
  channel = new SmppChannel({ url: smsc.url, systemId: 'nettlege', password: 'secret', sender: 'Nettlege', log, bindWaitMs: 2_000, reconnectMinMs: 20, reconnectMaxMs: 50 });
  channel.onReceipt(async (r) => {
    if (failReceipts) throw new Error('database down');
    receipts.push(r);
  });
  channel.onInbound(async (sms) => {
    if (failInbound) throw new Error('database down');
    inbound.push(sms);
  });
  await channel.start();
});

afterAll(async () => {
  await channel?.stop();
  await smsc?.close();
});

const messageOf = (field: unknown) => (field as { message: string }).message;

describe('submit_sm', () => {
  it('UCS-2 encoding of "æøå – test" reaches the SMSC intact', async () => {
    const before = smsc.submits.length;
    const { providerMessageId } = await channel.send({ to: '+4791234567', text: 'æøå – test', reference: 'ref-1' });
    expect(providerMessageId).toMatch(/^smsc-\d+$/);
    const pdu = smsc.submits[before]!;
    expect(pdu.data_coding).toBe(0x08);
    expect(messageOf(pdu.short_message)).toBe('æøå – test');
    expect(pdu.message_payload).toBeUndefined();
    expect(pdu).toMatchObject({ source_addr: 'Nettlege', source_addr_ton: 5, destination_addr: '4791234567', dest_addr_ton: 1, registered_delivery: 1 });
  });

  it('a text that GSM 03.38 could carry still goes as UCS-2, so no SMSC mislabels æøå', async () => {
    const before = smsc.submits.length;
    await channel.send({ to: '+4791234567', text: 'Hei, æøå ÆØÅ!', reference: 'ref-1b' });
    const pdu = smsc.submits[before]!;
    expect(pdu.data_coding).toBe(0x08);
    expect(messageOf(pdu.short_message)).toBe('Hei, æøå ÆØÅ!');
  });

  it('a text longer than one SMS goes in message_payload, intact', async () => {
    const before = smsc.submits.length;
    const text = 'Nettlege: Påminnelse om timen din torsdag 12. mars kl. 14:30. Logg inn på https://nettlege.no for å se mer – æøå ÆØÅ.';
    expect(text.length).toBeGreaterThan(70);
    await channel.send({ to: '+4791234567', text, reference: 'ref-2' });
    const pdu = smsc.submits[before]!;
    expect(pdu.data_coding).toBe(0x08);
    expect(messageOf(pdu.message_payload)).toBe(text);
    expect(messageOf(pdu.short_message)).toBe('');
  });

  it('an SMSC refusal such as ESME_RINVDSTADR is permanent', async () => {
    smsc.answers.push({ status: 0x0b });
    const err = await channel.send({ to: '+4700000000', text: 'x', reference: 'ref-3' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentChannelError);
    expect((err as PermanentChannelError).code).toBe('ESME_RINVDSTADR');
  });

  it('throttling (ESME_RTHROTTLED, ESME_RMSGQFUL) is transient', async () => {
    smsc.answers.push({ status: 0x58 }, { status: 0x14 });
    await expect(channel.send({ to: '+4791234567', text: 'x', reference: 'ref-4' })).rejects.toBeInstanceOf(TransientChannelError);
    await expect(channel.send({ to: '+4791234567', text: 'x', reference: 'ref-5' })).rejects.toBeInstanceOf(TransientChannelError);
  });
});

describe('the session', () => {
  it('binds again after the SMSC drops the connection', async () => {
    await channel.send({ to: '+4791234567', text: 'before', reference: 'ref-6' });
    const binds = smsc.binds;
    smsc.dropClients();
    await vi.waitFor(() => expect(smsc.binds).toBe(binds + 1), { timeout: 2_000 });
    await channel.send({ to: '+4791234567', text: 'after', reference: 'ref-7' });
    expect(messageOf(smsc.submits.at(-1)!.short_message)).toBe('after');
  });

  it('a submit whose answer never comes because the connection dropped fails transiently; the next one goes through', async () => {
    smsc.answers.push({ status: 0, drop: true });
    await expect(channel.send({ to: '+4791234567', text: 'lost', reference: 'ref-8' })).rejects.toThrow(/closed before submit_sm_resp/);
    await expect(channel.send({ to: '+4791234567', text: 'again', reference: 'ref-8' })).resolves.toMatchObject({ providerMessageId: expect.stringMatching(/^smsc-/) });
  });

  it('fails transiently when the SMSC refuses the bind or is not there', async () => {
    const wrong = new SmppChannel({ url: smsc.url, systemId: 'nettlege', password: 'wrong', sender: 'Nettlege', log, bindWaitMs: 200, reconnectMinMs: 50 });
    const nobody = new SmppChannel({ url: `smpp://127.0.0.1:${await freePort()}`, systemId: 'n', password: 'p', sender: '+4790000000', log, bindWaitMs: 200, reconnectMinMs: 50 });
    await wrong.start();
    await nobody.start();
    try {
      await expect(wrong.send({ to: '+4791234567', text: 'x', reference: 'r' })).rejects.toThrow(/not reachable/);
      await expect(nobody.send({ to: '+4791234567', text: 'x', reference: 'r' })).rejects.toBeInstanceOf(TransientChannelError);
    } finally {
      await wrong.stop();
      await nobody.stop();
    }
  });

  it('while the SMSC is down and the next connection attempt is further off than the bind wait, a send fails at once', async () => {
    const nobody = new SmppChannel({ url: `smpp://127.0.0.1:${await freePort()}`, systemId: 'n', password: 'p', sender: 'Nettlege', log, bindWaitMs: 500, reconnectMinMs: 10_000 });
    await nobody.start();
    try {
      // The first connection is being made: the send waits for it, the SMSC refuses it, the wait runs out.
      await expect(nobody.send({ to: '+4791234567', text: 'x', reference: 'r' })).rejects.toThrow(/within 500 ms/);
      // The next attempt is 5–10 s away: no point waiting.
      const t0 = Date.now();
      const err = await nobody.send({ to: '+4791234567', text: 'x', reference: 'r' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TransientChannelError);
      expect((err as Error).message).toMatch(/SMSC not reachable: next connection attempt in \d+ s/);
      expect(Date.now() - t0).toBeLessThan(250);
    } finally {
      await nobody.stop();
    }
  });

  it('unbinds on stop', async () => {
    const other = new SmppChannel({ url: smsc.url, systemId: 'nettlege', password: 'secret', sender: 'Nettlege', log });
    await other.start();
    await other.send({ to: '+4791234567', text: 'x', reference: 'r' });
    const unbinds = smsc.unbinds;
    await other.stop();
    expect(smsc.unbinds).toBe(unbinds + 1);
    await expect(other.send({ to: '+4791234567', text: 'x', reference: 'r' })).rejects.toThrow(/not started/);
  });
});

describe('delivery receipts', () => {
  it('are reported and acknowledged once recorded', async () => {
    receipts.length = 0;
    const resp = await smsc.sendReceipt('smsc-77', 'DELIVRD');
    expect(resp.command_status).toBe(0);
    expect(receipts).toEqual([{ provider: 'smpp', providerMessageId: 'smsc-77', delivered: true }]);
  });

  it('are refused with a temporary error when they cannot be recorded, so the SMSC sends them again', async () => {
    failReceipts = true;
    try {
      const resp = await smsc.sendReceipt('smsc-78', 'DELIVRD');
      expect(resp.command_status).toBe(0x64);
    } finally {
      failReceipts = false;
    }
  });

  it('an SMS from a phone is acknowledged but is not a receipt', async () => {
    receipts.length = 0;
    const resp = await smsc.deliver({ esm_class: 0, short_message: 'id:smsc-1 stat:DELIVRD' });
    expect(resp.command_status).toBe(0);
    expect(receipts).toEqual([]);
  });

  it('are read from the text or from the TLVs; intermediate states are not final', () => {
    expect(parseReceipt({ short_message: { message: 'id:abc sub:001 dlvrd:000 stat:UNDELIV err:034 text:' } })).toEqual({
      providerMessageId: 'abc',
      delivered: false,
      error: 'UNDELIV err:034',
    });
    expect(parseReceipt({ receipted_message_id: 'x9', message_state: 2, short_message: { message: '' } })).toEqual({ providerMessageId: 'x9', delivered: true });
    expect(parseReceipt({ receipted_message_id: 'x9', message_state: 8 })).toEqual({ providerMessageId: 'x9', delivered: false, error: 'REJECTD' });
    expect(parseReceipt({ short_message: { message: 'id:abc stat:ENROUTE' } })).toBeNull();
    expect(parseReceipt({ short_message: { message: 'stat:DELIVRD' } })).toBeNull();
  });
});

describe('SMS from phones', () => {
  it('go to the inbound listener with the sender in E.164, and are acknowledged once handled', async () => {
    inbound.length = 0;
    const resp = await smsc.deliver({ source_addr: '4791000002', source_addr_ton: 1, destination_addr: '2222', data_coding: 0x08, short_message: 'FJORDBYEN 270258 Ola Hansen – før jul' });
    expect(resp.command_status).toBe(0);
    expect(inbound).toHaveLength(1);
    expect(inbound[0]).toMatchObject({ provider: 'smpp', from: '+4791000002', to: '2222', text: 'FJORDBYEN 270258 Ola Hansen – før jul' });
    expect(inbound[0]!.receivedAt).toBeInstanceOf(Date);
    expect(inbound[0]!.providerMessageId).toBeUndefined();
  });

  it('are refused with a temporary error when they cannot be handled, so the SMSC delivers them again', async () => {
    failInbound = true;
    try {
      const resp = await smsc.deliver({ source_addr: '91000002', short_message: 'FJORDBYEN 270258 Ola Hansen' });
      expect(resp.command_status).toBe(0x64);
    } finally {
      failInbound = false;
    }
  });

  it('the first part of a long SMS is passed on; a later part is acknowledged but not passed on as an SMS of its own', async () => {
    inbound.length = 0;
    const part = (n: number) => Buffer.from([0x05, 0x00, 0x03, 0x2a, 0x02, n]);
    const first = await smsc.deliver({ source_addr: '4791000002', source_addr_ton: 1, esm_class: 0x40, short_message: { udh: part(1), message: 'FJORDBYEN 270258 Ola Hansen' } });
    const second = await smsc.deliver({ source_addr: '4791000002', source_addr_ton: 1, esm_class: 0x40, short_message: { udh: part(2), message: 'resten av teksten' } });
    expect([first.command_status, second.command_status]).toEqual([0, 0]);
    expect(inbound.map((m) => m.text)).toEqual(['FJORDBYEN 270258 Ola Hansen']);
  });
});
