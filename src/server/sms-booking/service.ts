// SMS booking, inbound: an SMS from a phone becomes a booking request for reception or a helpful reply, each SMS once.
import type { Logger } from 'pino';
import type { Db, Tx } from '../platform/db/database.ts';
import type { NotificationService } from '../notifications/service.ts';
import { maskAddress, type InboundSms } from '../notifications/channels/channel.ts';
import { localDate } from '../../shared/time.ts';
import {
  MAX_REPLIES_PER_HOUR,
  messageForReception,
  normaliseSender,
  parseBookingSms,
  repeatWindow,
  replyLanguage,
  spacedPhone,
  splitName,
  textFingerprint,
  type InboundOutcome,
} from './domain.ts';
import * as store from './store.ts';

export interface SmsBookingDeps {
  db: Db;
  notifications: NotificationService;
  log: Logger;
}

/** What receiving did; 'duplicate' is a message already received (an SMSC or gateway delivering it again). */
export type ReceiveOutcome = InboundOutcome | 'duplicate';

interface Decision {
  outcome: InboundOutcome;
  clinic?: store.SmsClinic;
  patient?: { id: string; language: string };
  message?: string;
}

/** Reads the message and finds clinic and sender. Only reads: what it decides is written once, in receiveSms. */
async function decide(db: Db, sms: InboundSms, from: string | null): Promise<Decision> {
  const parsed = parseBookingSms(sms.text, localDate(sms.receivedAt));
  if (!parsed.ok) return { outcome: 'unparseable' };
  const clinic = await store.clinicByKeyword(db, parsed.sms.keyword);
  if (!clinic) return { outcome: 'unknown-clinic' };
  if (!from) return { outcome: 'no-match', clinic };
  const matches = (await store.personsByBirthDateAndPhone(db, parsed.sms.birthDate, from)).flatMap((p) => {
    const split = splitName(parsed.sms.words, p.name);
    return split ? [{ p, split }] : [];
  });
  // Two people with one phone, one birth date and one name cannot be told apart by SMS: reception must call.
  if (matches.length !== 1) return { outcome: 'no-match', clinic };
  const { p, split } = matches[0]!;
  return { outcome: 'requested', clinic, patient: { id: p.id, language: p.preferred_language }, message: messageForReception(split.text) };
}

export async function receiveSms(deps: SmsBookingDeps, sms: InboundSms): Promise<ReceiveOutcome> {
  const from = normaliseSender(sms.from);
  const decision = await decide(deps.db, sms, from);
  const flooding = from !== null && (await store.inboundCountSince(deps.db, from, new Date(sms.receivedAt.getTime() - 3600_000))) >= MAX_REPLIES_PER_HOUR;
  const outcome = await deps.db.transaction().execute(async (tx): Promise<ReceiveOutcome> => {
    const inboundId = await store.insertInbound(tx, {
      provider: sms.provider,
      provider_message_id: sms.providerMessageId ?? null,
      from_phone: from ?? sms.from.slice(0, 40),
      text_fingerprint: textFingerprint(sms.text),
      received_at: sms.receivedAt,
      repeat_window: repeatWindow(sms.receivedAt),
      outcome: decision.outcome,
      clinic_id: decision.clinic?.id ?? null,
    });
    if (!inboundId) return 'duplicate';
    if (decision.outcome === 'requested') {
      await store.insertRequest(tx, {
        clinic_id: decision.clinic!.id,
        patient_id: decision.patient!.id,
        kind: 'sms',
        from_phone: from,
        message: decision.message ?? '',
        inbound_sms_id: inboundId,
      });
    }
    // No reply to a sender that is no phone number, nor to a flood from one number.
    if (from && !flooding) await reply(deps, tx, decision, from, `sms-booking:${inboundId}`);
    return decision.outcome;
  });
  deps.log.info({ outcome, provider: sms.provider, from: maskAddress(sms.from), clinicId: decision.clinic?.id, flooding }, 'inbound SMS');
  return outcome;
}

/** The answer to the sender: content-free, in the patient's language where known, at most the clinic's name and number. */
async function reply(deps: SmsBookingDeps, tx: Tx, d: Decision, to: string, idempotencyKey: string): Promise<void> {
  const language = replyLanguage(d.patient?.language, d.clinic?.country);
  const base = { personId: d.patient?.id ?? null, channel: 'sms' as const, to, language, idempotencyKey, tx };
  const clinic = d.clinic?.name ?? '';
  switch (d.outcome) {
    case 'requested':
      await deps.notifications.notify({ ...base, template: 'sms-booking-received', params: { clinic } });
      return;
    case 'no-match':
      await deps.notifications.notify({ ...base, template: 'sms-booking-no-match', params: { clinic, phone: spacedPhone(d.clinic?.phone ?? null) } });
      return;
    case 'unknown-clinic':
      await deps.notifications.notify({ ...base, template: 'sms-booking-unknown-clinic', params: {} });
      return;
    case 'unparseable':
      await deps.notifications.notify({ ...base, template: 'sms-booking-unparseable', params: {} });
      return;
  }
}
