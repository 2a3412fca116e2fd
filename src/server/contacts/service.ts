// Health contacts, one function per use case: the staff's view of a patient's contacts at their clinic, assigning a
// clinician, ending an assignment (audited for the patient), and the contacts a patient sees at a clinic.
import type { Db } from '../platform/db/database.ts';
import type { StaffRole } from '../platform/db/schema.ts';
import { recordAccess } from '../platform/audit.ts';
import { Conflict, Invalid, NotFound } from '../platform/http/errors.ts';
import { gpOf } from '../identity/people.ts';
import type { PatientHealthContact, StaffHealthContacts } from './api.ts';
import { byContactOrder, mayAssignHealthContacts, type HealthContactRole } from './domain.ts';
import * as store from './store.ts';

/** A staff member at their session's clinic. */
export interface StaffActor {
  personId: string;
  clinicId: string;
  roles: StaffRole[];
  requestId: string;
}

/** The patient's active contacts at the actor's clinic, the clinic's clinicians to choose from, and whether the actor may. */
export async function staffHealthContacts(db: Db, actor: StaffActor, patientId: string): Promise<StaffHealthContacts> {
  const [rows, clinicians] = await Promise.all([store.activeAt(db, patientId, actor.clinicId), store.cliniciansAt(db, actor.clinicId)]);
  return {
    contacts: rows
      .map((r) => ({
        id: r.id,
        practitionerId: r.practitioner_id,
        name: r.name,
        profession: r.profession,
        role: r.role,
        assignedAt: new Date(r.assigned_at).toISOString(),
        assignedBy: r.assigned_by_name,
      }))
      .sort(byContactOrder),
    clinicians: clinicians.map((c) => ({ practitionerId: c.practitioner_id, name: c.name, profession: c.profession })),
    mayAssign: mayAssignHealthContacts(actor.roles),
  };
}

/** The database's refusals in the user's words: a second active assignment, or someone who is no clinician here. */
function refusal(err: unknown): never {
  const e = err as { code?: string; constraint?: string };
  if (e.code === '23505' && e.constraint === 'health_contacts_one_active') throw Conflict('problem.health-contact-exists');
  if (e.code === '23503' && e.constraint === 'health_contacts_clinician_at_clinic') throw Invalid('problem.health-contact-not-clinician');
  throw err;
}

/** Makes a clinician of the actor's clinic the patient's care coordinator or contact person there. */
export async function assignHealthContact(db: Db, actor: StaffActor, patientId: string, input: { practitionerId: string; role: HealthContactRole }): Promise<StaffHealthContacts> {
  const inserted = await store
    .insertAssignment(db, { patientId, clinicId: actor.clinicId, practitionerId: input.practitionerId, role: input.role, assignedBy: actor.personId })
    .catch(refusal);
  if (!inserted) throw Invalid('problem.health-contact-not-clinician');
  return staffHealthContacts(db, actor, patientId);
}

/** Ends an assignment of the actor's clinic (it stays as history) and writes it to the patient's access log. */
export async function endHealthContact(db: Db, actor: StaffActor, id: string): Promise<StaffHealthContacts> {
  const ended = await db.transaction().execute(async (tx) => {
    const row = await store.endAssignment(tx, id, actor.clinicId, actor.personId);
    if (!row) return undefined;
    await recordAccess(tx, {
      actorPersonId: actor.personId,
      actorKind: 'staff',
      subjectPersonId: row.patient_id,
      clinicId: actor.clinicId,
      action: 'patient.health-contacts.end',
      reason: 'treatment',
      requestId: actor.requestId,
    });
    return row;
  });
  if (!ended) {
    // Nothing was ended: say why, without telling another clinic's staff that the assignment exists.
    const found = await store.assignmentAt(db, id, actor.clinicId);
    throw found ? Conflict('problem.health-contact-ended') : NotFound();
  }
  return staffHealthContacts(db, actor, ended.patient_id);
}

/** Whom the patient can turn to at the clinic: the GP if the GP works there, and the clinicians assigned to them there. */
export async function patientContactsAt(db: Db, patientId: string, clinicId: string): Promise<PatientHealthContact[]> {
  const [gp, assigned] = await Promise.all([gpOf(db, patientId), store.activeAt(db, patientId, clinicId)]);
  const contacts: PatientHealthContact[] = assigned.map((r) => ({ practitionerId: r.practitioner_id, name: r.name, profession: r.profession, role: r.role }));
  if (gp && gp.clinic_id === clinicId) contacts.push({ practitionerId: gp.practitioner_id, name: gp.gp_name, profession: gp.profession, role: 'gp' });
  return contacts.sort(byContactOrder);
}
