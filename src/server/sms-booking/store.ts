// SQL for SMS booking: clinics by keyword, senders by birth date and phone, inbound SMS once, booking requests.
import { sql, type Insertable } from 'kysely';
import type { Db, Tx } from '../platform/db/database.ts';
import type { BookingRequestTable, InboundSmsTable } from '../platform/db/schema.ts';

export async function clinicByKeyword(db: Db | Tx, keyword: string) {
  return db
    .selectFrom('clinics')
    .select(['id', 'name', 'phone', 'country', 'time_zone'])
    .where(sql<string>`upper(sms_keyword)`, '=', keyword.toUpperCase())
    .executeTakeFirst();
}

export async function clinic(db: Db | Tx, id: string) {
  return db.selectFrom('clinics').select(['id', 'name', 'phone', 'country', 'time_zone']).where('id', '=', id).executeTakeFirstOrThrow();
}

export type SmsClinic = Awaited<ReturnType<typeof clinic>>;

export async function personsByBirthDateAndPhone(db: Db | Tx, birthDate: string, phone: string) {
  return db.selectFrom('persons').select(['id', 'name', 'preferred_language']).where('birth_date', '=', birthDate).where('phone', '=', phone).execute();
}

export async function personContact(db: Db | Tx, id: string) {
  return db.selectFrom('persons').select(['id', 'phone', 'preferred_language']).where('id', '=', id).executeTakeFirst();
}

/** How many SMS this number sent since `since`: a flood gets no more replies. */
export async function inboundCountSince(db: Db | Tx, fromPhone: string, since: Date): Promise<number> {
  const row = await db
    .selectFrom('inbound_sms')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('from_phone', '=', fromPhone)
    .where('received_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Records an inbound SMS; undefined when the schema says it is a repeat (same provider id, or same text inside the window). */
export async function insertInbound(tx: Tx, row: Insertable<InboundSmsTable>): Promise<string | undefined> {
  const inserted = await tx.insertInto('inbound_sms').values(row).onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
  return inserted?.id;
}

export async function insertRequest(tx: Tx, row: Insertable<BookingRequestTable>): Promise<string> {
  const inserted = await tx.insertInto('booking_requests').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

/** The clinic's open requests, oldest first, with the patient and (for "not video") the appointment. */
export async function openRequests(db: Db, clinicId: string) {
  return db
    .selectFrom('booking_requests as r')
    .innerJoin('clinics as c', 'c.id', 'r.clinic_id')
    .leftJoin('persons as p', 'p.id', 'r.patient_id')
    .leftJoin('appointments as a', 'a.id', 'r.appointment_id')
    .leftJoin('practitioners as pr', 'pr.id', 'a.practitioner_id')
    .leftJoin('persons as pp', 'pp.id', 'pr.person_id')
    .select([
      'r.id',
      'r.kind',
      'r.status',
      'r.message',
      'r.from_phone',
      'r.created_at',
      'r.patient_id',
      'p.name as patient_name',
      'p.national_id',
      'c.time_zone',
      'a.id as appointment_id',
      'a.starts_at',
      'a.visit_type',
      'a.status as appointment_status',
      'pp.name as practitioner_name',
    ])
    .where('r.clinic_id', '=', clinicId)
    .where('r.status', '=', 'open')
    .orderBy('r.created_at')
    .orderBy('r.id')
    .limit(500)
    .execute();
}

export type OpenRequestRow = Awaited<ReturnType<typeof openRequests>>[number];

/** Takes the request's row lock for the rest of the transaction: a second handler waits, then sees it handled. */
export async function lockRequest(tx: Tx, id: string, clinicId: string) {
  return tx.selectFrom('booking_requests').selectAll().where('id', '=', id).where('clinic_id', '=', clinicId).forUpdate().executeTakeFirst();
}

export async function markHandled(
  tx: Tx,
  id: string,
  handled: { status: 'booked' | 'converted' | 'rejected'; handledBy: string; appointmentId?: string; note?: string | null },
): Promise<void> {
  await tx
    .updateTable('booking_requests')
    .set({
      status: handled.status,
      handled_by: handled.handledBy,
      handled_at: sql<Date>`now()`,
      ...(handled.appointmentId ? { appointment_id: handled.appointmentId } : {}),
      ...(handled.note !== undefined ? { handled_note: handled.note } : {}),
    })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .execute();
}

