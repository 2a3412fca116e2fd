// Invoices afterwards (hospital outpatient visits): reception issues one per visit, priced by the co-payment rules at
// the visit's time, with a KID (MOD10) the bank reports back, due in 14 days; it reaches the patient's inbox as a letter
// (and so as a PDF). A bank's payments are matched by KID: a paid invoice counts its co-payment once.
import { sql } from 'kysely';
import { DateTime } from 'luxon';
import { retryingTransaction, type Db } from '../platform/db/database.ts';
import { Conflict, DomainError, NotFound } from '../platform/http/errors.ts';
import type { NotificationService } from '../notifications/service.ts';
import type { StaffRole } from '../platform/db/schema.ts';
import { writeLetter } from '../messages/staff.ts';
import { kroner } from './clinic-settlement.ts';
import { accountText } from '../../shared/bank-account.ts';
import { kid as withCheckDigit } from './kid.ts';
import { priceOfAppointment, recordPaidCopayment, type PriceView } from './service.ts';
import { sendReceiptLetter } from './receipts.ts';
import { recordExemption } from './exemptions.ts';

export const INVOICE_PURPOSE = 'invoice';
const DUE_DAYS = 14;

export interface InvoiceView {
  id: string;
  number: string;
  appointmentId: string;
  amountOre: number;
  kid: string;
  bankAccount: string;
  dueOn: string;
  status: 'open' | 'paid';
  letterThreadId: string | null;
}

export interface Issued {
  invoice: InvoiceView | null;
  price: PriceView;
}

interface Staff {
  personId: string;
  clinicId: string;
  roles: StaffRole[];
  requestId: string;
}

const view = (r: { id: string; number: string; appointment_id: string; amount_ore: number; kid: string; bank_account: string; due_on: string; status: 'open' | 'paid'; letter_thread_id: string | null }): InvoiceView => ({
  id: r.id,
  number: String(r.number),
  appointmentId: r.appointment_id,
  amountOre: r.amount_ore,
  kid: r.kid,
  bankAccount: r.bank_account,
  dueOn: r.due_on,
  status: r.status,
  letterThreadId: r.letter_thread_id,
});

/** "1234.56.78903", as Norwegian account numbers are written. */

/** Issues the visit's invoice (a second time: the same invoice); an exempt visit has nothing to invoice. */
export async function issueInvoice(deps: { db: Db; notifications: NotificationService }, staff: Staff, appointmentId: string, now = new Date()): Promise<Issued> {
  return retryingTransaction(deps.db, async (tx) => {
    const a = await tx
      .selectFrom('appointments as a')
      .innerJoin('clinics as c', 'c.id', 'a.clinic_id')
      .select(['a.id', 'a.patient_id', 'a.status', 'a.visit_type', 'a.starts_at', 'a.care_category', 'c.id as clinic_id', 'c.name', 'c.org_number', 'c.kind', 'c.time_zone', 'c.bank_account'])
      .where('a.id', '=', appointmentId)
      .where('a.clinic_id', '=', staff.clinicId)
      .executeTakeFirst();
    if (!a) throw NotFound();
    if (a.kind !== 'hospital_outpatient') throw Conflict('problem.invoice-hospital-only');
    if (a.status === 'cancelled') throw new DomainError('conflict', 'problem.appointment-not-active');
    const price = await priceOfAppointment(tx, a);
    const existing = await tx.selectFrom('invoices').selectAll().where('appointment_id', '=', a.id).executeTakeFirst();
    if (existing) return { invoice: view(existing), price };
    if (price.amountOre === 0) {
      await recordExemption(tx, { purpose: 'appointment', purposeId: a.id, clinicId: a.clinic_id, price });
      return { invoice: null, price };
    }
    if (!a.bank_account) throw Conflict('problem.invoice-no-account');
    const { number } = (await sql<{ number: string }>`SELECT nextval('invoice_numbers')::text AS number`.execute(tx)).rows[0]!;
    const dueOn = DateTime.fromJSDate(now, { zone: a.time_zone }).plus({ days: DUE_DAYS }).toISODate()!;
    const row = await tx
      .insertInto('invoices')
      .values({ number, clinic_id: a.clinic_id, patient_id: a.patient_id, appointment_id: a.id, amount_ore: price.amountOre, kid: withCheckDigit(number.padStart(9, '0'), 'mod10')!, bank_account: a.bank_account, due_on: dueOn, issued_by: staff.personId })
      .returningAll()
      .executeTakeFirstOrThrow();
    const visitDate = DateTime.fromJSDate(a.starts_at, { zone: a.time_zone }).toFormat('dd.MM.yyyy');
    const due = DateTime.fromISO(dueOn).toFormat('dd.MM.yyyy');
    const body = [
      `Faktura nr. ${number} fra ${a.name} (org.nr. ${a.org_number}) for poliklinisk time ${visitDate}.`,
      `Beløp: ${kroner(price.amountOre)} kr (egenandel).`,
      `Betales til konto ${accountText(a.bank_account)} innen ${due}, med KID ${row.kid}.`,
      'Egenandelen teller mot egenandelstaket når fakturaen er betalt. Helsetjenester er unntatt fra merverdiavgift.',
    ].join('\n');
    const threadId = await writeLetter(deps, tx, staff, { patientId: a.patient_id, subject: `Faktura nr. ${number}`, body }, now);
    const withLetter = await tx.updateTable('invoices').set({ letter_thread_id: threadId }).where('id', '=', row.id).returningAll().executeTakeFirstOrThrow();
    return { invoice: view(withLetter), price };
  });
}

export type MatchResult = 'paid' | 'already-paid' | 'short' | 'unknown';

/** A bank's reported payments (by KID) matched to the clinic's invoices; each invoice is marked paid once. */
export async function matchPayments(db: Db, clinicId: string, payments: Array<{ kid: string; amountOre: number; paidOn: string }>): Promise<Array<{ kid: string; result: MatchResult }>> {
  const out: Array<{ kid: string; result: MatchResult }> = [];
  for (const p of payments) {
    const result = await retryingTransaction(db, async (tx): Promise<MatchResult> => {
      const paid = await tx
        .updateTable('invoices')
        .set({ status: 'paid', paid_at: new Date(`${p.paidOn}T12:00:00Z`), paid_amount_ore: p.amountOre })
        .where('kid', '=', p.kid)
        .where('clinic_id', '=', clinicId)
        .where('status', '=', 'open')
        .where('amount_ore', '<=', p.amountOre)
        .returningAll()
        .executeTakeFirst();
      if (paid) {
        const c = await tx.selectFrom('clinics').select(['kind', 'time_zone']).where('id', '=', clinicId).executeTakeFirstOrThrow();
        await recordPaidCopayment(tx, { personId: paid.patient_id, clinicId, clinicKind: c.kind, visitType: 'clinic', purpose: INVOICE_PURPOSE, purposeId: paid.id, amountOre: paid.amount_ore, paidAt: paid.paid_at!, timeZone: c.time_zone });
        await sendReceiptLetter(tx, { method: 'invoice', invoiceId: paid.id });
        return 'paid';
      }
      const known = await tx.selectFrom('invoices').select(['status']).where('kid', '=', p.kid).where('clinic_id', '=', clinicId).executeTakeFirst();
      return !known ? 'unknown' : known.status === 'paid' ? 'already-paid' : 'short';
    });
    out.push({ kid: p.kid, result });
  }
  return out;
}
