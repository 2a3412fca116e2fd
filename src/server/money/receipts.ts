// Receipts (kvitteringer): every payment a person made — a card payment they paid (for themselves or a child) and a
// co-payment paid at the desk for them or a child — listed, and each as a PDF with the clinic, its org number, the
// date, the service, the amount, how it was paid, and that health services carry no VAT.
import { sql } from 'kysely';
import type { Db } from '../platform/db/database.ts';
import { NotFound } from '../platform/http/errors.ts';
import { letterPdf } from '../messages/letter-pdf.ts';
import { kroner } from './clinic-settlement.ts';

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
  method: 'card' | 'desk';
}

interface Row {
  id: string;
  paid_at: Date;
  clinic_name: string;
  org_number: string;
  patient_name: string | null;
  service: string;
  amount_ore: number;
  refunded_ore: number;
  copayment: boolean;
  method: 'card' | 'desk';
}

/** Card payments `payerId` made, and desk co-payments of `patientIds` (the person and the children they act for). */
function receiptRows(db: Db, payerId: string, patientIds: string[]) {
  return sql<Row>`
    SELECT p.id, p.captured_at AS paid_at, cl.name AS clinic_name, cl.org_number, pat.name AS patient_name,
           CASE WHEN p.purpose = 'econsult' THEN 'econsult' ELSE 'visit' END AS service, p.amount_ore, p.refunded_ore,
           cl.kind <> 'private' AS copayment, 'card' AS method
      FROM payments p
      JOIN clinics cl ON cl.id = p.clinic_id
      LEFT JOIN econsult_cases c ON p.purpose = 'econsult' AND c.id = p.purpose_id
      LEFT JOIN persons pat ON pat.id = c.patient_id
     WHERE p.person_id = ${payerId} AND p.status = 'captured'
    UNION ALL
    SELECT cp.id, cp.paid_at, cl.name, cl.org_number, pat.name, cp.service, cp.amount_ore, cp.refunded_ore, true, 'desk'
      FROM copayments cp
      JOIN clinics cl ON cl.id = cp.clinic_id
      JOIN persons pat ON pat.id = cp.person_id
     WHERE cp.purpose = 'appointment' AND cp.person_id = ANY(${patientIds}::uuid[])`;
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
  const rows = (await sql<Row>`SELECT * FROM (${receiptRows(db, payerId, patientIds)}) r ORDER BY paid_at DESC`.execute(db)).rows;
  return rows.map(view);
}

export async function receipt(db: Db, payerId: string, patientIds: string[], id: string): Promise<Receipt> {
  const row = (await sql<Row>`SELECT * FROM (${receiptRows(db, payerId, patientIds)}) r WHERE id = ${id}`.execute(db)).rows[0];
  if (!row) throw NotFound();
  return view(row);
}

type Language = 'nb' | 'nn' | 'sv' | 'en';
const WORDS: Record<Language, Record<string, string>> = {
  nb: { refunded: 'Refundert', title: 'Kvittering', clinic: 'Legekontor', org: 'org.nr.', date: 'Dato', patient: 'Pasient', service: 'Tjeneste', amount: 'Beløp', kind: 'Type', copayment: 'Egenandel (teller mot egenandelstaket)', private: 'Pris hos privat legekontor', method: 'Betalt', card: 'med kort', desk: 'på legekontoret', vat: 'Helsetjenester er unntatt fra merverdiavgift (merverdiavgiftsloven § 3-2).', econsult: 'E-konsultasjon', 'gp-consultation': 'Konsultasjon hos lege', outpatient: 'Poliklinisk konsultasjon', 'prescription-renewal': 'Reseptfornyelse', visit: 'Time hos lege' },
  nn: { refunded: 'Refundert', title: 'Kvittering', clinic: 'Legekontor', org: 'org.nr.', date: 'Dato', patient: 'Pasient', service: 'Teneste', amount: 'Beløp', kind: 'Type', copayment: 'Eigendel (tel mot eigendelstaket)', private: 'Pris hos privat legekontor', method: 'Betalt', card: 'med kort', desk: 'på legekontoret', vat: 'Helsetenester er unnatekne frå meirverdiavgift (meirverdiavgiftslova § 3-2).', econsult: 'E-konsultasjon', 'gp-consultation': 'Konsultasjon hos lege', outpatient: 'Poliklinisk konsultasjon', 'prescription-renewal': 'Reseptfornying', visit: 'Time hos lege' },
  sv: { refunded: 'Återbetalt', title: 'Kvitto', clinic: 'Mottagning', org: 'org.nr', date: 'Datum', patient: 'Patient', service: 'Tjänst', amount: 'Belopp', kind: 'Typ', copayment: 'Patientavgift (räknas mot egenandelstaket)', private: 'Pris hos privat mottagning', method: 'Betalt', card: 'med kort', desk: 'på mottagningen', vat: 'Hälso- och sjukvård är undantagen från mervärdesskatt.', econsult: 'E-konsultation', 'gp-consultation': 'Läkarbesök', outpatient: 'Polikliniskt besök', 'prescription-renewal': 'Receptförnyelse', visit: 'Läkarbesök' },
  en: { refunded: 'Refunded', title: 'Receipt', clinic: 'Clinic', org: 'org. no.', date: 'Date', patient: 'Patient', service: 'Service', amount: 'Amount', kind: 'Kind', copayment: 'Co-payment (counts towards the yearly ceiling)', private: 'Private clinic price', method: 'Paid', card: 'by card', desk: 'at the clinic', vat: 'Health services are exempt from VAT.', econsult: 'E-consultation', 'gp-consultation': 'Consultation with a doctor', outpatient: 'Outpatient consultation', 'prescription-renewal': 'Prescription renewal', visit: 'Appointment with a doctor' },
};

/** The receipt as a PDF in the reader's language, dated in Oslo time. */
export async function receiptPdf(r: Receipt, language: string): Promise<Uint8Array> {
  const w = WORDS[(language in WORDS ? language : 'nb') as Language];
  const date = new Intl.DateTimeFormat('nb-NO', { timeZone: 'Europe/Oslo', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(r.paidAt));
  const body = [
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
  return letterPdf({ clinicName: r.clinicName, patientName: r.patientName, date, subject: w.title!, body });
}
