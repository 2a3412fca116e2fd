// Reads SMPP delivery receipts (deliver_sm with a receipt's esm_class): the message id and its final state.
import type { DeliveryReceipt } from './channel.ts';

const FINAL_STATES: Record<string, boolean> = { DELIVRD: true, UNDELIV: false, REJECTD: false, EXPIRED: false, DELETED: false };
/** message_state TLV values (SMPP 3.4 §5.2.28) for receipts that carry no text. */
const STATE_NAMES: Record<number, string> = { 2: 'DELIVRD', 3: 'EXPIRED', 4: 'DELETED', 5: 'UNDELIV', 8: 'REJECTD' };

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('latin1');
  if (value && typeof value === 'object' && 'message' in value) return textOf((value as { message: unknown }).message);
  return '';
}

/**
 * Reads a delivery receipt: `id:… sub:… dlvrd:… submit date:… done date:… stat:DELIVRD err:… text:…` in short_message
 * (SMPP 3.4 appendix B), or the receipted_message_id and message_state TLVs. Intermediate states (ENROUTE, ACCEPTD) give null.
 */
export function parseReceipt(pdu: Record<string, unknown>): Omit<DeliveryReceipt, 'provider'> | null {
  const text = textOf(pdu.short_message) || textOf(pdu.message_payload);
  const tlvId = typeof pdu.receipted_message_id === 'string' ? pdu.receipted_message_id.trim() : '';
  const id = tlvId || /(?:^|\s)id:(\S+)/i.exec(text)?.[1];
  const stat = /(?:^|\s)stat:(\w+)/i.exec(text)?.[1]?.toUpperCase() ?? STATE_NAMES[Number(pdu.message_state)];
  if (!id || !stat || !(stat in FINAL_STATES)) return null;
  const delivered = FINAL_STATES[stat] === true;
  if (delivered) return { providerMessageId: id, delivered };
  const err = /(?:^|\s)err:(\w+)/i.exec(text)?.[1];
  return { providerMessageId: id, delivered, error: err ? `${stat} err:${err}` : stat };
}
