// The kind of care a visit is, set or corrected by the clinic (reception, the clinician, the clinic admin): a
// pregnancy check-up is free, and so is mental-health care under 18 (DOMAIN.md). Only until the visit is paid, one
// way or another: the payment hooks and the desk lock the same appointment row, so a price cannot change under them.
import { retryingTransaction, type Db } from '../platform/db/database.ts';
import type { CareCategory } from '../platform/db/schema.ts';
import { recordAccess } from '../platform/audit.ts';
import { DomainError, NotFound } from '../platform/http/errors.ts';
import { paidByCard } from './appointment-payments.ts';
import { priceOfAppointment, type PriceView } from './service.ts';

export interface Staff {
  personId: string;
  clinicId: string;
  requestId: string;
}

export async function setCareCategory(db: Db, staff: Staff, appointmentId: string, careCategory: CareCategory | null): Promise<{ appointmentId: string; careCategory: CareCategory | null; price: PriceView }> {
  return retryingTransaction(db, async (tx) => {
    const a = await tx
      .selectFrom('appointments')
      .select(['id', 'clinic_id', 'patient_id', 'status', 'visit_type', 'starts_at', 'care_category'])
      .where('id', '=', appointmentId)
      .where('clinic_id', '=', staff.clinicId)
      .forUpdate()
      .executeTakeFirst();
    if (!a) throw NotFound();
    if (a.status === 'cancelled') throw new DomainError('conflict', 'problem.appointment-not-active');
    const paid =
      (await paidByCard(tx, a.id)) ||
      (await tx.selectFrom('copayments').select('id').where('purpose_id', '=', a.id).where('purpose', 'in', ['appointment', 'appointment-card']).executeTakeFirst()) ||
      (await tx.selectFrom('invoices').select('id').where('appointment_id', '=', a.id).executeTakeFirst());
    if (paid && careCategory !== a.care_category) throw new DomainError('conflict', 'problem.care-category-paid');
    await tx.updateTable('appointments').set({ care_category: careCategory }).where('id', '=', a.id).execute();
    // An exemption the desk applied under the old kind no longer holds: the desk settles the visit again.
    if (careCategory !== a.care_category) await tx.deleteFrom('exemptions_applied').where('purpose', '=', 'appointment').where('purpose_id', '=', a.id).execute();
    await recordAccess(tx, { actorPersonId: staff.personId, actorKind: 'staff', subjectPersonId: a.patient_id, clinicId: a.clinic_id, action: 'appointment.care-category', reason: careCategory ?? 'ordinary', requestId: staff.requestId });
    return { appointmentId: a.id, careCategory, price: await priceOfAppointment(tx, { ...a, care_category: careCategory }) };
  });
}
