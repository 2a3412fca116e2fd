// Reads an SMS from a phone out of an SMPP deliver_sm: sender, recipient, text, and which part of a long SMS it is.

export interface InboundPdu {
  /** E.164 with "+" when the SMSC marks the number international (TON 1); otherwise as given. */
  from: string;
  to: string;
  text: string;
  /** 1-based part of a concatenated SMS, and how many parts it has; 1 of 1 for a single SMS. */
  part: number;
  parts: number;
}

const TON_INTERNATIONAL = 1;
/** Concatenation information elements of the user data header: 8-bit and 16-bit reference. */
const IEI_CONCAT_8 = 0x00;
const IEI_CONCAT_16 = 0x08;

interface DecodedMessage {
  message?: unknown;
  udh?: unknown;
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('latin1');
  if (value && typeof value === 'object' && 'message' in value) return textOf((value as DecodedMessage).message);
  return '';
}

/** Part and total from the UDH (the library gives its elements as buffers [iei, length, ...data]) or the SAR TLVs. */
function partOf(pdu: Record<string, unknown>): { part: number; parts: number } {
  const udh = (pdu.short_message as DecodedMessage | undefined)?.udh;
  if (Array.isArray(udh)) {
    for (const ie of udh as Buffer[]) {
      if (!Buffer.isBuffer(ie)) continue;
      if (ie[0] === IEI_CONCAT_8 && ie.length >= 5) return { parts: ie[3]!, part: ie[4]! };
      if (ie[0] === IEI_CONCAT_16 && ie.length >= 6) return { parts: ie[4]!, part: ie[5]! };
    }
  }
  const total = Number(pdu.sar_total_segments);
  const seq = Number(pdu.sar_segment_seqnum);
  if (Number.isInteger(total) && Number.isInteger(seq) && total > 0 && seq > 0) return { parts: total, part: seq };
  return { part: 1, parts: 1 };
}

export function readInbound(pdu: Record<string, unknown>): InboundPdu {
  const source = String(pdu.source_addr ?? '').trim();
  const international = Number(pdu.source_addr_ton) === TON_INTERNATIONAL && /^\d+$/.test(source);
  return {
    from: international ? `+${source}` : source,
    to: String(pdu.destination_addr ?? '').trim(),
    text: textOf(pdu.short_message) || textOf(pdu.message_payload),
    ...partOf(pdu),
  };
}
