// Card at booking: a visit whose price is paid by card when booked (a private clinic's, or a public clinic's video or
// phone co-payment) is paid through the payment flow right after booking, and captured at once; a cancellation gives
// the money back (released if only reserved, refunded if taken), whoever cancels and however the visit was cancelled.
// The appointment's row is locked on every path that pays or marks it paid, so a desk payment and a card payment of
// the same visit cannot both land.
import type { Db, Tx } from '../platform/db/database.ts';
import { retryingTransaction } from '../platform/db/database.ts';
import { DomainError, NotFound } from '../platform/http/errors.ts';
import { patientsActorMayActFor } from '../identity/service.ts';
import type { BeginResult, HookPayment, PaymentService } from '../payments/service.ts';
import type { PayerLanguage } from '../payments/domain.ts';
import { priceOfAppointment, recordPaidCopayment } from './service.ts';
import { sendReceiptLetter } from './receipts.ts';
import { refundCopayment } from './store.ts';
import type { NotificationService } from '../notifications/service.ts';
import { noticeToPerson } from '../notifications/person-notice.ts';

/** The payments' purpose: the appointment is the purpose id. */
export const CARD_PURPOSE = 'appointment';
/** The co-payment ledger's purpose of a visit paid by card (the desk's is 'appointment'). */
export const CARD_LEDGER = 'appointment-card';

export interface AppointmentPayment {
  appointmentId: string;
  paymentId: string;
  status: string;
  amountOre: number;
  refundedOre: number;
}

async function lockedAppointment(tx: Tx, id: string) {
  return tx
    .selectFrom('appointments as a')
    .innerJoin('clinics as c', 'c.id', 'a.clinic_id')
    .select(['a.id', 'a.clinic_id', 'a.patient_id', 'a.status', 'a.visit_type', 'a.starts_at', 'a.care_category', 'c.kind', 'c.time_zone', 'c.name as clinic_name', 'c.country'])
    .where('a.id', '=', id)
    .forUpdate('a')
    .executeTakeFirst();
}

/** Whether a card payment of the visit is reserved or taken (the desk must not take it again). */
export async function paidByCard(tx: Tx, appointmentId: string): Promise<boolean> {
  const row = await tx
    .selectFrom('payments')
    .select('id')
    .where('purpose', '=', CARD_PURPOSE)
    .where('purpose_id', '=', appointmentId)
    .where('status', 'in', ['authorized', 'capture_requested', 'captured'])
    .executeTakeFirst();
  return row !== undefined;
}

/** Whether the visit is billed to the patient's insurer (insurance.ts), and so not paid by card. */
export async function isInsured(db: Pick<Db, 'selectFrom'>, appointmentId: string): Promise<boolean> {
  return (await db.selectFrom('appointment_insurance').select('appointment_id').where('appointment_id', '=', appointmentId).executeTakeFirst()) !== undefined;
}

/** Opens (or finds again) the card payment of a booked visit the payer may act for; its price is the visit's. */
export async function payAppointment(db: Db, payments: PaymentService, payer: { personId: string; language: PayerLanguage }, appointmentId: string, now = new Date()): Promise<BeginResult> {
  const visible = await patientsActorMayActFor(db, payer.personId);
  const quote = await retryingTransaction(db, async (tx) => {
    const a = await lockedAppointment(tx, appointmentId);
    if (!a || !visible.includes(a.patient_id)) throw NotFound();
    if (a.status !== 'booked' || a.starts_at <= now) throw new DomainError('conflict', 'problem.appointment-not-active');
    const price = await priceOfAppointment(tx, a, await isInsured(tx, a.id));
    if (price.payBy !== 'card-at-booking' || price.amountOre === 0) throw new DomainError('conflict', 'problem.no-card-payment');
    return { a, price };
  });
  const { a, price } = quote;
  return payments.begin({
    clinicId: a.clinic_id,
    personId: payer.personId,
    purpose: CARD_PURPOSE,
    purposeId: a.id,
    amountOre: price.amountOre,
    currency: price.currency,
    // Content-free: the card statement shows the clinic and that it is an appointment, never why.
    description: `${a.clinic_name}: time`,
    returnPath: '/timer',
    language: payer.language,
  });
}

/** The card payments of these patients' appointments, the latest per appointment, for the patient's list. */
export async function appointmentPaymentsOf(db: Db, patientIds: string[]): Promise<AppointmentPayment[]> {
  if (patientIds.length === 0) return [];
  const rows = await db
    .selectFrom('payments as p')
    .innerJoin('appointments as a', 'a.id', 'p.purpose_id')
    .select(['p.purpose_id', 'p.id', 'p.status', 'p.amount_ore', 'p.refunded_ore', 'p.created_at'])
    .where('p.purpose', '=', CARD_PURPOSE)
    .where('a.patient_id', 'in', patientIds)
    .orderBy('p.created_at', 'desc')
    .execute();
  const latest = new Map<string, AppointmentPayment>();
  for (const r of rows) {
    if (!latest.has(r.purpose_id)) latest.set(r.purpose_id, { appointmentId: r.purpose_id, paymentId: r.id, status: r.status, amountOre: r.amount_ore, refundedOre: r.refunded_ore });
  }
  return [...latest.values()];
}

/**
 * Inside the transaction that cancelled the appointment: the money goes back. A reservation (or an open checkout) is
 * released; money taken is refunded whole, and no longer counts towards the co-payment ceiling; money being taken
 * is refunded when the capture lands (see the captured hook).
 */
export async function settleCancelled(payments: PaymentService, tx: Tx, appointmentId: string, byPersonId: string): Promise<void> {
  const live = await tx
    .selectFrom('payments')
    .select(['id', 'status', 'amount_ore', 'refunded_ore'])
    .where('purpose', '=', CARD_PURPOSE)
    .where('purpose_id', '=', appointmentId)
    .where('status', 'in', ['created', 'pending', 'authorized', 'captured'])
    .forUpdate()
    .execute();
  for (const p of live) {
    if (p.status !== 'captured') {
      await payments.requestRelease(tx, p.id);
      continue;
    }
    const left = p.amount_ore - p.refunded_ore;
    if (left <= 0) continue;
    await payments.requestRefund(tx, { paymentId: p.id, amountOre: left, reason: 'appointment cancelled', byPersonId });
    await refundCopayment(tx, CARD_LEDGER, appointmentId, left);
  }
}

/** The payer hears that money came back (content-free), once per refund, when the provider has made it. */
export function registerRefundNotice(payments: PaymentService, notifications: NotificationService): void {
  payments.onRefunded((tx, r) => noticeToPerson(notifications, tx, r.payerId, 'payment-refunded', `refund:${r.refundId}`));
}

/** BookingDeps.afterCancel: every cancellation, by the patient, reception or a schedule exception, gives the money back. */
export const refundOnCancel = (payments: PaymentService) => (tx: Tx, appointmentId: string, byPersonId: string) => settleCancelled(payments, tx, appointmentId, byPersonId);

/** The hooks of card payments of appointments: capture at once, count the co-payment, refund a visit cancelled meanwhile. */
export function registerAppointmentPaymentHooks(payments: PaymentService): void {
  payments.onAuthorized(CARD_PURPOSE, async (tx: Tx, p: HookPayment) => {
    const a = await lockedAppointment(tx, p.purposeId);
    const paidAtDesk = a && (await tx.selectFrom('copayments').select('id').where('purpose', '=', 'appointment').where('purpose_id', '=', a.id).executeTakeFirst());
    // Paid when booked: taken at once. A visit cancelled, paid at the desk or billed to an insurer meanwhile gives it back.
    if (a?.status === 'booked' && !paidAtDesk && !(await isInsured(tx, a.id))) await payments.requestCapture(tx, p.id);
    else await payments.requestRelease(tx, p.id);
  });
  // A declined card or an abandoned checkout leaves the visit booked and unpaid: the patient can pay again from the
  // list, and reception sees it unpaid.
  payments.onDeclined(CARD_PURPOSE, async () => undefined);
  payments.onCaptured(CARD_PURPOSE, async (tx: Tx, p: HookPayment) => {
    const a = await lockedAppointment(tx, p.purposeId);
    if (!a) return;
    if (a.status === 'cancelled') {
      await payments.requestRefund(tx, { paymentId: p.id, amountOre: p.amountOre, reason: 'appointment cancelled', byPersonId: p.personId });
      return;
    }
    await recordPaidCopayment(tx, { personId: a.patient_id, clinicId: a.clinic_id, clinicKind: a.kind, visitType: a.visit_type, purpose: CARD_LEDGER, purposeId: a.id, amountOre: p.amountOre, paidAt: new Date(), timeZone: a.time_zone });
    await sendReceiptLetter(tx, { method: 'card', paymentId: p.id });
  });
}
