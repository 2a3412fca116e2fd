// Paying at the clinic: reception (or the clinician) marks a visit's co-payment paid at the desk, which counts it
// towards the patient's ceiling once, like any other payment; and which of a day's visits are paid already.
import { DateTime } from 'luxon';
import { retryingTransaction, type Db } from '../platform/db/database.ts';
import { recordAccess } from '../platform/audit.ts';
import { DomainError, NotFound } from '../platform/http/errors.ts';
import { priceOfAppointment, recordPaidCopayment, type PriceView } from './service.ts';
import { sendReceiptLetter } from './receipts.ts';
import { recordExemption } from './exemptions.ts';
import { paidByCard } from './appointment-payments.ts';

export const PURPOSE = 'appointment';

export interface PaidAtClinic {
  appointmentId: string;
  price: PriceView;
  /** When it was recorded paid; null when there was nothing to pay. */
  paidAt: string | null;
}

export interface Staff {
  personId: string;
  clinicId: string;
  requestId: string;
}

/** Marks the appointment's co-payment paid (a second mark changes nothing); an exempt visit has nothing to pay. */
export async function markPaidAtClinic(db: Db, staff: Staff, appointmentId: string, now = new Date()): Promise<PaidAtClinic> {
  return retryingTransaction(db, async (tx) => {
    const a = await tx
      .selectFrom('appointments as a')
      .innerJoin('clinics as c', 'c.id', 'a.clinic_id')
      .select(['a.id', 'a.clinic_id', 'a.patient_id', 'a.status', 'a.visit_type', 'a.starts_at', 'a.care_category', 'c.kind', 'c.time_zone'])
      .where('a.id', '=', appointmentId)
      .where('a.clinic_id', '=', staff.clinicId)
      // The card payment's hook takes the same lock: the visit is paid one way only.
      .forUpdate('a')
      .executeTakeFirst();
    if (!a) throw NotFound();
    if (a.status === 'cancelled') throw new DomainError('conflict', 'problem.appointment-not-active');
    if (await paidByCard(tx, a.id)) throw new DomainError('conflict', 'problem.paid-by-card');
    const price = await priceOfAppointment(tx, a);
    await recordAccess(tx, { actorPersonId: staff.personId, actorKind: 'staff', subjectPersonId: a.patient_id, clinicId: a.clinic_id, action: 'appointment.copayment.paid', reason: 'paid at the clinic', requestId: staff.requestId });
    if (price.amountOre === 0) {
      await recordExemption(tx, { purpose: PURPOSE, purposeId: a.id, clinicId: a.clinic_id, price });
      return { appointmentId, price, paidAt: null };
    }
    // A private clinic's price is paid by card when booking, not at the desk, and is no co-payment.
    if (a.kind === 'private') throw new DomainError('conflict', 'problem.private-no-copayment');
    await recordPaidCopayment(tx, { personId: a.patient_id, clinicId: a.clinic_id, clinicKind: a.kind, visitType: a.visit_type, purpose: PURPOSE, purposeId: a.id, amountOre: price.amountOre, paidAt: now, timeZone: a.time_zone });
    await sendReceiptLetter(tx, { method: 'desk', appointmentId: a.id }, now);
    const paid = await paidAt(tx, a.id);
    return { appointmentId, price, paidAt: paid ? paid.toISOString() : now.toISOString() };
  });
}

async function paidAt(db: Pick<Db, 'selectFrom'>, appointmentId: string): Promise<Date | null> {
  const row = await db.selectFrom('copayments').select('paid_at').where('purpose', '=', PURPOSE).where('purpose_id', '=', appointmentId).executeTakeFirst();
  return row?.paid_at ?? null;
}

/** The clinic's visits on a day (in its zone) marked paid at the desk, with the amount and when. */
export async function paidOnDay(db: Db, clinicId: string, date: string, timeZone: string): Promise<Array<{ appointmentId: string; amountOre: number; paidAt: string }>> {
  const start = DateTime.fromISO(date, { zone: timeZone }).startOf('day');
  const rows = await db
    .selectFrom('appointments as a')
    .innerJoin('copayments as p', (j) => j.onRef('p.purpose_id', '=', 'a.id').on('p.purpose', '=', PURPOSE))
    .select(['a.id', 'p.amount_ore', 'p.paid_at'])
    .where('a.clinic_id', '=', clinicId)
    .where('a.starts_at', '>=', start.toJSDate())
    .where('a.starts_at', '<', start.plus({ days: 1 }).toJSDate())
    .execute();
  return rows.map((r) => ({ appointmentId: r.id, amountOre: r.amount_ore, paidAt: r.paid_at.toISOString() }));
}
