// Insurance cover: at a private clinic that accepts it, the patient (or a parent) gives an insurer and policy number for
// a booked visit, which is then billed to the insurer, not the card; the clinic admin lists the claims to send. The
// appointment row is locked as for a card payment, so a visit paid by card is not also billed to an insurer.
import { sql } from 'kysely';
import { DateTime } from 'luxon';
import type { Db } from '../platform/db/database.ts';
import { retryingTransaction } from '../platform/db/database.ts';
import { DomainError, NotFound } from '../platform/http/errors.ts';
import { patientsActorMayActFor } from '../identity/service.ts';
import { paidByCard } from './appointment-payments.ts';
import { priceOfAppointment } from './service.ts';

export interface Insurance {
  appointmentId: string;
  insurer: string;
  policyNumber: string;
}

export interface InsuranceClaim extends Insurance {
  startsAt: string;
  /** The visit's day in the clinic's zone. */
  date: string;
  patientName: string | null;
  visitType: string;
  /** The clinic's price for the visit: what the insurer is billed. */
  amountOre: number;
}

/** Gives (or changes) the insurer of a booked, upcoming visit the person may act for; it is billed there. */
export async function giveInsurance(db: Db, personId: string, appointmentId: string, input: { insurer: string; policyNumber: string }, now = new Date()): Promise<Insurance> {
  const visible = await patientsActorMayActFor(db, personId);
  const insurer = input.insurer.trim().replace(/\s+/g, ' ');
  const policyNumber = input.policyNumber.trim();
  return retryingTransaction(db, async (tx) => {
    const a = await tx
      .selectFrom('appointments as a')
      .innerJoin('clinics as c', 'c.id', 'a.clinic_id')
      .select(['a.id', 'a.patient_id', 'a.status', 'a.starts_at', 'c.kind', 'c.accepts_insurance'])
      .where('a.id', '=', appointmentId)
      .forUpdate('a')
      .executeTakeFirst();
    if (!a || !visible.includes(a.patient_id)) throw NotFound();
    if (a.status !== 'booked' || a.starts_at <= now) throw new DomainError('conflict', 'problem.appointment-not-active');
    if (a.kind !== 'private' || !a.accepts_insurance) throw new DomainError('conflict', 'problem.insurance-not-accepted');
    if (await paidByCard(tx, a.id)) throw new DomainError('conflict', 'problem.paid-by-card');
    await tx
      .insertInto('appointment_insurance')
      .values({ appointment_id: a.id, insurer, policy_number: policyNumber, given_by: personId })
      .onConflict((oc) => oc.column('appointment_id').doUpdateSet({ insurer, policy_number: policyNumber, given_by: personId, created_at: sql`now()` }))
      .execute();
    return { appointmentId: a.id, insurer, policyNumber };
  });
}

/** The insurers given for these patients' appointments. */
export async function insuranceOf(db: Db, patientIds: string[]): Promise<Insurance[]> {
  if (patientIds.length === 0) return [];
  const rows = await db
    .selectFrom('appointment_insurance as i')
    .innerJoin('appointments as a', 'a.id', 'i.appointment_id')
    .select(['i.appointment_id', 'i.insurer', 'i.policy_number'])
    .where('a.patient_id', 'in', patientIds)
    .execute();
  return rows.map((r) => ({ appointmentId: r.appointment_id, insurer: r.insurer, policyNumber: r.policy_number }));
}

/** The clinic's visits billed to insurers that took place (not cancelled) between two of its local days. */
export async function insuranceClaims(db: Db, clinicId: string, from: string, to: string): Promise<InsuranceClaim[]> {
  const clinic = await db.selectFrom('clinics').select(['time_zone']).where('id', '=', clinicId).executeTakeFirstOrThrow();
  const start = DateTime.fromISO(from, { zone: clinic.time_zone }).startOf('day').toJSDate();
  const end = DateTime.fromISO(to, { zone: clinic.time_zone }).plus({ days: 1 }).startOf('day').toJSDate();
  const rows = await db
    .selectFrom('appointment_insurance as i')
    .innerJoin('appointments as a', 'a.id', 'i.appointment_id')
    .innerJoin('persons as p', 'p.id', 'a.patient_id')
    .select(['i.appointment_id', 'i.insurer', 'i.policy_number', 'a.starts_at', 'a.visit_type', 'a.patient_id', 'a.clinic_id', 'a.care_category', 'p.name'])
    .where('a.clinic_id', '=', clinicId)
    .where('a.status', '<>', 'cancelled')
    .where('a.starts_at', '>=', start)
    .where('a.starts_at', '<', end)
    .orderBy('a.starts_at')
    .execute();
  const claims: InsuranceClaim[] = [];
  for (const r of rows) {
    // The clinic's own price for the visit, as the insurer is billed it (not the patient's zero).
    const price = await priceOfAppointment(db, r);
    claims.push({ appointmentId: r.appointment_id, insurer: r.insurer, policyNumber: r.policy_number, startsAt: r.starts_at.toISOString(), date: DateTime.fromJSDate(r.starts_at, { zone: clinic.time_zone }).toISODate()!, patientName: r.name, visitType: r.visit_type, amountOre: price.listPriceOre });
  }
  return claims;
}
