// Receipts (kvitteringer): every payment a person made — a card payment they paid (for themselves or a child), a
// co-payment paid at the desk and an invoice paid, for them or a child — listed, each as a PDF with the clinic, its
// org number, the date, the service, the amount, how it was paid, and that health services carry no VAT; and each as
// a letter in the patient's inbox, written in the transaction that records the payment, once.
import { sql, type RawBuilder } from 'kysely';
import type { Db, Tx } from '../platform/db/database.ts';
import { NotFound } from '../platform/http/errors.ts';
import { letterPdf } from '../messages/letter-pdf.ts';
import { insertSystemLetter } from '../messages/store.ts';
import { kroner } from './clinic-settlement.ts';

export type ReceiptMethod = 'card' | 'desk' | 'invoice';

export interface Receipt {
  id: string;
  paidAt: string;
  clinicName: string;
  orgNumber: string;
  patientName: string | null;
  service: 'econsult' | 'gp-consultation' | 'outpatient' | 'prescription-renewal' | 'visit';
  amountOre: number;
  /** Given back of it (card payments). */
  refundedOre: number;
  /** A public co-payment (counts towards the ceiling) or a private clinic's price. */
  copayment: boolean;
  method: ReceiptMethod;
}

interface Row {
  id: string;
  paid_at: Date;
  clinic_id: string;
  clinic_name: string;
  org_number: string;
  patient_id: string | null;
  patient_name: string | null;
  patient_language: string | null;
  service: string;
  amount_ore: number;
  refunded_ore: number;
  copayment: boolean;
  method: ReceiptMethod;
}

/**
 * One payment, named by what recorded it: a card payment by its payment id, a desk co-payment by its appointment,
 * an invoice by its id.
 */
export type ReceiptRef = { method: 'card'; paymentId: string } | { method: 'desk'; appointmentId: string } | { method: 'invoice'; invoiceId: string };

/** Card payments `payerId` made, and desk co-payments and paid invoices of `patientIds` (the person and the children they act for); or one payment. */
type Which = { payerId: string; patientIds: string[] } | ReceiptRef;

function receiptRows(which: Which) {
  const none = sql<boolean>`false`;
  let card: RawBuilder<boolean>, desk: RawBuilder<boolean>, invoice: RawBuilder<boolean>;
  if ('payerId' in which) {
    card = sql`p.person_id = ${which.payerId}`;
    desk = sql`cp.person_id = ANY(${which.patientIds}::uuid[])`;
    invoice = sql`i.patient_id = ANY(${which.patientIds}::uuid[])`;
  } else {
    card = which.method === 'card' ? sql`p.id = ${which.paymentId}` : none;
    desk = which.method === 'desk' ? sql`cp.purpose_id = ${which.appointmentId}` : none;
    invoice = which.method === 'invoice' ? sql`i.id = ${which.invoiceId}` : none;
  }
  return sql<Row>`
    SELECT p.id, p.captured_at AS paid_at, cl.id AS clinic_id, cl.name AS clinic_name, cl.org_number, pat.id AS patient_id,
           pat.name AS patient_name, pat.preferred_language AS patient_language,
           CASE WHEN p.purpose = 'econsult' THEN 'econsult' ELSE 'visit' END AS service, p.amount_ore, p.refunded_ore,
           cl.kind <> 'private' AS copayment, 'card' AS method
      FROM payments p
      JOIN clinics cl ON cl.id = p.clinic_id
      LEFT JOIN econsult_cases c ON p.purpose = 'econsult' AND c.id = p.purpose_id
      LEFT JOIN appointments a ON p.purpose = 'appointment' AND a.id = p.purpose_id
      LEFT JOIN persons pat ON pat.id = coalesce(c.patient_id, a.patient_id)
     WHERE p.status = 'captured' AND ${card}
    UNION ALL
    SELECT cp.id, cp.paid_at, cl.id, cl.name, cl.org_number, pat.id, pat.name, pat.preferred_language, cp.service, cp.amount_ore, cp.refunded_ore, true, 'desk'
      FROM copayments cp
      JOIN clinics cl ON cl.id = cp.clinic_id
      JOIN persons pat ON pat.id = cp.person_id
     WHERE cp.purpose = 'appointment' AND ${desk}
    UNION ALL
    SELECT i.id, i.paid_at, cl.id, cl.name, cl.org_number, pat.id, pat.name, pat.preferred_language, 'outpatient', i.paid_amount_ore, 0, cl.kind <> 'private', 'invoice'
      FROM invoices i
      JOIN clinics cl ON cl.id = i.clinic_id
      JOIN persons pat ON pat.id = i.patient_id
     WHERE i.status = 'paid' AND ${invoice}`;
}

const view = (r: Row): Receipt => ({
  id: r.id,
  paidAt: r.paid_at.toISOString(),
  clinicName: r.clinic_name,
  orgNumber: r.org_number,
  patientName: r.patient_name,
  service: r.service as Receipt['service'],
  amountOre: r.amount_ore,
  refundedOre: r.refunded_ore,
  copayment: r.copayment,
  method: r.method,
});

export async function receiptsOf(db: Db, payerId: string, patientIds: string[]): Promise<Receipt[]> {
  const rows = (await sql<Row>`SELECT * FROM (${receiptRows({ payerId, patientIds })}) r ORDER BY paid_at DESC`.execute(db)).rows;
  return rows.map(view);
}

export async function receipt(db: Db, payerId: string, patientIds: string[], id: string): Promise<Receipt> {
  const row = (await sql<Row>`SELECT * FROM (${receiptRows({ payerId, patientIds })}) r WHERE id = ${id}`.execute(db)).rows[0];
  if (!row) throw NotFound();
  return view(row);
}

/**
 * The payment's receipt as a letter in the patient's inbox, in the patient's language, written in the transaction
 * that records the payment; a second call for the same payment writes nothing. No notice: the payer was there.
 */
export async function sendReceiptLetter(tx: Tx, ref: ReceiptRef, now = new Date()): Promise<string | undefined> {
  const row = (await sql<Row>`SELECT * FROM (${receiptRows(ref)}) r`.execute(tx)).rows[0];
  if (!row?.patient_id) return undefined;
  const r = view(row);
  const language = asLanguage(row.patient_language);
  const id = ref.method === 'card' ? ref.paymentId : ref.method === 'desk' ? ref.appointmentId : ref.invoiceId;
  return insertSystemLetter(tx, { clinicId: row.clinic_id, patientId: row.patient_id, subject: WORDS[language].title!, body: receiptText(r, language), origin: `receipt-${ref.method}:${id}`, at: now });
}

type Language = 'nb' | 'nn' | 'sv' | 'en';
const asLanguage = (language: string | null): Language => (language && language in WORDS ? (language as Language) : 'nb');
const WORDS: Record<Language, Record<string, string>> = {
  nb: { refunded: 'Refundert', title: 'Kvittering', clinic: 'Legekontor', org: 'org.nr.', date: 'Dato', patient: 'Pasient', service: 'Tjeneste', amount: 'Beløp', kind: 'Type', copayment: 'Egenandel (teller mot egenandelstaket)', private: 'Pris hos privat legekontor', method: 'Betalt', card: 'med kort', desk: 'på legekontoret', invoice: 'med faktura', vat: 'Helsetjenester er unntatt fra merverdiavgift (merverdiavgiftsloven § 3-2).', econsult: 'E-konsultasjon', 'gp-consultation': 'Konsultasjon hos lege', outpatient: 'Poliklinisk konsultasjon', 'prescription-renewal': 'Reseptfornyelse', visit: 'Time hos lege' },
  nn: { refunded: 'Refundert', title: 'Kvittering', clinic: 'Legekontor', org: 'org.nr.', date: 'Dato', patient: 'Pasient', service: 'Teneste', amount: 'Beløp', kind: 'Type', copayment: 'Eigendel (tel mot eigendelstaket)', private: 'Pris hos privat legekontor', method: 'Betalt', card: 'med kort', desk: 'på legekontoret', invoice: 'med faktura', vat: 'Helsetenester er unnatekne frå meirverdiavgift (meirverdiavgiftslova § 3-2).', econsult: 'E-konsultasjon', 'gp-consultation': 'Konsultasjon hos lege', outpatient: 'Poliklinisk konsultasjon', 'prescription-renewal': 'Reseptfornying', visit: 'Time hos lege' },
  sv: { refunded: 'Återbetalt', title: 'Kvitto', clinic: 'Mottagning', org: 'org.nr', date: 'Datum', patient: 'Patient', service: 'Tjänst', amount: 'Belopp', kind: 'Typ', copayment: 'Patientavgift (räknas mot egenandelstaket)', private: 'Pris hos privat mottagning', method: 'Betalt', card: 'med kort', desk: 'på mottagningen', invoice: 'mot faktura', vat: 'Hälso- och sjukvård är undantagen från mervärdesskatt.', econsult: 'E-konsultation', 'gp-consultation': 'Läkarbesök', outpatient: 'Polikliniskt besök', 'prescription-renewal': 'Receptförnyelse', visit: 'Läkarbesök' },
  en: { refunded: 'Refunded', title: 'Receipt', clinic: 'Clinic', org: 'org. no.', date: 'Date', patient: 'Patient', service: 'Service', amount: 'Amount', kind: 'Kind', copayment: 'Co-payment (counts towards the yearly ceiling)', private: 'Private clinic price', method: 'Paid', card: 'by card', desk: 'at the clinic', invoice: 'by invoice', vat: 'Health services are exempt from VAT.', econsult: 'E-consultation', 'gp-consultation': 'Consultation with a doctor', outpatient: 'Outpatient consultation', 'prescription-renewal': 'Prescription renewal', visit: 'Appointment with a doctor' },
};

const dateOf = (r: Receipt) => new Intl.DateTimeFormat('nb-NO', { timeZone: 'Europe/Oslo', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(r.paidAt));

/** What a receipt says, in one of the four languages, dated in Oslo time. */
function receiptText(r: Receipt, language: Language): string {
  const w = WORDS[language];
  const date = dateOf(r);
  return [
    `${w.clinic}: ${r.clinicName}, ${w.org} ${r.orgNumber}`,
    `${w.date}: ${date}`,
    ...(r.patientName ? [`${w.patient}: ${r.patientName}`] : []),
    `${w.service}: ${w[r.service]}`,
    `${w.amount}: ${kroner(r.amountOre)} kr`,
    ...(r.refundedOre > 0 ? [`${w.refunded}: ${kroner(r.refundedOre)} kr`] : []),
    `${w.kind}: ${r.copayment ? w.copayment : w.private}`,
    `${w.method}: ${w[r.method]}`,
    '',
    w.vat!,
  ].join('\n');
}

/** The receipt as a PDF in the reader's language. */
export async function receiptPdf(r: Receipt, language: string): Promise<Uint8Array> {
  const l = asLanguage(language);
  return letterPdf({ clinicName: r.clinicName, patientName: r.patientName, date: dateOf(r), subject: WORDS[l].title!, body: receiptText(r, l) });
}
