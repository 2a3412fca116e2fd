// SQL for health contacts: the active assignments of a patient at a clinic, the clinic's clinicians, assigning and
// ending. Returns plain rows; the constraints (clinician at the clinic, one active per role) are the database's.
import type { Db, Tx } from '../platform/db/database.ts';
import type { HealthContactRole } from './domain.ts';
import { cliniciansOf } from '../identity/people.ts';

type Conn = Db | Tx;

/** The patient's active assignments at the clinic, with the clinician's name and profession and who assigned them. */
export async function activeAt(db: Conn, patientId: string, clinicId: string) {
  return db
    .selectFrom('health_contacts as h')
    .innerJoin('practitioners as pr', 'pr.id', 'h.practitioner_id')
    .innerJoin('persons as p', 'p.id', 'pr.person_id')
    .innerJoin('persons as by', 'by.id', 'h.assigned_by')
    .select(['h.id', 'h.role', 'h.assigned_at', 'pr.id as practitioner_id', 'p.name', 'pr.profession', 'by.name as assigned_by_name'])
    .where('h.patient_id', '=', patientId)
    .where('h.clinic_id', '=', clinicId)
    .where('h.ended_at', 'is', null)
    .orderBy('h.assigned_at')
    .execute();
}

/** The clinicians of the clinic, whom a contact may be. */
export const cliniciansAt = cliniciansOf;

export interface NewAssignment {
  patientId: string;
  clinicId: string;
  practitionerId: string;
  role: HealthContactRole;
  assignedBy: string;
}

/**
 * Inserts the assignment with the practitioner's person taken from practitioners in the same statement; undefined when
 * there is no such practitioner. A practitioner who is no clinician at the clinic, or a second active assignment in the
 * same role, is refused by the database (foreign key, unique index) and raised as its error.
 */
export async function insertAssignment(db: Conn, a: NewAssignment): Promise<{ id: string } | undefined> {
  return db
    .insertInto('health_contacts')
    .columns(['patient_id', 'clinic_id', 'practitioner_id', 'practitioner_person_id', 'role', 'assigned_by'])
    .expression((eb) =>
      eb
        .selectFrom('practitioners')
        .select([
          eb.cast<string>(eb.val(a.patientId), 'uuid').as('patient_id'),
          eb.cast<string>(eb.val(a.clinicId), 'uuid').as('clinic_id'),
          'id',
          'person_id',
          eb.cast<HealthContactRole>(eb.val(a.role), 'text').as('role'),
          eb.cast<string>(eb.val(a.assignedBy), 'uuid').as('assigned_by'),
        ])
        .where('id', '=', a.practitionerId),
    )
    .returning('id')
    .executeTakeFirst();
}

/** Ends an active assignment of the clinic; undefined when there is none to end (another clinic's, or already ended). */
export async function endAssignment(db: Conn, id: string, clinicId: string, endedBy: string) {
  return db
    .updateTable('health_contacts')
    .set((eb) => ({ ended_at: eb.fn('now'), ended_by: endedBy }))
    .where('id', '=', id)
    .where('clinic_id', '=', clinicId)
    .where('ended_at', 'is', null)
    .returning(['id', 'patient_id'])
    .executeTakeFirst();
}

/** An assignment of the clinic, active or ended: to tell "already ended" from "not found" after an end found nothing. */
export async function assignmentAt(db: Conn, id: string, clinicId: string) {
  return db.selectFrom('health_contacts').select(['id', 'patient_id', 'ended_at']).where('id', '=', id).where('clinic_id', '=', clinicId).executeTakeFirst();
}
